"""Seventh held-out set: a ministry-style 人事異動 list: ruled table 発令事項 | 氏名 | 現職 in that
order, the order a government 発令 is read (what is ordered, to whom, from which post). 発令事項 reads
"<new post>を命ずる" / "<new post>に任命する", or 退職を承認する / 退任を承認する; 現職 holds the
old post or （新規採用）. The opening sentence carries no date: the only date is the closing line
in 和暦 with kanji numerals (令和八年四月一日), above the signature and 以上. A 文書番号 sits in
the letterhead.

Truth: records in row order; the effective date is the closing line's date; the new post is
発令事項 without を命ずる / に任命する; 退職 / 退任を承認する → 退任; （新規採用） gives old post "";
no readings are printed."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, fullwidth
from samplegen.heldout7._kanji import kanji_date


def setup(ctx: Ctx) -> None:
    ctx.name_sep = "\u3000"


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, _announce, _board = dates(ctx)
    number = "".join(fullwidth(c) for c in str(r.randint(3, 240)))
    cv.line_right(f"{r.choice(('人発', '総人発', '人事'))}第{number}号", gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.title(r.choice(("人事異動", "人事異動発令", "発令一覧")))
    cv.para("下記のとおり人事異動を発令する。")
    rows, recs = [], []
    verb = r.choice(("を命ずる", "に任命する"))
    for _ in range(n):
        p = ctx.person()
        new, old, word = ctx.change("ptptcohd")
        order = f"{word}を承認する" if word else new + verb
        rows.append([Cell(order), Cell(ctx.name(p), center=True), Cell(old or "（新規採用）")])
        recs.append(Rec(p, eff, ctx.company, new, old, word, kana=False))
    draw_table(cv, [205.0, 88.0, 190.0], ["発令事項", "氏名", "現職"], rows, size=9.5)
    cv.ensure(90)
    cv.line_left(kanji_date(eff), gap=34, x=cv.left + 20)
    cv.line_right(ctx.company, gap=22)
    cv.line_right(ctx.words("代表取締役社長", ctx.name(ctx.person())), gap=17)
    cv.line_right("以上", gap=28)
    return recs


FORM = Form("hatsurei_jiko", build, max_records=12, setup=setup)
