"""Fourteenth held-out set: an industry association's notice of its board election (役員改選のお知らせ),
sent to its members. The association (一般社団法人 … / 公益社団法人 …) is the announcing body (the
company); the notice is signed by its 事務局長 (named: no record) under the notice date (a
distractor). The opening sentence names the general meeting (第N回通常総会, its date a distractor) and
the date the new board took office (…付をもって就任); then 記, １．新役員 — a ruled table 役職 | 氏名 |
所属・役職 | 備考 with the whole new board in rank order: 所属・役職 is the officer's own firm and post
there (their employer: never the company, never a post of the record); 備考 is 新任, 再任 (same post
again: no record) or 前 <old post> for an officer whose post in the association changed. The name
carries a small hiragana reading above it in about half the files. ２．退任役員 — 役職 | 氏名 |
所属・役職 of the officers who left at the meeting (another date: their term ended at the general
meeting, …付退任).

Truth: the 新任 and 前… rows in printed order, then the leavers; the company the association; the
date the …付 date of the sentence (a leaver: the 退任 date in the heading of section ２); the new
post the 役職 cell; the old post the text after 前 (新任: ""); a leaver's new post 退任 and old post
the 役職 cell; readings where printed."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout14.vocab import ASSOCIATIONS, FIRM_POSTS, MEMBER_FIRMS

WIDTHS = [70.0, 96.0, 216.0, 101.0]
UP = {"会長": "副会長", "副会長": "理事", "専務理事": "常務理事", "常務理事": "理事", "理事": "監事"}


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(ASSOCIATIONS)
    ctx.date_style = ctx.rng.choice(("era", "era_fw", "western", "era"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))
    ctx.reading = "hira"


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    meeting = eff - timedelta(days=r.randint(1, 9))
    kana = r.random() < 0.5
    if not kana and not ctx.name_sep:
        ctx.name_sep = "\u3000"  # no reading: the name carries its own split
    clerk = ctx.person()
    leavers = r.randint(0, min(3, n - 1))
    changed = n - leavers
    posts = ["会長", *["副会長"] * r.randint(1, 3), "専務理事", *["常務理事"] * r.randint(0, 1),
             *["理事"] * r.randint(3, 6), *["監事"] * r.randint(1, 2)]
    while len(posts) < changed + 2:
        posts.insert(posts.index("監事"), "理事")
    picked = set(r.sample(range(len(posts)), changed))

    def firm() -> str:
        if r.random() < 0.12:
            return "（学識経験者）"
        return f"{r.choice(MEMBER_FIRMS)}{ctx.sp}{r.choice(FIRM_POSTS)}"

    cv.line_right(ctx.date(announce), 10, gap=0)
    cv.line_left("会員各位", 10.5)
    cv.line_right(ctx.company, 10.5)
    cv.line_right(f"事務局長　{ctx.name(clerk, chr(0x3000))}", 10)
    cv.title(r.choice(("役員改選のお知らせ", "役員改選について（ご報告）")), 15)
    nth = f"第{r.randint(11, 68)}回通常総会"
    cv.para("平素より当会の事業運営に格別のご理解とご協力を賜り、厚く御礼申し上げます。さて、", ctx.date(meeting),
            f"に開催いたしました{nth}において任期満了に伴う役員の改選が行われ、同日の理事会における互選を経て、",
            ctx.date(eff), "付をもって下記のとおり新役員が就任いたしましたので、ご報告申し上げます。", kinsoku=True)
    cv.center("記", gap=24)
    cv.line_left("１．新役員", 10.5, gap=20)
    rows, recs = [], []
    for i, post in enumerate(posts):
        p = ctx.person()
        if i not in picked:
            note = "再任"
        elif post in UP and r.random() < 0.5:
            note = f"前{ctx.sp}{UP[post]}"
            recs.append(Rec(p, eff, ctx.company, post, UP[post], kana=kana))
        else:
            note = "新任"
            recs.append(Rec(p, eff, ctx.company, post, "", kana=kana))
        rows.append([Cell(post, center=True), Cell(ctx.named(p, kana), ruby=ctx.ruby(p) if kana else ""),
                     Cell("（常勤）" if post == "専務理事" else firm()), Cell(note, center=True)])
    draw_table(cv, WIDTHS, ["役職", "氏名", "所属・役職", "備考"], rows, size=9.5)
    if leavers:
        gone = meeting
        cv.ensure(60)
        cv.line_left(f"２．退任役員（{ctx.date(gone)}付退任）", 10.5, gap=26)
        rows = []
        for _ in range(leavers):
            p = ctx.person()
            post = r.choice(("副会長", "理事", "理事", "監事"))
            rows.append([Cell(post, center=True), Cell(ctx.named(p, kana), ruby=ctx.ruby(p) if kana else ""),
                         Cell(firm()), Cell("任期満了", center=True)])
            recs.append(Rec(p, gone, ctx.company, "", post, "退任", kana=kana))
        draw_table(cv, WIDTHS, ["役職", "氏名", "所属・役職", "備考"], rows, size=9.5)
    cv.y += 14
    cv.line_left(f"※ 新役員の任期は、{eff.year + 2}年の通常総会終結の時までとなります。", 9)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("yakuin_kaisen", build, max_records=12, setup=setup)
