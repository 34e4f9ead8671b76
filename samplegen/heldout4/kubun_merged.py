"""Fourth held-out set: one ruled table sorted by kind of change, its first column 区分 (昇格 / 異動 /
出向 / 退職) merged over every row of that kind and printed once in the middle; then 氏名 | 新所属・役職 |
旧所属・役職 | 発令日, each row with its own date in 和暦 (often 令和元年 or 平成31年). A 出向 row's new cell
names the group company on its first line and the post there below it (that company is the record's
company); a 退職 row prints ― as the new post and its own date, the last day of the month before."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, letterhead
from samplegen.heldout4._layout import grid, wrapped

KINDS = (("昇格", "p"), ("異動", "tc"), ("出向", "s"), ("退職", "d"))
WIDTHS = [36.0, 86.0, 138.0, 138.0, 85.0]


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("era", "era", "era_fw"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 3)
    eff = r.choice((date(2019, 5, 1), date(2019, 7, 1), date(2019, 10, 1), date(2019, 4, 1), date(2020, 1, 1),
                    date(2024, 4, 1), date(2025, 7, 1)))
    announce = eff - timedelta(days=r.randint(10, 30))
    leave = eff - timedelta(days=1)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動一覧", "人事異動について", "人事異動（出向・退職を含む）のお知らせ")))
    cv.para("下記のとおり人事異動を行いますので、お知らせいたします。", kinsoku=True)
    counts = {kind: 0 for _t, kind in KINDS}
    for _ in range(n):
        counts[r.choice(KINDS)[1]] += 1
    rows, recs = [], []
    reading = r.random() < 0.5
    for label, kinds in KINDS:
        for _ in range(counts[kinds]):
            p = ctx.person()
            name = [(ctx.named(p, reading), 10)] + ([(f"（{ctx.ruby(p)}）", 7)] if reading else [])
            when = leave if kinds == "d" else eff
            company = ctx.company
            if kinds == "s":
                company, new, old, dep = r.choice(ctx.vocab.group_companies), ctx.dept_post(), ctx.dept_post(), ""
                new_cell = wrapped(company, WIDTHS[2], 8.5) + wrapped(new, WIDTHS[2], 9)
            else:
                new, old, dep = ctx.change(kinds)
                new_cell = [("―", 9)] if dep else wrapped(new, WIDTHS[2], 9)
            rows.append([[(label, 10)], name, new_cell, wrapped(old, WIDTHS[3], 9), [(ctx.date(when), 8)]])
            recs.append(Rec(p, when, company, new, old, dep, kana=reading))
    grid(cv, WIDTHS, ["区分", "氏名", "新所属・役職", "旧所属・役職", "発令日"], rows, merge_first=True)
    cv.line_left("※ 出向者の新所属・役職欄は出向先の会社名および役職です。", 8.5, gap=20)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("kubun_merged", build, max_records=14, setup=setup)
