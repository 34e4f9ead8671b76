"""Eighth held-out set: a notice on the company's intranet portal, printed from the web browser:
the browser's print header (print date and time, page title) and footer (the page's URL, page
n/N) on every page, the portal's dark banner and menu, a breadcrumb (ホーム ＞ お知らせ ＞ 人事),
a [人事] tag with the posting date, the title, 掲載者 (the HR clerk, named: no record) and 閲覧数,
then one sentence with the …付 date and a web-style table without vertical rules, zebra-striped:
氏名 | 異動前 | → | 異動後, the reading in brackets under the name in about half the files;
（新規入社） in 異動前 for a hire, 退職 / 退任 in 異動後 for a leaver. Under it an attachment line, the
contact person (named: no record), いいね！ and a comment thread whose authors are named (no
records; a comment may name a record's surname again).

Truth: table rows in order; 異動後 is the new post (退職 / 退任 → 退任), 異動前 the old post
(（新規入社） → ""); readings only where printed; the print date, the posting date and the comment
dates are distractors."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, tw, wrap_words
from samplegen.heldout8._parts import move

WIDTHS = [118.0, 172.0, 20.0, 173.0]
NAVY, WHITE, STRIPE = (0.13, 0.22, 0.38), (1, 1, 1), (0.95, 0.96, 0.98)


def setup(ctx: Ctx) -> None:
    ctx.header = ctx.numbered = False  # a browser prints its own header and footer


def head(cv: Canvas) -> None:
    xs = [cv.left + sum(WIDTHS[:i]) for i in range(5)]
    cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 20), color=None, fill=(0.88, 0.9, 0.94))
    for i, h in enumerate(("氏名", "異動前", "", "異動後")):
        cv.text(xs[i] + 6, cv.y + 14, h, 9.5, bold=True)
    cv.page.draw_line((xs[0], cv.y + 20), (xs[-1], cv.y + 20), color=NAVY, width=1.2)
    cv.y += 20


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    printed = announce + timedelta(days=r.randint(1, 6))  # printed before the date it announces
    short = ctx.company.replace("株式会社", "").strip()
    # The portal's banner and menu.
    cv.page.draw_rect(pymupdf.Rect(cv.left, cv.y - 14, cv.right, cv.y + 16), color=None, fill=NAVY)
    cv.text(cv.left + 10, cv.y + 6, f"{ctx.company} 社内ポータル", 11, bold=True, color=WHITE)
    menu = "ホーム　お知らせ　社内規程　各種申請　マイページ"
    cv.text(cv.right - 10 - tw(menu, 8), cv.y + 5, menu, 8, color=WHITE)
    cv.y += 16
    cv.line_left("ホーム ＞ お知らせ ＞ 人事・総務", 8, gap=20)
    cv.y += 14
    cv.page.draw_rect(pymupdf.Rect(cv.left, cv.y - 9, cv.left + 34, cv.y + 4), color=NAVY, width=0.6)
    cv.text(cv.left + 5, cv.y + 1, "人事", 8, color=NAVY)
    cv.text(cv.left + 42, cv.y + 1, f"{announce.year}.{announce.month:02d}.{announce.day:02d} 掲載", 8, color=GRAY)
    cv.line_left(r.choice(("人事異動のお知らせ", "【人事】人事異動について", "人事異動（発令）のお知らせ")), 15, gap=26)
    clerk = ctx.people[0]  # from the front of the list: records are popped from its end
    cv.line_left(f"掲載者：人事部　{ctx.name(clerk, chr(0x3000))}　｜　閲覧数：{r.randint(40, 1900)}", 8, gap=18)
    cv.page.draw_line((cv.left, cv.y + 8), (cv.right, cv.y + 8), color=GRAY, width=0.5)
    cv.y += 10
    cv.para(f"{ctx.date(eff)}付で、以下のとおり人事異動を発令しましたのでお知らせします。", size=10, kinsoku=True)
    cv.y += 10
    kana = r.random() < 0.5
    xs = [cv.left + sum(WIDTHS[:i]) for i in range(5)]
    head(cv)
    recs = []
    for k in range(n):
        p, m = ctx.person(), move(ctx, "pptttcchd")
        before = m.old_text(ctx) or "（新規入社）"
        after = m.word or m.new_text(ctx)
        cells = [[ctx.name(p, r.choice((" ", "\u3000")) if kana else "\u3000")] +
                 ([f"（{ctx.ruby(p)}）"] if kana else []),
                 [s for _o, s in wrap_words(before, WIDTHS[1] - 12, 9.5)], ["→"],
                 [s for _o, s in wrap_words(after, WIDTHS[3] - 12, 9.5)]]
        h = max(len(c) for c in cells) * 13.5 + 10
        if cv.y + h > cv.bottom - 10:
            cv.new_page()
            head(cv)
        if k % 2:
            cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=None, fill=STRIPE)
        for i, lines in enumerate(cells):
            for j, s in enumerate(lines):
                size = 7.5 if i == 0 and j == 1 else 9.5
                cv.text(xs[i] + (4 if i == 2 else 6), cv.y + 16 + 13.5 * j, s, size, color=GRAY if i == 2 else BLACK)
        cv.page.draw_line((xs[0], cv.y + h), (xs[-1], cv.y + h), color=(0.75, 0.75, 0.75), width=0.5)
        cv.y += h
        recs.append(Rec(p, eff, ctx.company, m.new_text(ctx), m.old_text(ctx), m.word, kana=kana))
    cv.ensure(150)
    stamp = f"{announce.year}{announce.month:02d}{announce.day:02d}"
    cv.line_left(f"添付ファイル：人事異動一覧_{stamp}.pdf（{r.randint(60, 480)}KB）", 8.5, gap=26)
    contact = ctx.people[1]
    cv.line_left(f"お問い合わせ：人事部 人事企画グループ　{ctx.name(contact, chr(0x3000))}（内線 {r.randint(2000, 7999)}）",
                 8.5, gap=16)
    comments = r.randint(0, 3)
    cv.line_left(f"いいね！ {r.randint(3, 120)}　　コメント（{comments}）", 9, gap=24)
    cv.page.draw_line((cv.left, cv.y + 6), (cv.right, cv.y + 6), color=GRAY, width=0.5)
    someone = [rec.person.family for rec in recs if not rec.depart]
    texts = ["新体制でもどうぞよろしくお願いいたします。", "皆さまのご活躍をお祈りしております。"]
    texts += [f"{f}さん、ご着任おめでとうございます！" for f in someone[:2]]
    for i, said in enumerate(r.sample(texts, min(comments, len(texts)))):
        who, unit = ctx.people[2 + i], r.choice(ctx.vocab.depts)[0]
        when = announce + timedelta(days=r.randint(0, 3))
        cv.ensure(40)
        cv.line_left(f"{ctx.name(who, chr(0x3000))}（{unit}）　{when.year}/{when.month:02d}/{when.day:02d} "
                     f"{r.randint(8, 19)}:{r.randint(0, 59):02d}", 8, gap=20)
        cv.line_left(said, 9, gap=14, x=cv.left + 10)
    # The browser's own header and footer, on every page.
    url = f"https://portal.{r.choice(('intra', 'corp', 'internal'))}.local/news/detail?id={r.randint(1000, 98000)}"
    title = f"人事異動のお知らせ｜{short} 社内ポータル"
    when = f"{printed.year}/{printed.month:02d}/{printed.day:02d} {r.randint(8, 20)}:{r.randint(0, 59):02d}"
    pages = cv.doc.page_count
    for page in cv.doc:
        kw = {"fontname": "japan", "fontsize": 7, "color": GRAY}
        page.insert_text((24, 22), when, **kw)
        page.insert_text(((cv.w - tw(title, 7)) / 2, 22), title, **kw)
        page.insert_text((24, cv.h - 18), url, **kw)
        num = f"{page.number + 1}/{pages}"
        page.insert_text((cv.w - 24 - tw(num, 7), cv.h - 18), num, **kw)
    return recs


FORM = Form("portal_print", build, max_records=12, setup=setup)
