"""Third held-out set: a landscape table with a two-level header (新 and 旧 each split into 所属 and
役職; the post is the two cells joined by a space), a フリガナ column, a 備考 column with 昇格 / 委嘱 /
嘱託 / 退任 notes, often 平成 dates; long tables simply continue on a second page without the
header, under a （前頁より続く） mark."""
from __future__ import annotations

from datetime import date

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, tw
from samplegen.heldout3._layout import cell_height, draw_cell, wrapped

WIDTHS = [28.0, 95.0, 110.0, 135.0, 80.0, 135.0, 80.0, 67.0]
SIZE = 9.0


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "half"))
    ctx.date_style = ctx.rng.choice(("era", "era", "era_fw", "era_sp"))


def _unit(ctx: Ctx) -> tuple[str, str]:
    name, kind = ctx.rng.choice(ctx.vocab.depts)
    return ctx.words(name), ctx.rng.choice(ctx.vocab.posts[kind])


def _head(cv: Canvas, xs: list[float]) -> None:
    y = cv.y
    cv.page.draw_rect(pymupdf.Rect(xs[0], y, xs[-1], y + 32), color=BLACK, fill=(0.92, 0.92, 0.92), width=0.7)
    for i in (1, 2, 3, 5, 7):
        cv.page.draw_line((xs[i], y), (xs[i], y + 32), width=0.7)
    for i in (4, 6):
        cv.page.draw_line((xs[i], y + 16), (xs[i], y + 32), width=0.5)
    cv.page.draw_line((xs[3], y + 16), (xs[7], y + 16), width=0.5)

    def c(s: str, a: float, b: float, yy: float) -> None:
        cv.text((a + b - tw(s, SIZE)) / 2, yy, s, SIZE, bold=True)
    for i, s in ((0, "No"), (1, "氏名"), (2, "フリガナ"), (7, "備考")):
        c(s, xs[i], xs[i + 1], y + 20)
    c("新", xs[3], xs[5], y + 12)
    c("旧", xs[5], xs[7], y + 12)
    for i, s in ((3, "所属"), (4, "役職"), (5, "所属"), (6, "役職")):
        c(s, xs[i], xs[i + 1], y + 28)
    cv.y += 32


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = min(n + r.randint(4, 10), len(ctx.people))
    eff, announce, _board = dates(ctx)
    if r.random() < 0.5:  # the last years of 平成
        eff = date(r.choice((2017, 2018, 2019)), r.choice((1, 4, 4, 10)), 1)
        announce = date(eff.year - (eff.month == 1), (eff.month - 2) % 12 + 1, r.randint(10, 25))
    cv.line_right(ctx.date(announce), 9.5, gap=0)
    cv.line_right(f"{ctx.company}\u3000人事部", 9.5)
    cv.title(f"人事異動一覧（{ctx.date(eff)}付）", 13)
    xs = [cv.left + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
    cv.y += 12
    _head(cv, xs)
    recs = []
    for i in range(n):
        p = ctx.person()
        kind = r.choice("ttppdhi")
        new, old = _unit(ctx), _unit(ctx)
        while new == old:  # a change must change something
            new = _unit(ctx)
        note = {"t": "転任", "p": "昇格", "d": "退任", "h": "新任", "i": ""}[kind]
        if kind == "i":  # a commission after retirement: 嘱託 or 委嘱
            new = (old[0], r.choice(("嘱託", "参与")))
            note = r.choice(("定年再雇用", "委嘱"))
        new_cells = ("", r.choice(("退任", "退職"))) if kind == "d" else new
        old_cells = ("", "") if kind == "h" else old
        cells = [[(str(i + 1), SIZE)], [(ctx.name(p, ctx.name_sep or "\u3000"), 10)], [(ctx.ruby(p), 8)]]
        cells += [wrapped(s, WIDTHS[3 + k], SIZE) for k, s in enumerate(new_cells + old_cells)]
        cells.append([(note, 8.5)])
        h = max(cell_height(c) for c in cells) + 9
        if cv.y + h > cv.bottom:
            cv.new_page()
            cv.text(cv.left, cv.y - 4, "（前頁より続く）", 8.5)
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
        for x in xs[1:-1]:
            cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.5)
        for k, lines in enumerate(cells):
            draw_cell(cv, xs[k], xs[k + 1], cv.y, h, lines, center=k in (0, 7))
        cv.y += h
        recs.append(Rec(p, eff, ctx.company, "" if kind == "d" else f"{new[0]} {new[1]}",
                        "" if kind == "h" else f"{old[0]} {old[1]}", new_cells[1] if kind == "d" else ""))
    cv.ensure(30)
    cv.line_left("※ 備考欄の「委嘱」は業務委嘱契約、「定年再雇用」は嘱託社員としての再雇用を示す。", 8, gap=18)
    return recs


FORM = Form("landscape_twolevel", build, max_records=16, landscape=True, setup=setup)
