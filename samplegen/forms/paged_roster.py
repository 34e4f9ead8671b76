"""A numbered table that always runs over two pages: the header row repeated on page 2, the
company as a running header on every page, page numbers, a ふりがな column of its own."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, kana_as, letterhead


def setup(ctx: Ctx) -> None:
    ctx.header = ctx.numbered = True
    if ctx.reading == "half":
        ctx.reading = "hira"


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 6)
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動通知", "人事異動のお知らせ")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、", ctx.date(eff),
            "付の人事異動を下記のとおり決定いたしました。")
    cv.para("なお、異動に伴う業務の引継ぎは各部門長の指示に従い、発令日までに完了してください。"
            "社内システムの権限変更は発令日当日に情報システム部にて行います。")
    cv.center("記")
    recs, rows = [], []
    for i in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        rows.append([Cell(str(i + 1), center=True), Cell(ctx.name(p)),
                     Cell(kana_as(p.kana_family, ctx.reading) + "\u3000" + kana_as(p.kana_given, ctx.reading)),
                     Cell(dep or new), Cell(old)])
        recs.append(Rec(p, eff, ctx.company, new, old, dep))
    draw_table(cv, [30, 95, 110, 124, 124], ["No.", "氏名", "ふりがな", "異動後", "異動前"], rows,
               break_after=n - r.randint(2, 4))
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("paged_roster", build, setup=setup)
