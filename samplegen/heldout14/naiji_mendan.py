"""Fourteenth held-out set: HR's schedule of the private meetings at which each person is told of
their coming move (人事異動 内示面談日程表), landscape, marked 【取扱注意】. The sheet's 作成 date (a
distractor) and 人事部 at the top right; the title carries the reshuffle's date (…付 人事異動); a
note that the heads tell each person in private and that the move is to be kept quiet until …
(the effective date again); then a ruled table No. | 面談日時 | 対象者 | 現所属・役職 | 内示内容 | 面談者 |
場所. 面談日時 is a date with weekday and time (a distractor, before the move); 対象者 is the name,
with its reading in brackets in small type above it in about half the files (katakana, half-width or
hiragana); 内示内容 is the new post, or for a secondment 「出向 <group company>」 above the post
there; 面談者 is the head who tells them (post and name: no record); 場所 a meeting room. A closing
note names the HR contact (no record). Long sheets run onto a second page.

Truth: every row in printed order; the date the title's …付 date; the company the announcing
company, or for a secondment the group company after 出向; the new post the 内示内容 cell (after the
company, for a secondment); the old post the 現所属・役職 cell; readings where printed."""
from __future__ import annotations

from datetime import datetime, timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, tw

WIDTHS = [26.0, 80.0, 96.0, 140.0, 174.0, 150.0, 64.0]
ROOMS = ("第１会議室", "第３会議室", "応接室Ａ", "小会議室（５階）", "オンライン")
WEEKDAYS = "月火水木金土日"


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "era", "western_fw", "era_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    kana = r.random() < 0.5
    if not kana and not ctx.name_sep:
        ctx.name_sep = "\u3000"
    contact = ctx.person()
    heads = [(ctx.dept_post(rank=0), ctx.person()) for _ in range(r.randint(2, 3))]
    cv.text(cv.left, cv.y - 24, "【取扱注意】", 10.5, bold=True)
    s = f"作成：{ctx.date(announce)}　{ctx.company}　人事部"
    cv.text(cv.right - tw(s, 9.5), cv.y - 24, s, 9.5)
    cv.title(f"{ctx.date(eff)}付　人事異動　内示面談日程表", 15)
    cv.line_left("内示は下記の日程で、面談者から対象者本人へ個別に伝えてください。異動内容は、"
                 f"{ctx.date(eff)}の発令まで本人以外には口外しないよう併せて伝えてください。", 9.5)
    days, day = [], datetime(announce.year, announce.month, announce.day, 9, 30)
    while len(days) < n // 3 + 1:  # the working days after the sheet is made
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    rows, recs = [], []
    for k in range(n):
        p = ctx.person()
        when = days[k // 3] + timedelta(minutes=(k % 3) * 90 + r.choice((0, 30)))
        slot = f"{when.month}/{when.day}（{WEEKDAYS[when.weekday()]}） {when.hour}:{when.minute:02d}"
        kind = r.choice("pptttco")
        new, old, _w = ctx.change(kind)
        company = ctx.company
        shown = new
        if kind == "t" and r.random() < 0.35:
            company = r.choice(ctx.vocab.group_companies)
            shown = f"出向 {company} {new}".replace(" ", ctx.sp)
        head_post, head = r.choice(heads)
        reading = f"（{ctx.ruby(p)}）" if kana else ""
        rows.append([Cell(str(k + 1), center=True), Cell(slot), Cell(ctx.name(p), ruby=reading), Cell(old), Cell(shown),
                     Cell(f"{head_post}{ctx.sp}{ctx.name(head, '')}"), Cell(r.choice(ROOMS))])
        recs.append(Rec(p, eff, company, new, old, kana=kana))
    draw_table(cv, WIDTHS, ["No.", "面談日時", "対象者", "現所属・役職", "内示内容", "面談者", "場所"], rows, size=9)
    cv.y += 8
    cv.line_left(f"※ 日程の変更・ご質問は人事部　{ctx.name(contact, chr(0x3000))}（内線4127）まで。", 9)
    cv.line_right("以上", gap=18)
    return recs


FORM = Form("naiji_mendan", build, max_records=14, landscape=True, setup=setup)
