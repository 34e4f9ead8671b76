"""A ruled table grouped by effective date: the 発令日 cell is merged over every row of its group
(the date printed once, in the middle of the group), the name cell carries the reading in brackets
on a second line, and posts wrap over several lines (department, post, 兼 and the concurrent post
each on a line of their own). Column order varies between documents."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, format_date, letterhead, tw, wrap_words

SIZE, LEAD = 9.5, 13.0


def _lines(post: str, sp: str) -> list[str]:
    """One line per word group: the department, its post, then 兼 with the next department."""
    out: list[str] = []
    for w in post.split(sp):
        if out and w != "兼" and not out[-1].endswith("兼") and not w.endswith(("部", "室", "支店", "所", "センター", "本部")):
            out[-1] += sp + w
        elif out and out[-1] == "兼":
            out[-1] += sp + w
        else:
            out.append(w)
    return out or [""]


def _fit(lines: list[str], width: float) -> list[str]:
    """Lines too wide for the column wrap between words (a post never runs into the next column)."""
    return [part for s in lines for _o, part in wrap_words(s, width - 10, SIZE)]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動のお知らせ", "人事異動について", "組織人事のお知らせ")))
    cv.para("下記のとおり人事異動を発令しましたのでお知らせいたします。")
    cv.center("記")
    style = r.choice(("era", "western", "slash0", "era_fw", "dot"))
    groups = [eff] if n < 3 or r.random() < 0.3 else [eff, eff + timedelta(days=r.choice((14, 15, 31)))]
    cut = n if len(groups) == 1 else r.randint(1, n - 1)
    order = r.choice((("date", "name", "new", "old"), ("date", "name", "old", "new"),
                      ("name", "new", "old", "date")))
    heads = {"date": r.choice(("発令日", "異動日")), "name": r.choice(("氏名", "氏　名")),
             "new": r.choice(("新", "新役職", "異動後")), "old": r.choice(("旧", "旧役職", "異動前"))}
    widths = {"date": 92.0, "name": 118.0, "new": 137.0, "old": 136.0}
    xs = [cv.left]
    for c in order:
        xs.append(xs[-1] + widths[c])
    col = {c: i for i, c in enumerate(order)}
    reading = r.random() < 0.7
    cv.y += 10

    def header() -> None:
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 18), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
        for i, c in enumerate(order):
            cv.text((xs[i] + xs[i + 1] - tw(heads[c], SIZE)) / 2, cv.y + 13, heads[c], SIZE, bold=True)
            cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 18), width=0.6)
        cv.y += 18

    header()
    recs: list[Rec] = []
    for g, d in enumerate(groups):
        members = range(0, cut) if g == 0 else range(cut, n)
        top, x_date = cv.y, xs[col["date"]]
        for _ in members:
            new, old, dep = ctx.change()
            p = ctx.person()
            cells = {"name": [ctx.named(p, reading)] + ([f"（{ctx.ruby(p)}）"] if reading else []),
                     "new": _fit(_lines(dep or new, ctx.sp), widths["new"]),
                     "old": _fit(_lines(old, ctx.sp), widths["old"]) if old else ["―"]}
            h = max(len(v) for v in cells.values()) * LEAD + 8
            if cv.y + h > cv.bottom - 20:  # close the merged date cell on this page, repeat it on the next
                _date_cell(cv, x_date, x_date + widths["date"], top, cv.y, format_date(d, style))
                cv.new_page()
                cv.y += 10
                header()
                top = cv.y
            # Row rules span every column but the merged date cell (first or last column).
            x0, x1 = (xs[1], xs[-1]) if col["date"] == 0 else (xs[0], xs[-2])
            cv.page.draw_rect(pymupdf.Rect(x0, cv.y, x1, cv.y + h), color=BLACK, width=0.6)
            for c, lines in cells.items():
                i = col[c]
                cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + h), width=0.6)
                for k, s in enumerate(lines):
                    cv.text(xs[i] + 5, cv.y + 4 + (k + 1) * LEAD - 3, s, SIZE if k == 0 or c != "name" else 7.5)
            cv.y += h
            recs.append(Rec(p, d, ctx.company, new, old, dep, kana=reading))
        _date_cell(cv, x_date, x_date + widths["date"], top, cv.y, format_date(d, style))
    cv.line_right("以上", gap=22)
    return recs


def _date_cell(cv: Canvas, x0: float, x1: float, top: float, bottom: float, s: str) -> None:
    # One box over the whole group, the date printed once in its middle.
    cv.page.draw_rect(pymupdf.Rect(x0, top, x1, bottom), color=BLACK, width=0.6)
    cv.text((x0 + x1 - tw(s, SIZE)) / 2, (top + bottom) / 2 + 3, s, SIZE)


FORM = Form("merged_dates", build)
