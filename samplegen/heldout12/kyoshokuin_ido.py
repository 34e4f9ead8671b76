"""Twelfth held-out set: a city board of education's list of head-teacher moves (教職員人事異動（校長・
副校長・教頭）), sent to every school. The board is the announcing body (the company); its 教育長 signs
(named: no record). The title carries the school year (令和７年度 or 2025年度, a distractor); the
opening sentence the 4月1日 date. Then up to three sections: １　校長 — ruled table 学校名 | 氏名 |
旧任校・旧職, the rank only in the heading; ２　副校長・教頭 — 学校名 | 職名 | 氏名 | 旧任校・旧職;
３　退職（…3月31日付） — 学校名 | 職名 | 氏名 | 備考 (定年退職 / 勧奨退職 / 再任用). The name is
padded to four characters (均等割り) in about half the files; no readings. The old post is another
school and its rank or a post in the board's own units (学校教育課 指導主事).

Truth: sections in printed order, rows in order; the company the board; the new post the 学校名 cell
and the rank (the heading's 校長, or the 職名 cell) joined by a space; the old post the 旧任校・旧職
cell as printed; a leaver's new post 退任, old post 学校名 and 職名 joined by a space, dated by the
heading of ３."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, format_date
from samplegen.heldout12.vocab import BOARD_UNITS, BOARDS, SCHOOL_RANKS, SCHOOLS

NOTES = ("定年退職", "定年退職", "勧奨退職", "定年退職（再任用予定）")


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(BOARDS)
    ctx.date_style = ctx.rng.choice(("era", "era_fw", "western"))
    ctx.name_sep = "\u3000"


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    year = dates(ctx)[0].year
    eff, gone = date(year, 4, 1), date(year, 3, 31)
    announce = date(year, 3, r.randint(21, 27))
    padded = r.random() < 0.5
    head = ctx.people[0]

    def shown(p) -> str:
        return ctx.padded(p, 5) if padded else ctx.name(p)

    schools = r.sample(SCHOOLS, len(SCHOOLS))
    heads, deputies, leavers = [], [], []
    for _ in range(min(n, 9)):
        p, kind = ctx.person(), r.choice("hhddx")
        if kind == "x":
            leavers.append((p, r.choice(SCHOOLS), r.choice(SCHOOL_RANKS[:3]), r.choice(NOTES)))
            continue
        school = schools.pop()
        k = 0 if kind == "h" else r.choice((1, 2))
        if r.random() < 0.3:
            old = r.choice(BOARD_UNITS).replace(" ", sp)
        else:
            old = f"{r.choice([s for s in SCHOOLS if s != school])}{sp}{SCHOOL_RANKS[k + r.choice((0, 1))]}"
        (heads if kind == "h" else deputies).append((p, school, SCHOOL_RANKS[k], old))

    era_year = "元" if year == 2019 else str(year - 2018)  # the school year 2019 is 令和元年度
    fy = f"{'令和' + era_year if ctx.date_style.startswith('era') else str(year)}年度"
    cv.line_right(f"{ctx.company[:-5]}教委第{r.randint(120, 990)}号", 9, gap=0)
    cv.line_right(ctx.date(announce))
    cv.line_left("各市立学校長　様")
    cv.line_right(ctx.company)
    cv.line_right(f"教育長　{ctx.name(head)}")
    cv.title(f"{fy}　教職員人事異動（校長・副校長・教頭）について")
    cv.para(f"{fy}の教職員人事異動のうち、管理職について下記のとおり", ctx.date(eff),
            "付で発令しますので通知します。なお、教諭等の異動は別途通知します。", kinsoku=True)
    cv.center("記", gap=22)
    recs, k = [], 0
    if heads:
        k += 1
        cv.line_left(f"{'１２３'[k - 1]}　校長", gap=24)
        draw_table(cv, [170.0, 120.0, 193.0], ["学校名", "氏名", "旧任校・旧職"],
                   [[Cell(s), Cell(shown(p)), Cell(old)] for p, s, _rk, old in heads], size=9.5)
        recs += [Rec(p, eff, ctx.company, f"{s}{sp}{rk}", old, kana=False) for p, s, rk, old in heads]
    if deputies:
        k += 1
        cv.ensure(70)
        cv.line_left(f"{'１２３'[k - 1]}　副校長・教頭", gap=24)
        draw_table(cv, [150.0, 70.0, 100.0, 163.0], ["学校名", "職名", "氏名", "旧任校・旧職"],
                   [[Cell(s), Cell(rk, center=True), Cell(shown(p)), Cell(old)] for p, s, rk, old in deputies],
                   size=9.5)
        recs += [Rec(p, eff, ctx.company, f"{s}{sp}{rk}", old, kana=False) for p, s, rk, old in deputies]
    if leavers:
        k += 1
        cv.ensure(70)
        cv.line_left(f"{'１２３'[k - 1]}　退職（{ctx.date(gone)}付）", gap=24)
        draw_table(cv, [150.0, 70.0, 100.0, 163.0], ["学校名", "職名", "氏名", "備考"],
                   [[Cell(s), Cell(rk, center=True), Cell(shown(p)), Cell(note)] for p, s, rk, note in leavers],
                   size=9.5)
        recs += [Rec(p, gone, ctx.company, "", f"{s}{sp}{rk}", "退職", kana=False) for p, s, rk, _n in leavers]
    cv.line_left(f"※ 着任式は{format_date(eff + timedelta(days=6), 'western')}に各校で行う。", 9, gap=22)
    cv.line_right("以上", gap=18)
    return recs


FORM = Form("kyoshokuin_ido", build, max_records=12, setup=setup)
