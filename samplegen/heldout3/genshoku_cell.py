"""Third held-out set: 〇月〇日付 in the title (the year only in the sentence below it), then a table
with horizontal rules only: 氏名 with its reading in brackets on the line below, and one cell holding
the new post above （現 old post）; a 備考 column (昇格 / 兼務 / 嘱託 / 退任) and ※ footnotes."""
from __future__ import annotations

from samplegen.core import Atom, Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout3._layout import table, wrapped

WIDTHS = [118.0, 270.0, 95.0]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    md = f"{eff.month}月{eff.day}日付"
    cv.title(r.choice((f"{md} 人事異動のお知らせ", f"人事異動（{md}）について", f"{md}人事について")))
    cv.para("当社は、", Atom(ctx.date(eff)), "付で下記のとおり人事異動を行いますので、お知らせいたします。", kinsoku=True)
    cv.center("記", gap=26)
    gen = r.choice(("現", "現職"))
    recs, rows = [], []
    for _ in range(n):
        p = ctx.person()
        new, old, dep = ctx.change()
        note = ""
        if dep:
            note = dep
        elif "兼" in new:
            note = "兼務"
        elif r.random() < 0.15 and old:  # re-employed after retirement age
            new, note = ctx.words(r.choice(ctx.vocab.depts)[0], "嘱託"), r.choice(("定年後再雇用", "嘱託"))
        elif not old:
            note = r.choice(("新規採用", "中途採用"))
        elif r.random() < 0.4:
            note = "昇格"
        reading = r.random() < 0.85
        name = [(ctx.named(p, reading), 10.5)] + ([(f"（{ctx.ruby(p)}）", 7.5)] if reading else [])
        posts = wrapped(dep or new, WIDTHS[1], 10)
        if old:
            posts += wrapped(f"（{gen}{r.choice((' ', chr(0x3000), ''))}{old}）", WIDTHS[1], 9)
        rows.append([name, posts, [(note, 9)]])
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=reading))
    table(cv, WIDTHS, ["氏　名", "新役職（現役職）", "備　考"], rows, rules="rows", centered=(2,))
    cv.ensure(60)
    cv.line_left("※（　）内は現役職です。", 8.5, gap=22)
    cv.line_left("※ 本件に関するお問い合わせは人事総務部までお願いいたします。", 8.5, gap=13)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("genshoku_cell", build, max_records=14)
