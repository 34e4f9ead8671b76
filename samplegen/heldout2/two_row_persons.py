"""Second held-out set: a ruled table where each person takes two rows, the name above and its
reading below (a dashed rule between them), while No., the posts and the date span both rows;
names are sometimes padded to equal width. Long tables go on to the next page with the header."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, format_date, tw, wrap_words

SIZE, SUB = 9.5, 17.0
WIDTHS = (30.0, 110.0, 138.0, 138.0, 67.0)


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "half", "half"))


def _xs(cv: Canvas) -> list[float]:
    return [cv.left + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]


def _header(cv: Canvas, heads: tuple[str, ...]) -> None:
    xs = _xs(cv)
    cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 2 * SUB), color=BLACK, fill=(0.88, 0.88, 0.88),
                      width=0.6)
    for i, h in enumerate(heads):
        cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 2 * SUB), width=0.6)
        if i == 1:  # 氏名 above, フリガナ below
            top, bottom = h.split("/")
            cv.page.draw_line((xs[1], cv.y + SUB), (xs[2], cv.y + SUB), color=GRAY, width=0.4, dashes="[2] 0")
            cv.text((xs[1] + xs[2] - tw(top, SIZE)) / 2, cv.y + SUB - 5, top, SIZE, bold=True)
            cv.text((xs[1] + xs[2] - tw(bottom, 8)) / 2, cv.y + 2 * SUB - 5, bottom, 8, bold=True)
        else:
            cv.text((xs[i] + xs[i + 1] - tw(h, SIZE)) / 2, cv.y + SUB + 4, h, SIZE, bold=True)
    cv.y += 2 * SUB


def _person(cv: Canvas, heads: tuple[str, ...], cells: list[str], reading: str) -> None:
    xs = _xs(cv)
    wrapped = [[s for _o, s in wrap_words(c, WIDTHS[i] - 10, SIZE)] for i, c in enumerate(cells)]
    h = max(2 * SUB, max(len(w) for w in wrapped) * (SIZE + 4) + 10)
    if cv.y + h > cv.bottom - 20:
        cv.text(cv.right - tw("（次頁に続く）", 9), cv.y + 14, "（次頁に続く）", 9)
        cv.new_page()
        cv.y += 10
        _header(cv, heads)
    cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
    for x in xs[1:-1]:
        cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.6)
    mid = cv.y + h / 2
    cv.page.draw_line((xs[1], mid), (xs[2], mid), color=GRAY, width=0.4, dashes="[2] 0")
    cv.text(xs[1] + 6, mid - 5, cells[1], SIZE + 1)
    cv.text(xs[1] + 6, mid + SUB - 5, reading, 8)
    for i in (0, 2, 3, 4):
        lines = wrapped[i]
        top = cv.y + (h - len(lines) * (SIZE + 4)) / 2 + SIZE + 1  # centred in the spanned height
        for k, s in enumerate(lines):
            x = (xs[i] + xs[i + 1] - tw(s, SIZE)) / 2 if i in (0, 4) else xs[i] + 5
            cv.text(x, top + k * (SIZE + 4), s, SIZE)
    cv.y += h


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = min(max(n, 4) + r.randint(0, 8), len(ctx.people))
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((14, 31)))
    cv.line_right(f"{r.choice(('人発', '人事'))}第{r.randint(12, 480)}号", 9, gap=0)
    cv.line_right(ctx.date(announce), 9)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.line_right(f"{ctx.company}\u3000人事部長", 9.5)
    cv.title(r.choice(("人事異動について（通知）", "人事異動通知")))
    cv.para("標記について、下表のとおり発令しますので通知します。", kinsoku=True)
    heads = ("No.", r.choice(("氏名/フリガナ", "氏　名/フ リ ガ ナ")), r.choice(("異動後", "新所属・役職")),
             r.choice(("異動前", "旧所属・役職")), "発令日")
    style = r.choice(("slash0", "initial", "era", "dot"))
    padded = r.random() < 0.6
    cv.y += 8
    _header(cv, heads)
    recs = []
    for i in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        d = later if r.random() < 0.2 else eff
        name = ctx.padded(p, 5) if padded else ctx.name(p, ctx.name_sep or "\u3000")
        reading = ctx.ruby(p)
        _person(cv, heads, [str(i + 1), name, dep or new, old or "―", format_date(d, style)], reading)
        recs.append(Rec(p, d, ctx.company, new, old, dep))
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("two_row_persons", build, setup=setup)
