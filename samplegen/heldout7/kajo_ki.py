"""Seventh held-out set: a notice set out as 箇条書き between 記 and 以上, one item a person, numbered
in kanji (一、二、… 十一、), each naming the post first and then the person: 一、new post　name（現　old
post）. A hire has （新規採用） in place of the bracket; a leaver's item names 退職 / 退任 as its
post. One …付 date in the opening sentence; the notice's own date in the letterhead is a distractor.

Truth: records in item order; the post before the name is the new post (退職 / 退任 → 退任); the
bracket after 現 is the old post; （新規採用） gives old post ""; no readings are printed."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead, tw
from samplegen.heldout7._kanji import kanji_number


def setup(ctx: Ctx) -> None:
    ctx.name_sep = "\u3000"  # no reading is printed, so the name carries its own split


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動について", "人事異動の件", "人事発令のお知らせ")))
    cv.para(f"{ctx.date(eff)}付をもって、下記のとおり人事異動を行いますのでお知らせいたします。", kinsoku=True)
    cv.center("記", gap=24)
    cv.y += 8
    recs = []
    for i in range(n):
        p = ctx.person()
        new, old, word = ctx.change("ptptcohd")
        mark = f"{kanji_number(i + 1)}、"
        head, name = (word or new), ctx.name(p)
        tail = "（新規採用）" if not old else f"（現{ctx.sp}{old}）"
        line = f"{head}\u3000{name}{tail}"
        indent = cv.left + 14 + tw("十一、", 10.5)
        cv.ensure(40)
        cv.line_left(mark, gap=22, x=cv.left + 14)
        if indent + tw(line, 10.5) > cv.right:
            cv.text(indent, cv.y, f"{head}\u3000{name}", 10.5)
            cv.line_left(tail, gap=16, x=indent + tw("\u3000" * 2, 10.5))
        else:
            cv.text(indent, cv.y, line, 10.5)
        recs.append(Rec(p, eff, ctx.company, new, old, word, kana=False))
    cv.line_right("以上", gap=30)
    return recs


FORM = Form("kajo_ki", build, max_records=12, setup=setup)
