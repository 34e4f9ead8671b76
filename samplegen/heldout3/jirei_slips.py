"""Third held-out set: one framed 辞令 per person, three to a page with cut lines between them:
氏名 殿 (padded or not), …を免ずる / …を命ずる / …を委嘱する / 退職を承認する, each slip with its own
date and the president's name and seal mark; the president and the page's cut marks are no records."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, tw

SLIP = 222.0


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, _announce, _board = dates(ctx)
    president = ctx.person()
    boss = ctx.name(president, "\u3000")
    recs = []
    for i in range(n):
        if i and i % 3 == 0:
            cv.new_page()
        top = cv.top + (i % 3) * (SLIP + 18) - 8
        if i % 3:
            cv.page.draw_line((cv.left - 20, top - 9), (cv.right + 20, top - 9), color=GRAY, width=0.4,
                              dashes="[4 3] 0")
            cv.text((cv.w - tw("キリトリ", 6)) / 2, top - 11, "キリトリ", 6, color=GRAY)
        cv.page.draw_rect(pymupdf.Rect(cv.left, top, cv.right, top + SLIP), width=1.4)
        cv.page.draw_rect(pymupdf.Rect(cv.left + 4, top + 4, cv.right - 4, top + SLIP - 4), width=0.4)
        title = "辞\u3000\u3000令"
        cv.text((cv.w - tw(title, 16)) / 2, top + 34, title, 16, bold=True)
        p = ctx.person()
        new, old, dep = ctx.change()
        d = eff if r.random() < 0.8 else eff + timedelta(days=r.choice((10, 15)))
        x = cv.left + 40
        y = top + 64
        named_by_post = bool(old) and ("兼" in new or r.random() < 0.5)
        if named_by_post:
            cv.text(x, y, old, 10)  # the slip names the holder by the post held
            y += 20
        name = ctx.padded(p, 5) if r.random() < 0.5 else ctx.name(p, "\u3000")
        cv.text(x + 14, y, f"{name}\u3000殿", 13)
        y += 32
        lines = []
        if dep:
            lines.append(r.choice(("願いにより退職を承認する", "退職を命ずる")))
            if not named_by_post:
                lines.insert(0, f"{old}の職を免ずる")
        elif not old:
            if r.random() < 0.4:
                lines = [f"{new}を委嘱する"]
            else:
                lines = ["採用する", f"{new}を命ずる"]
        elif "兼" in new:  # the post held stays: only the added one is new
            lines = [f"{new}を命ずる"]
        else:
            lines = [f"{old}を免ずる", f"{new}を命ずる"]
        for s in lines:
            cv.text(x + 40, y, s, 11.5)
            y += 20
        cv.text(x + 40, top + SLIP - 52, ctx.date(d), 10.5)
        sign = f"{ctx.company}\u3000代表取締役社長\u3000{boss}"
        cv.text(cv.right - 40 - tw(sign, 10), top + SLIP - 24, sign, 10)
        cv.page.draw_circle((cv.right - 24, top + SLIP - 27), 9, color=(0.8, 0.1, 0.1), width=0.8)
        cv.text(cv.right - 29, top + SLIP - 24, "印", 8, color=(0.8, 0.1, 0.1))
        recs.append(Rec(p, d, ctx.company, new, old, dep, kana=False))
    return recs


FORM = Form("jirei_slips", build, max_records=8)
