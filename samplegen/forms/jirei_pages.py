"""辞令 as issued: one page per person, the person's current post and name (殿) at the top left,
then the order itself (…を免じ / …に任命する / …を命ずる / 退職を承認する), the date and the president's
name at the bottom. The first page may be a cover listing nothing but the count."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, tw


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, _announce, _board = dates(ctx)
    n = min(n, 6)
    president = ctx.person()
    recs = []
    for i in range(n):
        if i:
            cv.new_page()
        new, old, dep = ctx.change()
        p = ctx.person()
        cv.title("辞　　令", 22)
        cv.y += 20
        if old:
            cv.line_left(old, 11, gap=24, x=cv.left + 20)
        cv.line_left(f"{ctx.name(p, ctx.name_sep or '　')}　殿", 14, gap=26, x=cv.left + 20)
        cv.y += 30
        if dep:
            body = [r.choice(("願いにより退職を承認する", "依願により退職を命ずる"))]
        elif not old:
            body = [f"{new}に任命する", "（新規採用）"]
        elif r.random() < 0.5:
            body = [f"{old}を免じ", f"{new}に任命する"]
        else:
            body = [f"{new}を命ずる"]
        for line in body:
            cv.line_left(line, 13, gap=30, x=cv.left + 60)
        cv.y += 40
        cv.line_left(f"{ctx.date(eff)}", 11, gap=30, x=cv.left + 60)
        sig = f"{ctx.company}　代表取締役社長　{ctx.name(president, '　')}"
        cv.line_left(sig, 11, gap=34, x=cv.right - tw(sig, 11))
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
    return recs


FORM = Form("jirei_pages", build, max_records=6)
