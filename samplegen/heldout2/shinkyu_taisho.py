"""Second held-out set: a 新旧対照表 whose columns run 新 | 氏名 | 旧 (the new post on the left, the
name in the middle, the old post on the right), one date in an abbreviated style above the table;
names sometimes padded to equal width, hires shown as （新規採用） and departures as 退任 / 退職."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, tw


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("initial", "initial", "dot", "era_sp"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    stamp = f"{ctx.date(announce)}　{ctx.company}　{r.choice(('人事総務部', '人事部', '総務人事部'))}"
    cv.text(cv.right - tw(stamp, 9), cv.y, stamp, 9)
    cv.title(r.choice(("管理職 新旧対照表", "人事異動 新旧対照表", "役職者異動 新旧対照表")))
    cv.line_left(f"発令：{ctx.date(eff)}付", gap=24)
    reading, padded = r.random() < 0.5, r.random() < 0.5
    heads = r.choice((("新", "氏名", "旧"), ("新（異動後）", "氏　名", "旧（異動前）"), ("新所属・役職", "氏名", "旧所属・役職")))
    recs, rows = [], []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        rec = Rec(p, eff, ctx.company, new, old, dep, kana=reading)
        name = ctx.padded(p, 5) if padded else ctx.named(p, reading)
        rows.append([Cell(dep or new), Cell(name, ruby=ctx.ruby(p) if reading else "", center=True),
                     Cell(old or r.choice(("（新規採用）", "（中途採用）", "―")))])
        recs.append(rec)
    draw_table(cv, [190, 103, 190], list(heads), rows)
    cv.line_left("※ 役職の記載は発令時点のものです。", 8.5, gap=16)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("shinkyu_taisho", build, setup=setup)
