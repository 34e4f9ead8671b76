"""One ruled card per person, two rows each: 氏名 (reading in small kana above the name) and
発令日 on the first row, the new and the old post on the second, every value beside its shaded
label cell. Cards follow each other down the page and onto the next."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, format_date, tw

SIZE, ROW = 9.5, 26.0
LABELS = (("氏名", "発令日", "新所属", "旧所属"), ("氏　名", "異動日", "異動後", "異動前"),
          ("氏名", "発令日", "新役職", "現役職"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((7, 14, 31)))
    cv.line_right(ctx.date(announce), 9.5, gap=0)
    cv.line_right(f"{ctx.company}　{r.choice(('人事部', '人事総務部', '人事部長'))}", 9.5)
    cv.title(r.choice(("人事異動発令", "人事異動の通知", "異動者一覧")))
    cv.para("以下の者について、記載の日付で異動を発令します。")
    labels = r.choice(LABELS)
    style = r.choice(("era", "slash0", "western_fw", "initial"))
    reading = r.random() < 0.75
    lw = 52.0
    xs = (cv.left, cv.left + lw, cv.left + 230, cv.left + 230 + lw, cv.right)
    cv.y += 8
    recs: list[Rec] = []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        d = later if r.random() < 0.25 else eff
        if cv.y + 2 * ROW + 10 > cv.bottom:
            cv.new_page()
        top = cv.y + 10
        for k in range(2):
            y = top + k * ROW
            for a, b in ((xs[0], xs[1]), (xs[2], xs[3])):
                cv.page.draw_rect(pymupdf.Rect(a, y, b, y + ROW), color=BLACK, fill=(0.88, 0.88, 0.88), width=0.5)
            for a, b in ((xs[1], xs[2]), (xs[3], xs[4])):
                cv.page.draw_rect(pymupdf.Rect(a, y, b, y + ROW), color=BLACK, width=0.5)
        cv.page.draw_rect(pymupdf.Rect(xs[0], top, xs[4], top + 2 * ROW), color=BLACK, width=1.0)
        values = (ctx.named(p, reading), format_date(d, style), dep or new, old or "―")
        for i, (label, value) in enumerate(zip(labels, values)):
            k, j = divmod(i, 2)
            y, x = top + k * ROW, xs[2 * j]
            cv.text(x + (lw - tw(label, 9)) / 2, y + 17, label, 9, bold=True)
            size = min(SIZE, SIZE * (xs[2 * j + 2] - xs[2 * j + 1] - 10) / max(tw(value, SIZE), 1))
            if i == 0 and reading:
                cv.text(xs[1] + 6, y + 9, ctx.ruby(p), 6.5)
                cv.text(xs[1] + 6, y + 21, value, SIZE + 0.5)
            else:
                cv.text(xs[2 * j + 1] + 6, y + 17, value, size)
        cv.y = top + 2 * ROW
        recs.append(Rec(p, d, ctx.company, new, old, dep, kana=reading))
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("card_rows", build)
