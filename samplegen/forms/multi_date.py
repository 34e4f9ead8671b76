"""An internal memo with numbered sections, each with its own …付 date and its own table; the column
order varies and a 所属会社 column (当社 or a group company) appears in some files."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import LEFT, RIGHT, Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    k = 1 if n == 1 else r.randint(2, min(3, n))
    effs = [date(eff.year + (eff.month + i - 1) // 12, (eff.month + i - 1) % 12 + 1, eff.day) for i in range(k)]
    letterhead(cv, ctx, announce)
    cv.title("人事異動のお知らせ")
    cv.para(ctx.date(board), "開催の取締役会の決議に基づき、下記のとおり人事異動を発令いたします。")
    if r.random() < 0.5:
        org = effs[-1] + timedelta(days=r.choice((14, 31)))
        cv.para("なお、", ctx.date(org), "付で", ctx.words(r.choice(ctx.vocab.new_units)),
                "を新設いたします。")
    cv.center("記")
    name_first, with_company = r.random() < 0.5, r.random() < 0.35
    cuts = sorted(r.sample(range(1, n), k - 1)) if k > 1 else []
    recs: list[Rec] = []
    for i, (a, b) in enumerate(zip([0] + cuts, cuts + [n])):
        cv.line_left(f"{'１２３'[i]}．　{ctx.date(effs[i])}付", gap=26)
        rows = []
        for _ in range(b - a):
            new, old, dep = ctx.change()
            co = r.choice(ctx.vocab.group_companies) if with_company and r.random() < 0.4 else "当社"
            rec = Rec(ctx.person(), effs[i], ctx.company if co == "当社" else co, new, old, dep, kana=False)
            p = rec.person
            pad = "\u3000" * max(1, 4 - len(p.family) - len(p.given))  # 均等割り
            name = Cell(p.family + (pad if r.random() < 0.5 else ctx.sp) + p.given, center=True)
            posts = [Cell(rec.depart or rec.new), Cell(rec.old)]
            extra = [Cell(co, center=True)] if with_company else []
            rows.append([name, *extra, *posts] if name_first else [*posts, name, *extra])
            recs.append(rec)
        cols = ["氏名", *(["所属会社"] if with_company else []), "新職", "旧職"]
        widths = [100, *([130] if with_company else []), 0, 0]
        rest = (RIGHT - LEFT - sum(widths)) / 2
        widths = [w or rest for w in widths]
        if not name_first:
            cols, widths = cols[-2:] + cols[:-2], widths[-2:] + widths[:-2]
        draw_table(cv, widths, cols, rows)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("multi_date", build)
