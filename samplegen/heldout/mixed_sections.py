"""Held-out form: one notice with a 異動 section, a 退職 section whose rows carry their own leaving date,
and sometimes a 新入社員 section."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, format_date, letterhead


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 2)
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動および退職者のお知らせ", "異動・退職のお知らせ")))
    cv.para(ctx.date(board), "付で決定した人事異動ならびに退職者について、下記のとおりお知らせします。", kinsoku=True)
    hires = r.randint(0, min(3, n - 2)) if r.random() < 0.5 else 0
    leavers = r.randint(1, max(1, min(4, n - hires - 1)))
    movers = n - hires - leavers
    numerals = iter("１２３")
    recs: list[Rec] = []
    if movers:
        cv.line_left(f"{next(numerals)}．人事異動（{ctx.date(eff)}付）", gap=26)
        rows = []
        for _ in range(movers):
            new, old, _dep = ctx.change("ptco")
            rec = Rec(ctx.person(), eff, ctx.company, new, old, kana=False)
            rows.append([Cell(ctx.name(rec.person, ctx.name_sep or "\u3000")), Cell(new), Cell(old)])
            recs.append(rec)
        draw_table(cv, [110, 187, 186], ["氏名", "新所属・役職", "旧所属・役職"], rows)
    cv.line_left(f"{next(numerals)}．退職者", gap=26)
    rows = []
    for _ in range(leavers):
        left = eff - timedelta(days=1) if r.random() < 0.6 else eff - timedelta(days=r.choice((11, 16, 26)))
        post = ctx.dept_post()
        rec = Rec(ctx.person(), left, ctx.company, "", post, "退職", kana=False)
        rows.append([Cell(ctx.name(rec.person, ctx.name_sep or "\u3000")), Cell(post),
                     Cell(format_date(left, ctx.date_style), center=True)])
        recs.append(rec)
    draw_table(cv, [110, 243, 130], ["氏名", "退職時所属・役職", "退職日"], rows)
    if hires:
        cv.line_left(f"{next(numerals)}．新入社員（{ctx.date(eff)}付入社）", gap=26)
        rows = []
        for _ in range(hires):
            rec = Rec(ctx.person(), eff, ctx.company, ctx.dept_post(rank=9), "")
            rows.append([Cell(ctx.name(rec.person, ctx.name_sep), ruby=ctx.ruby(rec.person)), Cell(rec.new)])
            recs.append(rec)
        draw_table(cv, [140, 343], ["氏名", "配属先"], rows)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("mixed_sections", build)
