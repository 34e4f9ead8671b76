"""Running prose: one paragraph per person (就任 / 任命 / 昇任 / 退任 / 採用 sentences), each sentence with
its own date, the dates printed in different styles within one document. Posts and names are
never broken across lines; the rest of the prose wraps anywhere, as Japanese does."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Canvas, Ctx, Form, Rec, dates, format_date, letterhead

STYLES = ("era", "western", "era_fw", "slash", "western_fw", "era_sp")


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    effs = [eff, eff + timedelta(days=r.choice((14, 30, 31))), eff + timedelta(days=61)]
    styles = r.sample(STYLES, 3)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動のお知らせ", "役員および幹部社員の異動について", "人事に関するお知らせ")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり人事異動を決定いたしましたので、"
            "お知らせいたします。", kinsoku=True)
    reading = r.random() < 0.5
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change("ptohd")  # prose never prints "A 兼 B"
        p = ctx.person()
        d = r.choice(effs)
        day = Atom(format_date(d, r.choice(styles)))
        name = Atom(ctx.named(p, reading) + (f"（{ctx.ruby(p)}）" if reading else ""))
        o, w = Atom(old), Atom(new)
        if dep:
            parts = (o, "の", name, "は、", day, f"付で{dep}いたしました。")
        elif not old:
            parts = (day, "付で、", name, "を", w, "として採用いたしました。")
        else:
            parts = r.choice((
                (o, "の", name, "は、", day, "付で", w, "に就任いたしました。"),
                (day, "付で、", o, "の", name, "を", w, "に任命いたしました。"),
                (name, "（現", ctx.sp, o, "）は、", day, "付をもって", w, "に就任いたします。"),
                (o, "の", name, "は、", day, "付で", w, "に昇任いたしました。"),
            ))
        cv.para(*parts, kinsoku=True)
        recs.append(Rec(p, d, ctx.company, new, old, dep, kana=reading))
    if r.random() < 0.6:
        org = effs[-1] + timedelta(days=r.choice((14, 31)))
        cv.para("また、", ctx.date(org), "付で", Atom(ctx.words(r.choice(ctx.vocab.new_units))),
                "を新設いたします。", kinsoku=True)
    if r.random() < 0.6:
        contact = ctx.person()
        cv.para("本件に関するお問い合わせ先：人事部", ctx.sp, Atom(ctx.name(contact, "\u3000")))
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("prose_notice", build, max_records=8)
