"""Ninth held-out set: a management-meeting deck printed as a handout, three slides a page down the
left with ruled メモ lines on the right (PowerPoint's 3-slide handout), the deck's file name and
社外秘 in the page header and the page number in the footer. Slides in order: the cover (the deck's
title, the meeting date (a distractor), company, 人事部), 組織変更の概要 (bullets naming new units,
no persons), then 人事異動（…付）①②… with up to three entries a slide: ● name, then the new post,
then ← the old post (← 新規採用 for a hire, or ← 社外 employer post for someone from another
organisation), then 退任・退職（…付, the day before） with ● name, the old post and （退職） /
（退任）, and 今後のスケジュール with the 内示 and 社内公表 dates (distractors) and the 発令 date again.
A slide's number sits in its bottom right corner. No readings.

Truth: the entries slide by slide, top to bottom, page by page; each dated by its slide title; the
new post as printed, the old post after ← (新規採用 → "", 社外 and the employer dropped); a leaver's
new post 退任."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, tw, wrap_words

NAVY, WHITE = (0.1, 0.25, 0.45), (1, 1, 1)
SW, SH, SIZE = 270.0, 152.0, 8.0  # a 16:9 slide, and its body text size
PER_SLIDE = 3


def setup(ctx: Ctx) -> None:
    ctx.header = ctx.numbered = False  # the handout prints its own header and footer
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))  # no reading is printed, so the name keeps its split


class Handout:
    def __init__(self, cv: Canvas, ctx: Ctx, deck: str):
        self.cv, self.ctx, self.deck, self.slot, self.no = cv, ctx, deck, 0, 0
        self.first = True

    def slide(self, title: str, lines: list[tuple[str, float, bool]]) -> None:
        """Draw one slide: a title bar, then (text, indent, bold) lines, each wrapped between words."""
        cv = self.cv
        if self.slot == 3:
            cv.new_page()
            self.slot = 0
        if self.slot == 0:
            self.page_frame()
        self.no += 1
        x0, y0 = cv.left, cv.top + 12 + self.slot * (SH + 72)
        self.slot += 1
        cv.page.draw_rect(pymupdf.Rect(x0, y0, x0 + SW, y0 + SH), color=GRAY, width=0.6)
        if title:
            cv.page.draw_rect(pymupdf.Rect(x0, y0, x0 + SW, y0 + 22), color=None, fill=NAVY)
            cv.text(x0 + 8, y0 + 15, title, 10, bold=True, color=WHITE)
        y = y0 + 22 + 14
        for text, indent, bold in lines:
            for _o, part in wrap_words(text, SW - 16 - indent, SIZE):
                cv.text(x0 + 8 + indent, y, part, SIZE, bold=bold)
                y += SIZE + 3.5
        num = str(self.no)
        cv.text(x0 + SW - 6 - tw(num, 7), y0 + SH - 5, num, 7, color=GRAY)
        # Memo lines beside the slide, as the handout prints them.
        for k in range(7):
            ly = y0 + 14 + k * 20
            cv.page.draw_line((x0 + SW + 24, ly), (cv.right, ly), color=(0.7, 0.7, 0.7), width=0.4)

    def page_frame(self) -> None:
        cv = self.cv
        cv.text(cv.left, 40, self.deck, 7.5, color=GRAY)
        cv.text(cv.right - tw("社外秘", 8), 40, "社外秘", 8, bold=True, color=(0.75, 0.1, 0.1))
        cv.text(cv.left + SW + 24, cv.top + 6, "メモ", 7.5, color=GRAY)

    def finish(self) -> None:
        pages = self.cv.doc.page_count
        for page in self.cv.doc:
            s = f"{page.number + 1} / {pages}"
            page.insert_text(((self.cv.w - tw(s, 8)) / 2, self.cv.h - 30), s, fontname="japan", fontsize=8, color=BLACK)


def entry(ctx: Ctx, name: str, new: str, old: str) -> list[tuple[str, float, bool]]:
    return [(f"● {name}", 0.0, True), (new, 12.0, False), (f"← {old}", 12.0, False)]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    gone = eff - timedelta(days=1)
    fy = eff.year if eff.month > 3 else eff.year - 1
    deck = f"{board.year}{board.month:02d}{board.day:02d}_経営会議資料_人事体制.pptx"
    h = Handout(cv, ctx, deck)
    h.slide("", [("", 0, False), ("", 0, False), (f"{fy}年度 組織・人事体制について", 0, True), ("", 0, False),
                 (f"経営会議　{ctx.date(board)}", 0, False), (ctx.company, 0, False), ("人事部", 0, False)])
    units = r.sample(ctx.vocab.new_units, r.randint(1, len(ctx.vocab.new_units)))
    h.slide("組織変更の概要", [(f"・{u}を新設", 0, False) for u in units] +
            [("・新組織の責任者は次頁以降の人事異動で発令", 0, False)])
    moves, leavers = [], []
    for _ in range(n):
        new, old, word = ctx.change("ppttcoh" if r.random() < 0.8 else "d")
        (leavers if word else moves).append((ctx.person(), new, old, word))
    recs = []
    marks = "①②③④⑤⑥"
    chunks = [moves[i:i + PER_SLIDE] for i in range(0, len(moves), PER_SLIDE)]
    for k, chunk in enumerate(chunks):
        lines = []
        for p, new, old, _w in chunk:
            shown = old
            if not old:
                where, post = r.choice(ctx.vocab.outside) if r.random() < 0.4 else ("", "")
                shown = ctx.words("社外", where, post) if where else "新規採用"
                old = post
            lines += entry(ctx, ctx.name(p), new, shown)
            recs.append(Rec(p, eff, ctx.company, new, old, kana=False))
        suffix = marks[k] if len(chunks) > 1 else ""
        h.slide(f"人事異動（{ctx.date(eff)}付）{suffix}", lines)
    for k in range(0, len(leavers), PER_SLIDE):
        lines = []
        for p, _new, old, word in leavers[k:k + PER_SLIDE]:
            lines += [(f"● {ctx.name(p)}", 0.0, True), (f"{old}（{word}）", 12.0, False)]
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=False))
        h.slide(f"退任・退職（{ctx.date(gone)}付）", lines)
    h.slide("今後のスケジュール", [(f"・内示　　　{ctx.date(announce - timedelta(days=r.randint(1, 5)))}", 0, False),
                                  (f"・社内公表　{ctx.date(announce)}", 0, False),
                                  (f"・発令　　　{ctx.date(eff)}", 0, False),
                                  ("・引継ぎは発令日までに完了すること", 0, False)])
    h.finish()
    return recs


FORM = Form("slide_handout", build, max_records=10, setup=setup)
