"""Fourteenth held-out set: a joint greeting card announcing an officer reshuffle (役員異動のご挨拶), set
in vertical writing (縦書き) on a landscape sheet, columns read right to left, as such cards are
printed. The text layer has one glyph per character, column by column from the right; the long
vowel mark and brackets are turned a quarter for vertical writing. 謹啓 … the sentence 「さて 弊社に
おきましては <date>付をもちまして 下記のとおり役員の異動を行いましたので ご通知申し上げます」 with the
date in kanji numerals (令和七年六月一日, or 二〇二五年六月一日), … 謹白; the card's month (令和七年七月, no day:
a distractor); then 記 and the whole new line-up, one column per officer, rank order: the post at the
top of the column, the name at the foot (no reading, the name split by an ideographic space or
padded). A new officer has a small 新任 beside the name; an officer whose post changed has a small
（前　old post） beside it; an officer with neither mark stays in office (no record). Then 退任 and
the leaving officers, post then name. At the far left the company, and its 代表取締役社長 (the
first officer of the line-up, a record only when marked).

Truth: the marked officers in printed order, then the leavers; the date the kanji date in the
sentence; the new post the column's post; the old post the text after 前 (新任: ""); a leaver's
new post 退任 and old post the post printed above the name; no readings."""
from __future__ import annotations

from datetime import date

import pymupdf

from samplegen.core import Ctx, Form, Person, Rec, dates

KANJI = "〇一二三四五六七八九"
ROTATE = set("ー－（）「」〔〕…～")
ERA_START = (("令和", date(2019, 5, 1)), ("平成", date(1989, 1, 8)))


def number(n: int) -> str:
    """31 → 三十一 (days, months and era years)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else KANJI[tens] + "十")) + ("" if ones == 0 else KANJI[ones])


def kanji_date(d: date, western: bool, day: bool = True) -> str:
    """令和七年六月一日 (元年 for the first year), or 二〇二五年六月一日 with digit-by-digit years."""
    if western:
        year = "".join(KANJI[int(c)] for c in str(d.year))
    else:
        era, start = next((e, s) for e, s in ERA_START if d >= s)
        n = d.year - start.year + 1
        year = era + ("元" if n == 1 else number(n))
    return f"{year}年{number(d.month)}月" + (f"{number(d.day)}日" if day else "")


class Vertical:
    """Columns of glyphs from the right edge of the page leftwards."""

    def __init__(self, cv, top: float, bottom: float):
        self.cv, self.top, self.bottom = cv, top, bottom
        self.x = cv.right

    def column(self, s: str, size: float = 11.5, pitch: float = 20, start: float = 0.0, foot: bool = False,
               advance: bool = True) -> None:
        """One column of `s`; `start` skips down from the top; `foot` sets it flush with the bottom."""
        x = self.x - pitch / 2 - size / 2
        y = self.bottom - len(s) * size if foot else self.top + start
        for c in s:
            self.glyph(x, y, c, size)
            y += size
        if advance:
            self.x -= pitch

    def glyph(self, x: float, y: float, c: str, size: float) -> None:
        page = self.cv.page
        if c in ROTATE:  # turned a quarter clockwise about the glyph's centre
            centre = pymupdf.Point(x + size / 2, y + size / 2)
            page.insert_text((x, y + size * 0.88), c, fontname="japan", fontsize=size,
                             morph=(centre, pymupdf.Matrix(-90)))
        elif c in "、。":  # punctuation sits top right in vertical writing
            page.insert_text((x + size * 0.6, y + size * 0.35), c, fontname="japan", fontsize=size)
        else:
            page.insert_text((x, y + size * 0.88), c, fontname="japan", fontsize=size)

    def prose(self, s: str, size: float = 11.5, pitch: float = 20, indent: bool = True) -> None:
        per = int((self.bottom - self.top) // size)
        s = ("\u3000" if indent else "") + s
        while s:
            self.column(s[:per], size, pitch)
            s = s[per:]

    def skip(self, pitch: float) -> None:
        self.x -= pitch


def setup(ctx: Ctx) -> None:
    ctx.name_sep = "\u3000"
    ctx.sp = "\u3000"
    ctx.header = ctx.numbered = False  # a card has no running header or page number


PROMOTE = {"取締役副社長": ("専務取締役",), "専務取締役": ("常務取締役",), "常務取締役": ("取締役",),
           "常勤監査役": ("取締役",)}


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, _announce, _board = dates(ctx)
    western = r.random() < 0.3
    padded = r.random() < 0.4
    v = Vertical(cv, 58.0, cv.h - 58.0)
    cv.page.draw_rect((28, 28, cv.w - 28, cv.h - 28), color=(0.55, 0.55, 0.55), width=0.8)
    leavers = r.randint(0, min(2, n - 1))
    marked = n - leavers

    def name(p: Person) -> str:
        return ctx.padded(p, 5) if padded else ctx.name(p, "\u3000")

    def director() -> str:
        dept, kind = r.choice(ctx.vocab.depts)
        return r.choice(("取締役", "取締役\u3000" + dept + ctx.vocab.posts[kind][0].removeprefix(
            "ディビジョン" if kind == "division" else "オフィス")))

    # The new line-up in rank order: (post, person, mark, old post).
    slots = ["代表取締役社長", *(["取締役副社長"] if r.random() < 0.4 else []), "専務取締役", "常務取締役",
             "取締役", "取締役", "常勤監査役", *(["監査役"] if r.random() < 0.5 else [])]
    while len(slots) < marked + 1:
        slots.insert(-1, "取締役")
    chosen = set(r.sample(range(len(slots)), marked))
    lineup, recs = [], []
    for i, post in enumerate(slots):
        if post == "取締役":
            post = director()
        p = ctx.person()
        if i not in chosen:
            lineup.append((post, p, "", ""))
        elif post in PROMOTE and r.random() < 0.7:
            old = r.choice(PROMOTE[post])
            old = director() if old == "取締役" else old
            lineup.append((post, p, "前", old))
        elif post.startswith("取締役") and r.random() < 0.5:
            dept, kind = r.choice(ctx.vocab.depts)
            old = "執行役員\u3000" + dept + "\u3000" + ctx.vocab.posts[kind][0]
            lineup.append((post, p, "前", old))
        else:
            lineup.append((post, p, "新任", ""))
    leaving = [(r.choice(("取締役", "常務取締役", "監査役")), ctx.person()) for _ in range(leavers)]

    v.skip(8)
    v.column("謹啓\u3000時下ますますご清栄のこととお慶び申し上げます")
    v.prose("平素は格別のご高配を賜り厚く御礼申し上げます")
    v.prose(f"さて\u3000弊社におきましては\u3000{kanji_date(eff, western)}付をもちまして\u3000下記のとおり役員の異動を"
            "行いましたので\u3000ご通知申し上げます")
    if leaving:
        v.prose("退任いたしました者に対する在任中のご厚情に深謝いたしますとともに\u3000新任の者に対しましても"
                "何卒倍旧のご指導ご鞭撻を賜りますようお願い申し上げます")
    else:
        v.prose("新任の者に対しましても\u3000何卒倍旧のご指導ご鞭撻を賜りますようお願い申し上げます")
    v.prose("まずは略儀ながら書中をもちましてご挨拶申し上げます")
    v.column("謹白", foot=True)
    v.skip(8)
    v.column(kanji_date(_card_month(eff), western, day=False), start=11.5)
    v.skip(4)
    v.column("記", start=(v.bottom - v.top) / 2 - 6)
    top_name = (v.bottom - v.top) * 0.55
    for post, p, mark, old in lineup:
        v.column(post, advance=False, pitch=24)
        v.column(name(p), start=top_name, foot=True, pitch=24)
        if mark == "新任":
            v.column("新任", size=8, pitch=11, foot=True)
            recs.append(Rec(p, eff, ctx.company, post, "", kana=False))
        elif mark:
            v.column(f"（前\u3000{old}）", size=8, pitch=11, foot=True)
            recs.append(Rec(p, eff, ctx.company, post, old, kana=False))
        else:
            v.skip(11)
    if leaving:
        v.skip(10)
        v.column("退任", start=11.5)
        for post, p in leaving:
            v.column(post, advance=False, pitch=24)
            v.column(name(p), start=top_name, foot=True, pitch=24)
            recs.append(Rec(p, eff, ctx.company, "", post, "退任", kana=False))
    v.skip(14)
    v.column(ctx.company, size=13, pitch=24, start=90)
    v.column("代表取締役社長\u3000" + ctx.name(lineup[0][1], "\u3000"), start=120)
    return recs


def _card_month(eff: date) -> date:
    """The card goes out the month after the change (a distractor: no day is printed)."""
    return date(eff.year + (eff.month == 12), eff.month % 12 + 1, 1)


FORM = Form("aisatsujo_tate", build, max_records=8, landscape=True, setup=setup)
