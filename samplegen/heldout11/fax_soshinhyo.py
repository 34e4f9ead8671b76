"""Eleventh held-out set: a notice as it arrives by fax — a FAX送信票 (cover sheet) on page 1 and the
announcement itself from page 2 on. Every page carries the sending machine's header line at the top
(send date and time, FROM fax number, the sender's name, P.001/00N): the send date is a distractor.
The cover: ＦＡＸ送信票, a ruled block 宛先 (a group company's 総務部 御中, or お取引先各位) / ＦＡＸ /
送信元 (the company, 人事部 and the sender, named: no record) / ＴＥＬ / 送信日 / 枚数（本票を含む） /
件名 (人事異動のお知らせ, with the …付 date), check boxes □至急 ■ご参考 …, and a 通信欄 paragraph
naming the …付 date again. The announcement: date, addressee, company, title, a sentence with the …付
date, 記, then one block per person: ◆ name (reading in brackets in about half the files), the next
lines 新）new post and 旧）old post (（中途入社） for a hire; 新）退職 / 退任（…付, the day before） for a
leaver), 以上. Long lists run onto a third page.

Truth: the blocks in order; the company the announcing company (not the addressee); the new post the
text after 新）, the old post after 旧） ((中途入社) → ""); a leaver's new post 退任, dated by its
own …付 (the day before the announced date); readings only where printed."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, tw

BOXES = ("至急", "ご確認ください", "ご参考まで", "ご返信ください")


def setup(ctx: Ctx) -> None:
    ctx.numbered = False  # the fax header numbers the pages
    ctx.header = False
    ctx.date_style = ctx.rng.choice(("era", "western", "western_fw", "era_fw"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    sent = announce + timedelta(days=r.randint(0, 3))
    sender = ctx.people[0]  # records are popped from the list's end
    kana = r.random() < 0.5
    if not kana and not ctx.name_sep:  # without a reading the name carries its own split
        ctx.name_sep = "\u3000"
    fax = f"0{r.randint(3, 99)}-{r.randint(100, 9999):04d}-{r.randint(1000, 9999)}"
    to = r.choice((*(f"{g}　総務部　御中" for g in ctx.vocab.group_companies), "お取引先各位"))

    # Page 1: the cover sheet.
    cv.y = 84
    cv.text((cv.w - tw("ＦＡＸ送信票", 20)) / 2, cv.y, "ＦＡＸ送信票", 20, bold=True)
    cv.y += 22
    block = [("宛先", to), ("ＦＡＸ", f"0{r.randint(3, 99)}-{r.randint(100, 9999):04d}-{r.randint(1000, 9999)}"),
             ("送信元", f"{ctx.company}　人事部　{ctx.name(sender)}"), ("ＦＡＸ（送信元）", fax),
             ("ＴＥＬ", f"0{r.randint(3, 99)}-{r.randint(100, 9999):04d}-{r.randint(1000, 9999)}"),
             ("送信日", ctx.date(sent)), ("枚数", "本票を含め　{pages}　枚"),
             ("件名", f"人事異動のお知らせ（{ctx.date(eff)}付）")]
    pages_at = None
    for label, value in block:
        cv.page.draw_rect(pymupdf.Rect(cv.left, cv.y, cv.left + 110, cv.y + 26), color=BLACK, fill=(0.9, 0.9, 0.9),
                          width=0.6)
        cv.page.draw_rect(pymupdf.Rect(cv.left + 110, cv.y, cv.right, cv.y + 26), color=BLACK, width=0.6)
        cv.text(cv.left + 8, cv.y + 17, label, 10)
        if "{pages}" in value:
            pages_at = (cv.left + 120, cv.y + 17, value)
        else:
            cv.text(cv.left + 120, cv.y + 17, value, 10.5)
        cv.y += 26
    ticked = r.choice(range(len(BOXES)))
    cv.line_left("　".join(("■" if i == ticked else "□") + b for i, b in enumerate(BOXES)), 10.5, gap=30)
    cv.line_left("【通信欄】", 10.5, gap=28)
    top = cv.y + 6
    cv.para("いつも大変お世話になっております。", ctx.date(eff),
            "付の弊社人事異動につきまして、次頁のとおりお知らせいたします。今後とも変わらぬご指導ご鞭撻のほど、"
            "よろしくお願い申し上げます。", kinsoku=True)
    cv.y += 10
    cv.page.draw_rect(pymupdf.Rect(cv.left - 8, top - 18, cv.right + 10, cv.y + 40), color=BLACK, width=0.6)
    cv.text(cv.left, cv.bottom, "※ 送信内容に不備がございましたら、お手数ですが上記までご連絡ください。", 8.5, color=GRAY)

    # Page 2 on: the announcement itself.
    cv.new_page()
    cv.line_right(ctx.date(announce), gap=10)
    cv.line_left("お取引先各位" if to == "お取引先各位" else "関係各位")
    cv.line_right(ctx.company)
    cv.title("人事異動のお知らせ")
    cv.para("拝啓　時下ますますご清栄のこととお慶び申し上げます。さて、弊社では", ctx.date(eff),
            "付で下記のとおり人事異動を行いましたので、ご通知申し上げます。", kinsoku=True)
    cv.line_right("敬具")
    cv.center("記", gap=22)
    recs = []
    for _ in range(n):
        p = ctx.person()
        new, old, word = ctx.change(r.choice("ppttthcd"))
        cv.ensure(62)
        reading = f"（{ctx.ruby(p)}）" if kana else ""
        cv.line_left(f"◆　{ctx.name(p)}{reading}", 10.5, gap=22)
        cv.line_left(f"新）{word}（{ctx.date(gone)}付）" if word else f"新）{new}", 10.5, gap=16, x=cv.left + 22)
        cv.line_left(f"旧）{old or '（中途入社）'}", 10.5, gap=16, x=cv.left + 22)
        recs.append(Rec(p, gone if word else eff, ctx.company, new, old, word, kana=kana))
    cv.line_right("以上", gap=26)

    # The receiving machine prints the sender's header line on every page.
    total = cv.doc.page_count
    clock = f"{r.randint(8, 19):02d}:{r.randint(0, 59):02d}"
    for page in cv.doc:
        line = f"{sent:%Y/%m/%d} {clock}   FROM:{fax}   {ctx.company} 人事部   P.{page.number + 1:03d}/{total:03d}"
        page.insert_text((36, 22), line, fontname="japan", fontsize=7.5)
        page.draw_line((36, 26), (cv.w - 36, 26), color=BLACK, width=0.4)
    if pages_at:
        x, y, value = pages_at
        cv.doc[0].insert_text((x, y), value.replace("{pages}", str(total)), fontname="japan", fontsize=10.5)
    return recs


FORM = Form("fax_soshinhyo", build, max_records=12, setup=setup)
