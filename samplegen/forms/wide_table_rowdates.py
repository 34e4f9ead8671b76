"""A landscape table whose rows carry their own date, in mixed styles within one table
(2025/04/01, R7.4.1, 令和７年４月１日), with a フリガナ column in half-width katakana and an 区分 column.
A departure prints ― as the new post and 退職 as its 区分; a hire prints ― as the old post."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, format_date, kana_as, tw

ROW_STYLES = ("slash0", "initial", "era_fw")


def setup(ctx: Ctx) -> None:
    ctx.header = True
    ctx.reading = ctx.rng.choice(("half", "half", "kata"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((15, 30, 31)))
    made = f"作成日：{ctx.date(announce)}"
    cv.text(cv.right - tw(made, 9.5), cv.y, made, 9.5)
    cv.title(r.choice(("人事異動一覧", "人事異動者一覧表", "異動発令一覧")))
    cv.line_left(f"{ctx.company}　人事部", 10)
    first_style = r.randrange(len(ROW_STYLES))
    recs, rows = [], []
    for i in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        d = later if r.random() < 0.25 else eff
        kind = "退職" if dep else "採用" if not old else "兼務" if "兼" in new else r.choice(("異動", "昇格", "異動"))
        reading = kana_as(p.kana_family, ctx.reading) + " " + kana_as(p.kana_given, ctx.reading)
        rows.append([Cell(format_date(d, ROW_STYLES[(first_style + i) % len(ROW_STYLES)]), center=True),
                     Cell(ctx.name(p)), Cell(reading), Cell("―" if dep else new, center=bool(dep)),
                     Cell(old or "―", center=not old), Cell(kind, center=True)])
        recs.append(Rec(p, d, ctx.company, new, old, "退職" if dep else ""))
    fixed = [95, 100, 110, 0, 0, 55]
    rest = (cv.right - cv.left - sum(fixed)) / 2
    widths = [w or rest for w in fixed]
    header = ["発令日", "氏名", "フリガナ", r.choice(("新職位", "新所属・役職", "異動後")),
              r.choice(("現職位", "旧所属・役職", "異動前")), "区分"]
    draw_table(cv, widths, header, rows, size=9.5)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("wide_table_rowdates", build, landscape=True, setup=setup)
