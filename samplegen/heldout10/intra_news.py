"""Tenth held-out set: a page of the company magazine (社内報) introducing the people a reshuffle put
into new posts. A coloured masthead (magazine name, Vol. and 年月号, 発行 人事部), a section label,
a headline with the …付 date, a lead paragraph, then one block per person: a 写真 placeholder box
with a caption under it (写真：name さん), and beside the photo the new post in bold, the name large
with the reading in brackets (about half the files), a 前職： line (the old post; for someone who
joined from another organisation the employer and the post there; 新卒 graduates are not in these
articles), and a short profile in prose with the year the person joined (a distractor) and a quote
in 「」. Leavers come after the blocks in a box: …付で次の方が退職されました, one ・old post　name
さん line each, with no reading. The magazine's issue month and the join years are distractors.

Truth: the blocks top to bottom, page by page, dated by the headline; the new post the bold line;
the old post the 前職 line without the outside employer; the leavers after them, dated by their box
(the day before), new post 退任, no reading."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import GRAY, Atom, Canvas, Ctx, Form, Rec, dates, tw
from samplegen.heldout10._parts import flow

TEAL, WHITE, PALE = (0.05, 0.42, 0.45), (1, 1, 1), (0.93, 0.96, 0.96)
MAGAZINES = ("かけはし", "ひろば", "Ｗａｖｅ", "みらい通信")
QUOTES = ("現場の声を大切に、一歩ずつ前に進めます。", "チームの力を最大限に引き出したいと思います。",
          "お客様に選ばれ続ける組織をつくります。", "これまでの経験を新しい職場で生かしていきます。",
          "風通しのよい職場づくりに取り組みます。", "挑戦を楽しめるチームにしたいです。")
PHOTO_W, PHOTO_H = 78.0, 96.0


def setup(ctx: Ctx) -> None:
    ctx.header = False  # the masthead is the header
    ctx.reading = ctx.rng.choice(("hira", "kata"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5
    page = cv.page
    page.draw_rect(pymupdf.Rect(cv.left, 36, cv.right, 78), color=None, fill=TEAL)
    mag = r.choice(MAGAZINES)
    cv.text(cv.left + 12, 64, f"社内報「{mag}」", 17, bold=True, color=WHITE)
    issue = f"Vol.{r.randint(40, 220)}　{announce.year}年{announce.month}月号"
    cv.text(cv.right - 10 - tw(issue, 9), 54, issue, 9, color=WHITE)
    pub = f"発行：{ctx.company} 人事部"
    cv.text(cv.right - 10 - tw(pub, 8), 68, pub, 8, color=WHITE)
    cv.y = 96
    cv.line_left("■ PEOPLE ― 人事", 10, gap=14)
    cv.page.draw_line((cv.left, cv.y + 5), (cv.right, cv.y + 5), color=TEAL, width=1.2)
    cv.y += 14
    cv.text(cv.left, cv.y + 12, f"新たなポストで活躍する皆さんを紹介します（{ctx.date(eff)}付人事異動）", 13, bold=True)
    cv.y += 16
    movers, leavers = [], []
    for _ in range(n):
        new, old, word = ctx.change("pptthho" if r.random() < 0.85 else "d")
        (leavers if word else movers).append((ctx.person(), new, old, word))
    if not movers:
        p, _l, old, _w = leavers.pop()
        movers.append((p, ctx.dept_post(), old, ""))
    flow(cv, [Atom(ctx.date(eff)), "付で実施された人事異動に伴い、新たなポストに就いた皆さんのうち", str(len(movers)),
              "名をご紹介します。新しい職場でのご活躍を期待しています。"], cv.left, cv.right, 10, indent=True)
    cv.y += 8
    recs = []
    for p, new, old, _w in movers:
        cv.ensure(PHOTO_H + 34)
        top = cv.y + 8
        box = pymupdf.Rect(cv.left, top, cv.left + PHOTO_W, top + PHOTO_H)
        cv.page.draw_rect(box, color=GRAY, fill=(0.88, 0.88, 0.88), width=0.5)
        cv.text(cv.left + (PHOTO_W - tw("PHOTO", 9)) / 2, top + PHOTO_H / 2 + 3, "PHOTO", 9, color=GRAY)
        cv.text(cv.left, top + PHOTO_H + 11, f"写真：{ctx.name(p)}さん", 7, color=GRAY)
        x = cv.left + PHOTO_W + 14
        cv.y = top
        cv.line_left(new, 10.5, gap=12, x=x)
        cv.y += 20
        cv.text(x, cv.y, ctx.name(p), 14, bold=True)
        if kana:
            cv.text(x + tw(ctx.name(p), 14) + 6, cv.y, f"（{ctx.ruby(p)}）", 8.5)
        joined = r.randint(1988, 2016)
        shown = old
        if not old:
            where, post = r.choice(ctx.vocab.outside)
            shown, old = ctx.words(where, post), post
            joined = eff.year - r.randint(1, 4)
        cv.line_left(f"前職：{shown}", 9, gap=17, x=x)
        cv.page.draw_rect(pymupdf.Rect(x, cv.y + 5, cv.right, cv.y + 5.6), color=None, fill=PALE)
        story = [f"{joined}年入社。", "経験豊富なキャリアを生かし、新たな組織づくりに取り組む。" if r.random() < 0.5
                 else "持ち前の行動力で周囲を巻き込み、成果を上げてきた。", f"「{r.choice(QUOTES)}」"]
        cv.y += 2
        flow(cv, story, x, cv.right, 9)
        cv.y = max(cv.y, top + PHOTO_H + 14)
        recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    if leavers:
        cv.ensure(40 + 16 * len(leavers))
        top = cv.y + 14
        height = 34 + 16 * len(leavers)
        cv.page.draw_rect(pymupdf.Rect(cv.left, top, cv.right, top + height), color=TEAL, fill=PALE, width=0.8)
        cv.y = top
        cv.line_left(f"{ctx.date(gone)}付で次の方が退職されました。長い間お疲れさまでした。", 9.5, gap=18, x=cv.left + 12)
        for p, _new, old, word in leavers:
            cv.line_left(f"・{old}　{ctx.name(p)}さん", 9.5, gap=16, x=cv.left + 20)
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=False))
        cv.y = top + height
    cv.line_right("（人事部 広報担当）", 8.5, gap=20)
    return recs


FORM = Form("intra_news", build, max_records=8, setup=setup)
