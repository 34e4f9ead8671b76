"""Seventh held-out set: a group release (グループ会社人事のお知らせ) with one ruled table per company,
the company's name printed as the table's caption in a shaded row spanning the table's width above
its header (■ optional), the announcing company's own table first, then one or two group
companies. Each table is 氏名 | 新役職 | 旧役職; readings, when printed, sit small above the name.
One …付 date in the opening sentence; the release date and the publisher (the parent) in the
letterhead.

Truth: records table by table, row by row; each record's company is its table's caption; 退任 /
退職 in 新役職 → 退任; ― in 旧役職 (a hire) gives old post ""; readings only where printed."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead
from samplegen.heldout7.vocab import GROUP_OF

WIDTHS = [110.0, 186.0, 187.0]


def caption(cv: Canvas, s: str, mark: bool) -> None:
    cv.ensure(80)
    cv.y += 14
    cv.page.draw_rect(pymupdf.Rect(cv.left, cv.y, cv.left + sum(WIDTHS), cv.y + 19), color=BLACK,
                      fill=(0.78, 0.84, 0.92), width=0.6)
    label = ("■ " if mark else "") + s
    cv.text(cv.left + 6, cv.y + 14, label, 10.5, bold=True)
    cv.y += 19 - 6  # draw_table opens with a 6-point gap: the header sits right under the caption


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce, company=False)
    cv.line_right(ctx.company)
    cv.title(r.choice(("グループ会社人事のお知らせ", "当社グループの人事異動について", "グループ各社の人事について")))
    cv.para(f"当社および当社グループ会社は、{ctx.date(eff)}付で下記のとおり人事異動を行いますので、お知らせいたします。",
            kinsoku=True)
    cv.center("記", gap=22)
    companies = [ctx.company] + list(GROUP_OF.get(ctx.company, ()))[: r.choice((1, 2, 2))]
    kana, mark = r.random() < 0.5, r.random() < 0.5
    recs: list[Rec] = []
    per = [1] * len(companies)
    for _ in range(max(0, n - len(companies))):
        per[r.randrange(len(companies))] += 1
    for company, k in zip(companies, per):
        caption(cv, company, mark)
        rows = []
        for _ in range(k):
            p = ctx.person()
            new, old, word = ctx.change("ptptcohd")
            rows.append([Cell(ctx.named(p, kana), ruby=ctx.ruby(p) if kana else ""), Cell(word or new),
                         Cell(old or "―", center=not old)])
            recs.append(Rec(p, eff, company, new, old, word, kana=kana))
        draw_table(cv, WIDTHS, ["氏名", "新役職", "旧役職"], rows, size=9.5)
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("group_captions", build, max_records=12)
