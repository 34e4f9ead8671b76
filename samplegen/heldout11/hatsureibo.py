"""Eleventh held-out set: a page of the HR office's order ledger (発令簿) as printed from it, landscape.
A title 発　令　簿 with the fiscal year and the run of order numbers, the company and 人事部 人事課 at the
top right, the person who keeps the ledger (取扱者, named: no record) under the title. One ruled table,
one row per ORDER, not per person: 発令番号 | 発令年月日 | 氏名 | 現職 | 発令内容 | 交付日. A move takes
two rows: …を免ずる (the old post) and …を命ずる (the new post), in that order or the other way round
for the whole document; a hire 社員に採用する then …を命ずる; a leaver one row 依願により退職を承認する /
定年により退職とする / 退任を承認する. 現職 is printed on a person's first row only (― for a hire), and in
about half the files the name on the second row is 〃. The ledger covers one to three order dates
(…付 in each row: 2025/04/01, R7.4.1, 令和7年4月1日), in date order; a leaver's row is dated the day
before the date its group takes effect. 交付日 (the day the 辞令 was handed over, or 同左) is a
distractor. The table runs onto a second page with its header repeated. No readings.

Truth: one record per person in the order the first row of each person is printed; the date the
row's 発令年月日; the new post the text before を命ずる, the old post 現職 (= the text before を免ずる);
a hire's old post ""; a leaver's new post 退任."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, tw

WIDTHS = [62.0, 92.0, 92.0, 180.0, 228.0, 75.0]
HEADER = ["発令番号", "発令年月日", "氏名", "現職", "発令内容", "交付日"]
LEAVE = ("依願により退職を承認する", "定年により退職とする", "退任を承認する")


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("slash0", "initial", "era", "western", "slash"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))  # no reading is printed, so the name keeps its split
    ctx.header = False


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, _announce, _board = dates(ctx)
    keeper = ctx.people[0]  # records are popped from the list's end
    # One to three order dates: the main one, mid-month, the next month's first.
    extra = [eff + timedelta(days=15), date(eff.year + (eff.month == 12), eff.month % 12 + 1, 1)]
    days = sorted({eff, *r.sample(extra, r.choice((0, 0, 1, 2)))})
    quits_first = r.random() < 0.7   # 免 row before 命 row, for the whole ledger
    ditto = r.random() < 0.5
    number = r.randint(12, 480)
    fy = eff.year if eff.month > 3 else eff.year - 1

    rows, recs = [], []
    per_day = sorted(r.choice(days) for _ in range(n))
    for day in days:
        group = []
        for _ in range(per_day.count(day)):
            kind = r.choice("ppttthhd")
            new, old, word = ctx.change(kind)
            group.append((ctx.person(), kind, new, old, word))
        group.sort(key=lambda g: g[1] != "d")  # the leavers' rows are dated the day before: first
        for p, kind, new, old, word in group:
            when = day - timedelta(days=1) if word else day
            handed = "同左" if r.random() < 0.6 else ctx.date(when - timedelta(days=r.randint(1, 5)))
            if word:
                orders = [r.choice(LEAVE)]
            elif kind == "h":
                orders = ["社員に採用する", f"{new}を命ずる"]
            else:
                orders = [f"{old}を免ずる", f"{new}を命ずる"]
                if not quits_first:
                    orders.reverse()
            for i, text in enumerate(orders):
                number += 1
                who = "〃" if i and ditto else ctx.name(p)
                rows.append([Cell(f"第{number}号", center=True), Cell(ctx.date(when), center=True), Cell(who),
                             Cell((old or "―") if i == 0 else ""), Cell(text), Cell(handed, center=True)])
            recs.append(Rec(p, when, ctx.company, new, old, word, kana=False))

    first = number - len(rows) + 1
    cv.text(cv.right - tw(ctx.company, 9), cv.y - 20, ctx.company, 9)
    cv.text(cv.right - tw("人事部 人事課", 9), cv.y - 8, "人事部 人事課", 9)
    cv.title("発　令　簿", 18)
    cv.center(f"（{fy}年度　第{first}号～第{number}号）", 10, gap=16)
    cv.line_left(f"取扱者　{ctx.name(keeper)}", 9, gap=18)
    draw_table(cv, WIDTHS, HEADER, rows, size=9)
    cv.line_left("※ 本簿は人事部保管用。辞令原本は本人に交付済み。", 8, gap=16)
    return recs


FORM = Form("hatsureibo", build, max_records=14, landscape=True, setup=setup)
