"""Fourteenth held-out set: the notice of where this year's new graduates go after their induction
training (新入社員 配属先のお知らせ), from the company's 人材開発オフィス to the heads of the units. The
notice date on top (a distractor); a sentence naming the day they joined (…入社, 4月1日: a
distractor) and that they now go to their units; then one or two sections, each headed with its own
配属日 (１．事務系（…付配属） / ２．技術系（…付配属）, or 全員 …付配属), each a ruled table No. | 氏名 |
ふりがな (or フリガナ, katakana) | 出身校 | 配属先 | 指導担当. 出身校 is a school (a distractor); 配属先 is
the unit and its sub-unit (係); 指導担当 names the colleague who trains the newcomer on the job
(named: no record). Long lists run onto a second page.

Truth: every row in printed order, section by section; the date the 配属日 of its section; the new
post the 配属先 cell (unit and sub-unit joined by a space); the old post "" (they are new hires);
readings from the reading column."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Cell, Ctx, Form, Rec, draw_table
from samplegen.heldout14.vocab import SCHOOLS, SUBUNITS

WIDTHS = [26.0, 74.0, 88.0, 88.0, 132.0, 75.0]


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "era", "western_fw", "slash", "era_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))
    ctx.reading = ctx.rng.choice(("hira", "kata"))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    year = r.choice((2019, 2021, 2023, 2024, 2025, 2026))
    joined = date(year, 4, 1)
    first = date(year, r.choice((5, 6, 6, 7)), r.choice((1, 1, 16)))
    two = n > 1 and r.random() < 0.6
    later = (first.replace(day=16) if first.day == 1 else date(year, first.month + 1, 1)) if two else first
    announce = first - timedelta(days=r.randint(7, 20))
    coaches = [ctx.person() for _ in range(3)]
    cv.line_right(ctx.date(announce), 10, gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees), 10.5)
    cv.line_right(ctx.company, 10.5)
    cv.line_right("人材開発オフィス", 10)
    cv.title(r.choice(("新入社員 配属先のお知らせ", f"{year}年度 新入社員の配属について")), 15)
    cv.para(ctx.date(joined), f"に入社した新入社員{n}名は、導入研修を終え、下記のとおり各職場へ配属となります。"
            "受け入れ職場におかれましては、指導担当を中心に職場での育成をよろしくお願いいたします。", kinsoku=True)
    cv.center("記", gap=22)
    label = "ふりがな" if ctx.reading == "hira" else "フリガナ"
    split = r.randint(1, n - 1) if two else n
    sections = [("１．事務系", first, range(split)), ("２．技術系", later, range(split, n))] if two \
        else [("全員", first, range(n))]
    recs = []
    for head, day, span in sections:
        cv.ensure(80)
        cv.line_left(f"{head}（{ctx.date(day)}付配属）", 10.5, gap=22)
        rows = []
        for k in span:
            p = ctx.person()
            dept, _kind = r.choice(ctx.vocab.depts)
            post = ctx.words(dept, r.choice(SUBUNITS))
            coach = r.choice(coaches)
            rows.append([Cell(str(k + 1), center=True), Cell(ctx.name(p)), Cell(ctx.ruby(p)), Cell(r.choice(SCHOOLS)),
                         Cell(post), Cell(ctx.name(coach, "\u3000"))])
            recs.append(Rec(p, day, ctx.company, post, ""))
        draw_table(cv, WIDTHS, ["No.", "氏名", label, "出身校", "配属先", "指導担当"], rows, size=9)
    cv.y += 10
    cv.line_left("※ 配属後３か月間は、毎月末に指導担当から人材開発オフィスへ育成状況をご報告ください。", 9)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("shinjin_haizoku", build, max_records=16, setup=setup)
