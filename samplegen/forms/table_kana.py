"""人事異動（…付）, then a ruled table 氏名 / 新役職 / 旧役職 with the reading small above each name;
the company and representative in the footer signature. Long tables break to page 2 with the header repeated."""
from __future__ import annotations

from samplegen.core import PAGE_H, RIGHT, Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead, tw


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce, company=False)  # the company is in the footer signature
    cv.title(f"人事異動（{ctx.date(eff)}付）")
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり人事異動を決議いたしましたので、お知らせいたします。")
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        recs.append(Rec(ctx.person(), eff, ctx.company, new, old, dep))
    rows = [[Cell(ctx.name(r.person), ruby=ctx.ruby(r.person)), Cell(r.depart or r.new), Cell(r.old)] for r in recs]
    split = n - ctx.rng.randint(2, 4) if n >= 7 and ctx.rng.random() < 0.6 else None
    draw_table(cv, [130, 177, 176], ["氏名", "新役職", "旧役職"], rows, break_after=split)
    cv.line_right("以上", gap=22)
    sig = f"会社名　{ctx.company}　　代表者名　代表取締役社長　{ctx.name(ctx.person(), chr(0x3000))}"
    cv.text(RIGHT - tw(sig, 9), PAGE_H - 60, sig, 9)
    return recs


FORM = Form("table_kana", build)
