"""Held-out form: a greeting letter with a numbered 記 list and the sender at the end."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("お取引先各位", "関係各位")))
    cv.title(r.choice(("人事異動のご挨拶", "人事異動についてのご通知")))
    cv.para("拝啓　時下ますますご清栄のこととお慶び申し上げます。平素は格別のご高配を賜り、厚く御礼申し上げます。",
            kinsoku=True)
    cv.para("さて、弊社では", ctx.date(eff), "付をもちまして、下記のとおり人事異動を行いましたので、ご通知申し上げます。"
            "今後とも変わらぬご指導ご鞭撻を賜りますようお願い申し上げます。", kinsoku=True)
    cv.line_right("敬具")
    cv.center("記")
    marks = r.choice(("１２３４５６７８９", "123456789", "①②③④⑤⑥⑦⑧⑨"))
    recs = []
    for i in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        mark = (f"{marks[i]}．" if marks[0] in "１1" else marks[i]) if i < 9 else f"{i + 1}．"
        name = ctx.name(p, ctx.name_sep or "\u3000")
        cv.ensure(40)
        if dep:
            cv.line_left(f"{mark}{dep}\u3000{name}", gap=22)
            cv.line_left(f"（前職：{old}）", 10, gap=16, x=cv.left + 24)
        else:
            cv.line_left(f"{mark}{new}\u3000{name}", gap=22)
            cv.line_left(f"（前職：{old}）" if old else "（新規入社）", 10, gap=16, x=cv.left + 24)
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
    cv.line_right("以上", gap=24)
    rep = ctx.person()
    cv.ensure(60)
    cv.y = max(cv.y + 10, cv.bottom - 50)  # the sender signs at the foot of the page
    for s in (ctx.company, f"代表取締役社長\u3000{ctx.name(rep, chr(0x3000))}"):
        cv.line_right(s, gap=17)
    return recs


FORM = Form("letter_kigo", build, max_records=9)
