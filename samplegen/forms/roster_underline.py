"""The whole line-up 氏名 / 新役職 / 旧役職 with the changed part underlined (下線部：変更箇所):
only underlined rows are records. Names may be printed without a space, with the reading above."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title("組織体制変更のお知らせ")
    cv.para(ctx.date(eff), "付で下記のとおり体制を変更いたしますので、お知らせいたします。なお、本件は",
            ctx.date(board), "開催の取締役会で決議されたものです。")
    cv.center("記")
    cv.line_left(f"（{ctx.date(eff)}付）")
    cv.line_right("（下線部：変更箇所）", 9, gap=14)
    rows: list[Rec] = []
    for _ in range(n):
        new, old, _dep = ctx.change("ptc")
        if new.startswith(old) and old:  # concurrent post added: underline only the added part
            ul = (len(old) + 1, len(new))
        elif old and new.split(ctx.sp)[:-1] == old.split(ctx.sp)[:-1] and ctx.sp in new:
            ul = (new.rindex(ctx.sp) + 1, len(new))  # same department: underline the post only
        else:
            ul = (0, len(new))
        rows.append(Rec(ctx.person(), eff, ctx.company, new, old, ul=ul))
    for _ in range(ctx.rng.randint(1, max(1, min(4, 14 - n)))):
        same = ctx.dept_post()
        rows.insert(ctx.rng.randint(0, len(rows)), Rec(ctx.person(), eff, ctx.company, same, same, changed=False))
    cells = [[Cell(ctx.name(r.person), ruby=ctx.ruby(r.person)), Cell(r.new, ul=r.ul), Cell(r.old)] for r in rows]
    draw_table(cv, [125, 180, 178], ["氏名", "新役職", "旧役職"], cells)
    cv.line_right("以上", gap=22)
    return [r for r in rows if r.changed]


FORM = Form("roster_underline", build)
