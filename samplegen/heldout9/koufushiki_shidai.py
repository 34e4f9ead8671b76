"""Ninth held-out set: the programme of an appointment ceremony (辞令交付式 次第) with its roster. Page
one is the 次第: 日時 (the effective date, with the weekday and time), 場所, the order of the ceremony
in kanji numerals (開式の辞 by the 司会, 辞令交付 by the president, 社長訓示, 新任者代表謝辞 by the
person marked ◎ in the roster, 閉式の辞), notes for the recipients, and the programme's own
date with 人事部 (a distractor). The roster comes on a page of its own (別紙 辞令交付者名簿（…付）):
ruled table 順 | 氏名 | 新職 | 現職 | 備考, in the order the letters are handed over; the reading
small above the name in about half the files, （新規採用） as 現職 for a hire, 備考 代理受領 (a
colleague receives the letter for an absent recipient, still a record) or 兼務. The 司会 and the
president are named on page one: no records.

Truth: the roster rows in 順 order, dated by the roster's …付; 新職 the new post, 現職 the old post
((新規採用) → ""); readings only where printed."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table

WIDTHS = [34.0, 110.0, 140.0, 140.0, 59.0]
WEEKDAY = "月火水木金土日"


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    host, boss = ctx.people[0], ctx.people[1]  # records are popped from the list's end
    kana = r.random() < 0.5
    cv.title(r.choice(("辞令交付式 次第", "辞令交付式次第", f"{eff.year if eff.month > 3 else eff.year - 1}年度 辞令交付式")), 16)
    cv.y += 20
    x = cv.left + 60
    cv.line_left(f"日　時　　{ctx.date(eff)}（{WEEKDAY[eff.weekday()]}）　午前{r.choice(('9時', '9時30分', '10時'))}から",
                 11, gap=22, x=x)
    cv.line_left(f"場　所　　本社{r.randint(2, 12)}階　{r.choice(('大会議室', '講堂', '多目的ホール'))}", 11, gap=20, x=x)
    cv.y += 16
    steps = [("開式の辞", f"司会　人事部長　{ctx.name(host)}"),
             ("辞令交付", f"代表取締役社長　{ctx.name(boss)}"), ("社長訓示", ""),
             ("新任者代表謝辞", "名簿の◎印の者"), ("閉式の辞", "")]
    for num, (what, who) in zip("一二三四五", steps):
        cv.line_left(f"{num}、{what}", 11, gap=26, x=x)
        if who:
            cv.text(x + 190, cv.y, who, 10)
    cv.y += 24
    cv.line_left("（注意事項）", 9.5, gap=20, x=x)
    for note in ("被交付者は開式の15分前までに着席してください。", "名簿の順に氏名を呼ばれたら、前に進んで辞令を受けてください。",
                 "欠席者の辞令は、名簿の備考欄に「代理受領」とある者が受け取ります。"):
        cv.line_left(f"・{note}", 9.5, gap=16, x=x + 10)
    cv.line_right(f"{ctx.date(announce)}　{ctx.company}　人事部", 9.5, gap=40)
    cv.new_page()
    cv.line_left("（別紙）", 9.5, gap=0)
    cv.title(f"辞令交付者名簿（{ctx.date(eff)}付）", 13)
    people = [ctx.person() for _ in range(n)]
    speaker = r.randrange(n)
    rows, recs = [], []
    for k, p in enumerate(people):
        new, old, _word = ctx.change("ppttcoh")
        note = "代理受領" if r.random() < 0.15 else ("兼務" if " 兼 " in new.replace("\u3000", " ") else "")
        ruby = ctx.ruby(p) if kana else ""
        rows.append([Cell(("◎" if k == speaker else "") + str(k + 1), center=True), Cell(ctx.name(p), ruby=ruby),
                     Cell(new), Cell(old or "（新規採用）"), Cell(note, center=True)])
        recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    draw_table(cv, WIDTHS, ["順", "氏名", "新職", "現職", "備考"], rows, size=9.5)
    cv.line_left("◎：新任者代表（謝辞）", 9, gap=18)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("koufushiki_shidai", build, max_records=14, setup=setup)
