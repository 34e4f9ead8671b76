"""A short internal bulletin: dated headings (■ …付), then one line per person, 旧 → 新
(or 新（前：旧）), departures as → 退職 and hires as （新規採用） → 新. No readings."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, tw


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.line_right(f"{ctx.company}　人事部　{ctx.date(announce)}", 9.5, gap=0)
    cv.title(r.choice(("人事異動", "社内報　人事異動", "人事異動のお知らせ")))
    arrow, style = r.choice(("→", "⇒", "▶")), r.choice(("arrow", "arrow", "mae"))
    k = 1 if n < 3 else r.randint(1, 2)
    cut = n if k == 1 else r.randint(1, n - 1)
    # One date per heading: the second heading's date is drawn once, not per person under it
    # (drawn per person, the truth gave dates the page never prints).
    later = eff + timedelta(days=r.choice((14, 30, 31)))
    recs = []
    for i in range(n):
        d = eff if i < cut else later
        if i in (0, cut):
            cv.line_left(f"■ {ctx.date(d)}付", 11, gap=28)
        new, old, dep = ctx.change()
        p = ctx.person()
        name = ctx.name(p, ctx.name_sep or "\u3000")
        if style == "mae" and old and not dep:
            first, second, joiner = new, f"（前：{old}）", ""
        else:
            first, second, joiner = old or "（新規採用）", f"{arrow} {dep or new}", "\u3000"
        head = f"・{name}\u3000{first}"
        cv.ensure(40)
        if tw(head + joiner + second, 10.5) <= cv.right - cv.left - 10:
            cv.line_left(head + joiner + second, gap=19, x=cv.left + 10)
        else:  # the new post goes on a line of its own, under the posts
            cv.line_left(head, gap=19, x=cv.left + 10)
            cv.line_left(second, gap=16, x=cv.left + 10 + tw(f"・{name}\u3000", 10.5))
        recs.append(Rec(p, d, ctx.company, new, old, dep, kana=False))
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("arrow_lines", build, max_records=10)
