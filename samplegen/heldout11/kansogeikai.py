"""Eleventh held-out set: a department's invitation to its farewell-and-welcome party (歓送迎会のご案内),
sent by the social club's organiser (幹事, named: no record) of one unit of the company. The letter
names the …付 personnel change that prompts the party in its opening paragraph; after 記 come the
party's 日時 (a later date with its weekday: a distractor), 場所, 会費, then the guests of honour:
【転出される方】 ・name さん, on the next line old post　→　new post (or old post（…付で退職 / 退任）, the day before),
【転入される方】 ・name さん, then new post（前　old post） or （中途入社）; the reading in brackets after
the name in about half the files (a post in the unit above its lowest rank is left or taken by one
person only); then the RSVP deadline (another distractor) and, under a cut line,
a reply slip (出欠票) with blanks. The company is printed once, with the unit, above the organiser.

Truth: 転出 then 転入, in printed order; the company the organiser's company; for 転出 the new post
after →, the old post before it; for 転入 the new post before （前, the old post inside it
((中途入社) → ""); a leaver's new post 退任, dated by its own …付; readings only where printed."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, tw

WEEKDAYS = "月火水木金土日"
PLACES = ("ダイニング ひなた 2階個室", "和食処 さくらぎ 宴会場", "ビストロ かざみどり（貸切）", "居酒屋 いろり庵 奥座敷")


def setup(ctx: Ctx) -> None:
    ctx.header = False
    ctx.date_style = ctx.rng.choice(("western", "era", "western_fw", "slash"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    party = eff + timedelta(days=r.randint(4, 24))
    reply = party - timedelta(days=r.randint(4, 8))
    organiser = ctx.people[0]  # records are popped from the list's end
    kana = r.random() < 0.5
    if not kana and not ctx.name_sep:  # without a reading the name carries its own split
        ctx.name_sep = "\u3000"
    host = r.choice(ctx.vocab.depts)
    unit = host[0]

    def guest(p) -> str:
        reading = f"（{ctx.ruby(p)}）" if kana else ""
        return f"・{ctx.name(p)}{reading}さん"

    outs, ins, used = [], [], set()
    for _ in range(n):
        p = ctx.person()
        going = r.random() < 0.5
        lowest = ctx.dept_post(host, len(ctx.vocab.posts[host[1]]) - 1)
        for _attempt in range(20):  # a post is taken by one newcomer or left by one person, but the lowest
            here, there = ctx.dept_post(host), ctx.dept_post()
            if (here not in used or here == lowest) and there != here:
                break
        else:
            here = lowest
            while there == here:
                there = ctx.dept_post()
        used.add(here)
        if going:
            word = r.choice(("", "", "", "退職", "退任"))
            outs.append((p, "" if word else there, here, word))
        else:
            old = "" if r.random() < 0.2 else there
            ins.append((p, here, old))

    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice((f"{unit}の皆さま", f"{unit}　各位", "関係各位")))
    cv.line_right(f"{ctx.company}　{unit}　親睦会")
    cv.line_right(f"幹事　{ctx.name(organiser)}")
    cv.title("歓送迎会のご案内")
    cv.para("皆さまにはますますご健勝のこととお喜び申し上げます。さて、", ctx.date(eff),
            "付の人事異動に伴い、次の方々が転出され、また新たに次の方々をお迎えすることとなりました。"
            "つきましては、これまでのご尽力への感謝と歓迎の意を込めて、下記のとおり歓送迎会を開催いたします。"
            "ご多用中とは存じますが、万障お繰り合わせのうえご出席くださいますようご案内申し上げます。", kinsoku=True)
    cv.center("記", gap=22)
    when = f"{ctx.date(party)}（{WEEKDAYS[party.weekday()]}）　18時30分～20時30分"
    for label, value in (("１．日　時", when), ("２．場　所", r.choice(PLACES)),
                         ("３．会　費", f"{r.choice((4000, 5000, 6000)):,}円（主賓の方は無料です）")):
        cv.line_left(f"{label}　　{value}", gap=20)
    cv.line_left("４．主　賓", gap=20)
    recs = []
    if outs:
        cv.line_left("【転出される方】", gap=20, x=cv.left + 20)
        for p, new, old, word in outs:
            cv.ensure(40)
            tail = f"{old}（{ctx.date(gone)}付で{word}）" if word else f"{old}{sp}→{sp}{new}"
            cv.line_left(guest(p), 10, gap=19, x=cv.left + 28)
            cv.line_left(tail, 10, gap=15, x=cv.left + 48)
            recs.append(Rec(p, gone if word else eff, ctx.company, new, old, word, kana=kana))
    if ins:
        cv.ensure(40)
        cv.line_left("【転入される方】", gap=22, x=cv.left + 20)
        for p, new, old in ins:
            cv.ensure(40)
            cv.line_left(guest(p), 10, gap=19, x=cv.left + 28)
            cv.line_left(f"{new}（{f'前{sp}{old}' if old else '中途入社'}）", 10, gap=15, x=cv.left + 48)
            recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    cv.ensure(150)
    cv.line_left(f"５．出欠のご連絡　　{ctx.date(reply)}までに、幹事（内線{r.randint(2000, 8999)}）までお知らせください。",
                 gap=22)
    cv.line_right("以上", gap=22)
    # The reply slip under a cut line.
    cv.y += 28
    cut = "－ － － － － － － － － キ リ ト リ － － － － － － － － －"
    cv.text((cv.w - tw(cut, 9)) / 2, cv.y, cut, 9, color=GRAY)
    cv.center("出　欠　票", 12, gap=26)
    cv.line_left(f"歓送迎会（{ctx.date(party)}）に　　□ 出席します　　□ 欠席します", gap=24)
    cv.line_left("ご所属　＿＿＿＿＿＿＿＿＿＿＿　　お名前　＿＿＿＿＿＿＿＿＿＿＿", gap=26)
    return recs


FORM = Form("kansogeikai", build, max_records=10, setup=setup)
