"""Seventh held-out set: an HR bulletin introducing the people who move (新任者のご紹介), each a small
framed card in a grid three cards wide, read left to right, then row by row: a photo placeholder box
(写真), the new post in small bold type, the name large, the katakana reading small under it, and
（前 old post） or （新規採用）. The …付 date is in the heading above the grid; leavers are not
carded but listed after the grid in one sentence with their own date, the day before
(…付で退職 / 退任いたしました：name（old post）、…).

Truth: cards in reading order (left to right, row by row), then the leavers in the order of the
sentence; a card's new post is its small line above the name, the （前 ）bracket its old post
(（新規採用） → ""); a leaver's new post is 退任, the old post the bracket after the name; leavers
print no reading."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, letterhead, tw, wrap_words

COLS, GAP, CARD_H = 3, 10.0, 138.0


def setup(ctx: Ctx) -> None:
    ctx.reading = "kata"


def card(cv: Canvas, x: float, w: float, new: str, name: str, reading: str, note: str) -> None:
    top = cv.y
    cv.page.draw_rect(pymupdf.Rect(x, top, x + w, top + CARD_H), color=BLACK, width=0.7)
    px = x + (w - 44) / 2
    cv.page.draw_rect(pymupdf.Rect(px, top + 8, px + 44, top + 62), color=GRAY, fill=(0.93, 0.93, 0.93),
                      width=0.5, dashes="[2 2] 0")
    cv.text(px + 22 - tw("写真", 7) / 2, top + 38, "写真", 7, color=GRAY)
    y = top + 76
    for _o, s in wrap_words(new, w - 10, 8):
        cv.text(x + (w - tw(s, 8)) / 2, y, s, 8, bold=True)
        y += 11
    y += 6
    cv.text(x + (w - tw(name, 12)) / 2, y, name, 12)
    y += 12
    cv.text(x + (w - tw(reading, 7)) / 2, y, reading, 7)
    y += 12
    for _o, s in wrap_words(note, w - 10, 7.5):
        cv.text(x + (w - tw(s, 7.5)) / 2, y, s, 7.5)
        y += 10


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("新任者のご紹介", "人事異動のお知らせ（新任者紹介）", "ＨＲだより　人事異動特集")))
    cv.line_left(f"■ {ctx.date(eff)}付 人事異動", 11, gap=30)
    cv.para("このたび下記のとおり着任いたしますので、ご紹介いたします。", size=9.5)
    cv.y += 12
    w = (cv.right - cv.left - GAP * (COLS - 1)) / COLS
    recs, leavers = [], []
    cards = n if n < 3 else n - r.randint(0, 2)
    for i in range(cards):
        p = ctx.person()
        new, old, _word = ctx.change("ptptcoh")
        if i % COLS == 0:
            if i:
                cv.y += CARD_H + GAP
            cv.ensure(CARD_H + 10)
        x = cv.left + (i % COLS) * (w + GAP)
        card(cv, x, w, new, ctx.name(p, "\u3000"), ctx.ruby(p), f"（前{ctx.sp}{old}）" if old else "（新規採用）")
        recs.append(Rec(p, eff, ctx.company, new, old))
    cv.y += CARD_H
    for _ in range(n - cards):
        p = ctx.person()
        _new, old, word = ctx.change("d")
        leavers.append((p, old, word))
    if leavers:
        word = leavers[0][2]
        gone = eff - timedelta(days=1)
        listed = "、".join(f"{ctx.name(p, chr(0x3000))}（{old}）" for p, old, _w in leavers)
        cv.y += 8
        cv.para(f"なお、次の方は{ctx.date(gone)}付で{word}いたしました：", listed, "。", size=9.5, kinsoku=True)
        recs += [Rec(p, gone, ctx.company, "", old, word, kana=False) for p, old, _w in leavers]
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("photo_cards", build, max_records=12, setup=setup)
