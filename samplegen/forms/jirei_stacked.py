"""辞令-style list: for each person a 新 line above a 旧 line, the name to the right between them,
padded to equal width (林　　　浩) and without a reading. Runs onto a second page when long."""
from __future__ import annotations

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, tw, wrap_words

LABELS = (("新", "旧"), ("新職", "旧職"), ("【新】", "【旧】"), ("（新）", "（旧）"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.line_right(ctx.company)
    cv.line_right(r.choice(("人事部", "人事部長", "人事総務部")))
    cv.title(r.choice(("辞　令", "人事発令", "発　令")))
    cv.center(r.choice((f"発令日　{ctx.date(eff)}", f"{ctx.date(eff)}付")), gap=24)
    new_label, old_label = r.choice(LABELS)
    width = r.choice((4, 5))
    name_x = cv.right - tw("\u3000" * 6, 11)
    post_x = cv.left + tw(new_label, 10.5) + 12
    cv.y += 10
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        lines = [(new_label, s) for _k, s in wrap_words(dep or new, name_x - post_x - 16, 10.5)]
        if old:
            lines += [(old_label, s) for _k, s in wrap_words(old, name_x - post_x - 16, 10.5)]
        cv.ensure(len(lines) * 17 + 20)
        first = cv.y + 17
        shown = set()
        for label, s in lines:
            cv.y += 17
            if label not in shown:
                cv.text(cv.left, cv.y, label, 10.5)
                shown.add(label)
            cv.text(post_x, cv.y, s, 10.5)
        cv.text(name_x, (first + cv.y) / 2 + 2, ctx.padded(p, width), 11)
        cv.y += 9
        cv.page.draw_line((cv.left, cv.y), (cv.right, cv.y), color=GRAY, width=0.4, dashes="[2] 0")
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("jirei_stacked", build)
