"""Eleventh held-out set: a channel of the company's business chat printed from the browser. Every
page has the browser's print line on top (print date and time: a distractor, and the page title
#人事-お知らせ | company | TalkSpace) and the channel's URL and n/N at the foot. The channel header
(name, member count, purpose), a day divider with the posting date (a distractor), then messages:
a coloured square avatar with the poster's initial, the poster's name in bold and the time, and the
text. The HR officer's post (named: no record) reads 【人事異動のお知らせ】 with the …付 date, then per
person ・name（reading, about half the files） and on the next line new post（前：old post） or
（新規入社） (the bracket on a line of its own when the line is too long); reactions and a reply count
under it. In about half the files a second post by the same officer, 【退職のお知らせ】, names leavers
（・name　old post） with their own …付 date, the day before. An earlier unrelated post (a reminder or a
notice with its own date) comes first in about half the files; colleagues' messages follow (named: no
records), congratulating people by surname only;
a long channel runs onto a second page.

Truth: the persons of the 異動 post in order, then those of the 退職 post; the company the one in the
page title; the new post before （前：, the old post inside it ((新規入社) → ""); a leaver's new post
退任, dated by the 退職 post's …付; readings only where printed."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, tw

WEEKDAYS = "月火水木金土日"
COLOURS = ((0.20, 0.45, 0.75), (0.80, 0.40, 0.20), (0.25, 0.60, 0.35), (0.55, 0.30, 0.65), (0.70, 0.20, 0.35))
CHEERS = ("{s}さん、おめでとうございます！", "{s}さん、新天地でのご活躍を期待しています。",
          "{s}さん、これまで本当にありがとうございました。", "{s}さん、引き続きよろしくお願いします！")
X_TEXT = 96.0


def setup(ctx: Ctx) -> None:
    ctx.numbered = False  # the browser numbers the pages
    ctx.header = False
    ctx.date_style = ctx.rng.choice(("western", "western", "slash", "era"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5
    if not kana and not ctx.name_sep:  # without a reading the name carries its own split
        ctx.name_sep = "\u3000"
    officer, *colleagues = ctx.people[:6]  # records are popped from the list's end
    hour = r.randint(9, 11)

    def message(who, when: str, lines: list[tuple[str, float]], colour: int, size: float = 10) -> None:
        cv.ensure(30 + 16 * len(lines))
        top = cv.y + 14
        cv.page.draw_rect(pymupdf.Rect(cv.left, top, cv.left + 28, top + 28), color=None,
                          fill=COLOURS[colour % len(COLOURS)])
        cv.text(cv.left + 7, top + 19, who.family[0], 14, color=(1, 1, 1))
        name = ctx.name(who)
        cv.text(X_TEXT - 56 + 12 + 44, top + 9, name, 10.5, bold=True)
        cv.text(X_TEXT + tw(name, 10.5) + 10, top + 9, when, 8, color=GRAY)
        cv.y = top + 9
        for text, indent in lines:
            cv.ensure(18)
            cv.line_left(text, size, gap=16, x=X_TEXT + indent)
        cv.y += 8

    cv.y = 60
    cv.text(cv.left, cv.y, "# 人事-お知らせ", 15, bold=True)
    cv.line_left(f"メンバー {r.randint(300, 4800):,}人　｜　人事部からの公式なお知らせ専用チャンネルです（返信はスレッドで）",
                 8.5, gap=16)
    cv.page.draw_line((cv.left, cv.y + 8), (cv.right, cv.y + 8), color=GRAY, width=0.5)
    cv.y += 14
    day = f"{ctx.date(announce)}（{WEEKDAYS[announce.weekday()]}）"
    cv.text((cv.w - tw(day, 8.5)) / 2, cv.y + 16, day, 8.5, color=GRAY)
    cv.page.draw_line((cv.left, cv.y + 13), ((cv.w - tw(day, 8.5)) / 2 - 8, cv.y + 13), color=GRAY, width=0.4)
    cv.page.draw_line(((cv.w + tw(day, 8.5)) / 2 + 8, cv.y + 13), (cv.right, cv.y + 13), color=GRAY, width=0.4)
    cv.y += 20

    if r.random() < 0.6:  # an earlier, unrelated post in the same channel
        notice = r.choice(("【リマインド】{d}までに扶養控除等申告書の提出をお願いします。",
                           "【お知らせ】{d}に人事システムのメンテナンスを行います（9:00～12:00）。",
                           "【ご案内】{d}開催の新任管理職研修の受講者を募集しています。"))
        message(colleagues[0], f"{hour - 1}:{r.randint(0, 59):02d}",
                [(notice.format(d=ctx.date(announce + timedelta(days=r.randint(5, 30)))), 0)], 4)
    movers, leavers = [], []
    for _ in range(n):
        p = ctx.person()
        new, old, word = ctx.change(r.choice("ppttthcd" if r.random() < 0.5 else "ppttthc"))
        (leavers if word else movers).append((p, new, old, word))
    if not movers:
        movers, leavers = leavers[:1], leavers[1:]
        p, _new, old, _word = movers[0]
        movers[0] = (p, ctx.dept_post(), old, "")

    def who(p) -> str:
        return ctx.name(p) + (f"（{ctx.ruby(p)}）" if kana else "")

    lines = [("【人事異動のお知らせ】", 0), (f"{ctx.date(eff)}付で、下記のとおり人事異動を発令します。", 0), ("", 0)]
    recs = []
    for p, new, old, _word in movers:
        lines.append((f"・{who(p)}", 0))
        bracket = f"（{f'前：{old}' if old else '新規入社'}）"
        if tw(new + bracket, 10) > cv.right - X_TEXT - 14:  # the chat wraps a long line at the bracket
            lines += [(new, 14), (bracket, 14)]
        else:
            lines.append((new + bracket, 14))
        recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    lines += [("", 0), ("ご不明な点は人事部までお問い合わせください。", 0)]
    message(officer, f"{hour}:{r.randint(0, 59):02d}", lines, 0)
    likes = f"［拍手］{r.randint(3, 60)}　［いいね］{r.randint(1, 30)}"
    cv.page.draw_rect(pymupdf.Rect(X_TEXT - 2, cv.y - 4, X_TEXT + tw(likes, 8) + 6, cv.y + 10), color=GRAY,
                      width=0.4, radius=0.4)
    cv.text(X_TEXT + 2, cv.y + 6, likes, 8)
    cv.line_left(f"返信 {r.randint(2, 9)}件　最終返信 {hour + 1}:{r.randint(0, 59):02d}", 8, gap=24, x=X_TEXT)
    cv.y += 6
    if leavers:
        lines = [("【退職のお知らせ】", 0),
                 (f"以下の方が{ctx.date(gone)}付で退職されます。長い間お疲れさまでした。", 0), ("", 0)]
        for p, _new, old, word in leavers:
            lines.append((f"・{who(p)}　{old}", 0))
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=kana))
        message(officer, f"{hour + 1}:{r.randint(0, 59):02d}", lines, 0)
    for i, c in enumerate(colleagues[1:r.randint(2, 5)]):
        target = r.choice(recs).person.family
        message(c, f"{hour + 2 + i}:{r.randint(0, 59):02d}", [(r.choice(CHEERS).format(s=target), 0)], i + 1)

    total = cv.doc.page_count
    printed = announce + timedelta(days=r.randint(0, 20))
    slug = r.choice(("jinji-info", "hr-news", "c/0K7Q2PX"))
    for page in cv.doc:
        head = f"{printed:%Y/%m/%d} {r.randint(8, 20)}:{r.randint(0, 59):02d}"
        page.insert_text((30, 24), head, fontname="japan", fontsize=7.5)
        title = f"#人事-お知らせ | {ctx.company} | TalkSpace"
        page.insert_text(((cv.w - tw(title, 7.5)) / 2, 24), title, fontname="japan", fontsize=7.5)
        page.insert_text((30, cv.h - 20), f"https://talkspace.example.jp/{slug}", fontname="japan", fontsize=7.5)
        s = f"{page.number + 1}/{total}"
        page.insert_text((cv.w - 30 - tw(s, 7.5), cv.h - 20), s, fontname="japan", fontsize=7.5)
    return recs


FORM = Form("chat_log", build, max_records=14, setup=setup)
