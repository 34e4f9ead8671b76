"""Third held-out set: a ruled table where each person takes two rows, 新 above 旧 (a 区分 column),
with No., 氏名 and フリガナ merged over both rows and the department and the post in separate
columns (the post is the two cells joined by a space). Long tables continue on the next page."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, letterhead, tw
from samplegen.heldout3._layout import cell_height, draw_cell, wrapped

WIDTHS = [26.0, 92.0, 92.0, 30.0, 150.0, 93.0]
HEAD = ["No.", "氏　名", "フリガナ", "区分", "所　属", "役　職"]
SUB = 19.0


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "kata", "half"))


def _xs(cv: Canvas) -> list[float]:
    return [cv.left + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]


def _head(cv: Canvas) -> None:
    xs = _xs(cv)
    cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + SUB), color=BLACK, fill=(0.88, 0.9, 0.95), width=0.7)
    for i, h in enumerate(HEAD):
        cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + SUB), width=0.7)
        cv.text((xs[i] + xs[i + 1] - tw(h, 9)) / 2, cv.y + 13.5, h, 9, bold=True)
    cv.y += SUB


def _unit(ctx: Ctx) -> tuple[str, str]:
    name, kind = ctx.rng.choice(ctx.vocab.depts)
    return ctx.words(name), ctx.rng.choice(ctx.vocab.posts[kind])


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = min(n + r.randint(0, 6), len(ctx.people))
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動の件", "人事異動について", "人 事 異 動")))
    cv.line_left(f"発令日\u3000{ctx.date(eff)}", gap=26)
    cv.line_left("下記の者について、次のとおり異動を発令する。", gap=18)
    cv.y += 6
    _head(cv)
    xs = _xs(cv)
    recs = []
    for i in range(n):
        p = ctx.person()
        kind = r.choice("ttpphd")
        old = _unit(ctx)
        new = _unit(ctx)
        if kind == "p":
            name, k = next(d for d in ctx.vocab.depts if ctx.words(d[0]) == old[0])
            posts = ctx.vocab.posts[k]
            hi = r.randrange(len(posts))
            new, old = (old[0], posts[hi]), (old[0], posts[min(hi + 1, len(posts) - 1)])
        while new == old:
            new = _unit(ctx)
        if kind == "d":
            new_cells, old_cells = ("―", r.choice(("退任", "退職"))), old
        elif kind == "h":
            new_cells, old_cells = new, ("―", "（新規採用）")
        else:
            new_cells, old_cells = new, old
        sub = [[wrapped(c, WIDTHS[4 + j], 9) for j, c in enumerate(cells)] for cells in (new_cells, old_cells)]
        hs = [max(SUB, max(cell_height(c) for c in row) + 6) for row in sub]
        if cv.y + sum(hs) > cv.bottom - 20:
            cv.text(cv.right - tw("（次頁へ）", 8.5), cv.y + 13, "（次頁へ）", 8.5)
            cv.new_page()
            cv.y += 10
            _head(cv)
        top = cv.y
        cv.page.draw_rect(pymupdf.Rect(xs[0], top, xs[-1], top + sum(hs)), color=BLACK, width=0.7)
        for x in xs[1:-1]:
            cv.page.draw_line((x, top), (x, top + sum(hs)), width=0.5)
        cv.page.draw_line((xs[3], top + hs[0]), (xs[-1], top + hs[0]), color=GRAY, width=0.4)
        name_text = ctx.padded(p, 5) if ctx.name_sep == "" else ctx.name(p, ctx.name_sep)
        draw_cell(cv, xs[0], xs[1], top, sum(hs), [(str(i + 1), 9)], center=True)
        draw_cell(cv, xs[1], xs[2], top, sum(hs), [(name_text, 10)])
        draw_cell(cv, xs[2], xs[3], top, sum(hs), [(ctx.ruby(p), 8)])
        y = top
        for label, row, h in zip(("新", "旧"), sub, hs):
            draw_cell(cv, xs[3], xs[4], y, h, [(label, 9)], center=True)
            draw_cell(cv, xs[4], xs[5], y, h, row[0])
            draw_cell(cv, xs[5], xs[6], y, h, row[1])
            y += h
        cv.y = top + sum(hs)
        new_post = "" if kind == "d" else f"{new[0]} {new[1]}"
        old_post = "" if kind == "h" else f"{old[0]} {old[1]}"
        recs.append(Rec(p, eff, ctx.company, new_post, old_post, new_cells[1] if kind == "d" else ""))
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("rowspan_shinkyu", build, setup=setup)
