"""Tenth held-out set: the approved request for a reshuffle (稟議書), as filed, the company's name small
above the title. Top right the approval boxes 社長 | 専務 | 人事部長 | 課長 | 起案者, each (but none,
one or two of the first four left blank) with a red round seal holding a surname and the date it
was stamped (people who approve: no records); a 様式 number at the foot. A ruled header
起案番号 / 起案日 / 決裁日 / 起案部署 / 起案者 (named: no record) / 件名 (…付人事異動の件); the
request (下記のとおり人事異動を実施したく…), １．発令日, ２．対象者: a ruled table No. | 氏名 |
現所属・役職 | 異動後所属・役職 | 理由, the old post BEFORE the new one; （中途採用） as 現所属 for a
hire; 退職（…付） as 異動後 for a leaver, the day before; ３．内示予定日 (a distractor), ４．添付資料.
No readings.

Truth: the table rows in order, dated by １．発令日 (a leaver by the date in its cell); the new post
異動後所属・役職 (退職 → 退任), the old post 現所属・役職 ((中途採用) → ""); the stamp surnames,
起案者 and the 起案日 / 決裁日 / 内示 dates are no part of it."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import GRAY, Canvas, Cell, Ctx, Form, Rec, dates, draw_table, tw

RED = (0.8, 0.1, 0.1)
BOXES = ("社長", "専務", "人事部長", "課長", "起案者")
WIDTHS = [26.0, 88.0, 144.0, 144.0, 81.0]
REASONS = {"p": ("昇格", "管理体制の強化"), "t": ("組織の活性化", "後任補充", "適材適所の配置"), "h": ("欠員補充", "専門人材の確保"),
           "c": ("兼務発令",), "o": ("執行役員選任",)}


def setup(ctx: Ctx) -> None:
    ctx.header = False
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))  # no reading is printed, so the name keeps its split


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    gone = eff - timedelta(days=1)
    drafted = board - timedelta(days=r.randint(3, 12))
    stampers = ctx.people[:5]  # records are popped from the list's end
    page = cv.page
    # The approval boxes: label row, then a seal with the surname and the stamping date.
    bw, x0 = 52.0, cv.right - 52.0 * len(BOXES)
    blank = set(r.sample(range(4), r.choice((0, 1, 1, 2))))
    for i, label in enumerate(BOXES):
        x = x0 + i * bw
        page.draw_rect(pymupdf.Rect(x, 40, x + bw, 54), color=(0, 0, 0), fill=(0.9, 0.9, 0.9), width=0.6)
        page.draw_rect(pymupdf.Rect(x, 54, x + bw, 104), color=(0, 0, 0), width=0.6)
        cv.text(x + (bw - tw(label, 8)) / 2, 50, label, 8)
        if i in blank:
            continue
        fam = stampers[i].family
        page.draw_circle((x + bw / 2, 75), 17, color=RED, width=1.0)
        size = 9 if len(fam) < 3 else 7.5
        cv.text(x + (bw - tw(fam, size)) / 2, 78, fam, size, color=RED)
        stamp = drafted + timedelta(days=4 - min(i, 4) + r.randint(0, 1))
        s = f"{stamp.month}/{stamp.day}"
        cv.text(x + (bw - tw(s, 6.5)) / 2, 101, s, 6.5, color=RED)
    cv.text(cv.left, 48, ctx.company, 8.5, color=GRAY)  # the company's own stationery
    cv.text(cv.left, 80, "稟　議　書", 20, bold=True)
    cv.y = 118
    decided = drafted + timedelta(days=r.randint(4, 9))
    head = [("起案番号", f"人{str(eff.year)[2:]}-{r.randint(1, 199):03d}"), ("起案日", ctx.date(drafted)),
            ("決裁日", ctx.date(decided)), ("起案部署", r.choice(("人事部 人事課", "人事総務部", "人事部"))),
            ("起案者", ctx.name(stampers[4])), ("件名", f"{ctx.date(eff)}付人事異動の件")]
    for label, value in head:
        page.draw_rect(pymupdf.Rect(cv.left, cv.y, cv.left + 80, cv.y + 20), color=(0, 0, 0), fill=(0.93, 0.93, 0.93),
                       width=0.6)
        page.draw_rect(pymupdf.Rect(cv.left + 80, cv.y, cv.right, cv.y + 20), color=(0, 0, 0), width=0.6)
        cv.text(cv.left + 8, cv.y + 14, label, 9.5)
        cv.text(cv.left + 88, cv.y + 14, value, 10)
        cv.y += 20
    cv.y += 8
    cv.para("下記のとおり人事異動を実施したく、ご決裁をお願いいたします。", kinsoku=True)
    cv.center("記", gap=22)
    cv.line_left(f"１．発令日　　{ctx.date(eff)}", gap=22)
    cv.line_left("２．対象者", gap=22)
    rows, recs = [], []
    for k in range(1, n + 1):
        p = ctx.person()
        kind = r.choice("ppttthcod")
        new, old, word = ctx.change(kind)
        if word:
            after, reason = f"{word}（{ctx.date(gone)}付）", r.choice(("定年退職", "自己都合", "任期満了"))
        else:
            after, reason = new, r.choice(REASONS[kind])
        rows.append([Cell(str(k), center=True), Cell(ctx.name(p)), Cell(old or "（中途採用）"), Cell(after),
                     Cell(reason)])
        recs.append(Rec(p, gone if word else eff, ctx.company, new, old, word, kana=False))
    draw_table(cv, WIDTHS, ["No.", "氏名", "現所属・役職", "異動後所属・役職", "理由"], rows, size=9)
    cv.ensure(70)
    cv.line_left(f"３．内示予定日　{ctx.date(announce)}", gap=24)
    cv.line_left("４．添付資料　　新旧組織図、対象者職務経歴書", gap=20)
    cv.line_right("以上", gap=24)
    cv.text(cv.left, cv.bottom + 10, f"様式第{r.randint(2, 19)}号（人事）", 7.5, color=GRAY)
    return recs


FORM = Form("ringi_sho", build, max_records=10, setup=setup)
