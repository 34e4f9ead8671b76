"""A 発令日 line, then numbered entries (name, reading in brackets, 新：/旧：) set in two columns;
records go down the left column first."""
from __future__ import annotations

from samplegen.core import GRAY, LEFT, PAGE_W, RIGHT, Canvas, Ctx, Form, Rec, dates, letterhead, wrap_words


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title("人事異動")
    cv.para(ctx.date(board), "開催の取締役会において、下記のとおり人事異動を決定いたしました。")
    cv.center(f"発令日：{ctx.date(eff)}", gap=24)
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        recs.append(Rec(ctx.person(), eff, ctx.company, new, old, dep))
    half, top, col_w = (n + 1) // 2, cv.y + 14, (RIGHT - LEFT) / 2 - 18
    bottom = top
    open_, close = ("(", ")") if ctx.reading == "half" else ("（", "）")
    for i, rec in enumerate(recs):
        x = LEFT if i < half else LEFT + (RIGHT - LEFT) / 2 + 12
        if i in (0, half):
            cv.y = top
        cv.line_left(f"{i + 1}.　{ctx.name(rec.person)}{open_}{ctx.ruby(rec.person)}{close}", gap=20, x=x)
        lines = [("新：", rec.depart or rec.new)] + ([("旧：", rec.old)] if rec.old else [])
        for label, value in lines:
            for k, (_s, s) in enumerate(wrap_words(value, col_w - 30, 9.5)):
                cv.line_left((label if k == 0 else "") + s, 9.5, gap=14, x=x + 12 + (19 if k else 0))
        cv.y += 8
        bottom = max(bottom, cv.y)
    cv.page.draw_line((PAGE_W / 2 + 3, top), (PAGE_W / 2 + 3, bottom), color=GRAY, width=0.5)
    cv.y = bottom
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("two_column", build)
