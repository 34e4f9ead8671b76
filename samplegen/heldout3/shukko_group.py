"""Third held-out set: 出向・帰任 notice of a group: a 出向 table whose 出向先 column names the group
company each person goes to (that company is the record's company, the post there is the new
post) and a 帰任 table of people coming back (old post printed with the group company's name,
dropped in the truth); each table with its own …付 date; readings in brackets after the name."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout3._layout import table, wrapped


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("half", "kata", "hira"))


def _name(ctx: Ctx, p, reading: bool) -> list[tuple[str, float]]:
    name = ctx.named(p, reading)
    if not reading:
        return [(name, 10)]
    bracket = ("(", ")") if ctx.reading == "half" else ("（", "）")
    same_line = ctx.rng.random() < 0.5 and len(name) + len(p.kana_family + p.kana_given) < 12
    return [(f"{name}{bracket[0]}{ctx.ruby(p)}{bracket[1]}", 9)] if same_line else \
        [(name, 10), (f"{bracket[0]}{ctx.ruby(p)}{bracket[1]}", 7.5)]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 2)
    eff, announce, _board = dates(ctx)
    back_eff = eff if r.random() < 0.6 else eff + timedelta(days=r.choice((1, 15)))
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("出向および帰任に関するお知らせ", "グループ会社への出向・帰任について", "出向者人事のお知らせ")))
    cv.para("下記のとおり、グループ会社への出向および当社への帰任を発令いたしますので、お知らせします。", kinsoku=True)
    reading = r.random() < 0.8
    going = r.randint(1, n - 1)
    recs = []
    cv.line_left(f"１．出向（{ctx.date(eff)}付）", 11, gap=30)
    rows = []
    for _ in range(going):
        p = ctx.person()
        firm = r.choice(ctx.vocab.group_companies)
        post = ctx.dept_post()
        old = ctx.dept_post()
        rows.append([_name(ctx, p, reading), wrapped(firm, 150, 9), wrapped(post, 115, 9.5), wrapped(old, 113, 9.5)])
        recs.append(Rec(p, eff, firm, post, old, kana=reading))
    table(cv, [105.0, 150.0, 115.0, 113.0], ["氏名", "出向先", "出向先での役職", "現所属・役職"], rows)
    cv.ensure(90)
    cv.line_left(f"２．帰任（{ctx.date(back_eff)}付）", 11, gap=30)
    rows = []
    for _ in range(n - going):
        p = ctx.person()
        firm = r.choice(ctx.vocab.group_companies)
        post = ctx.dept_post()
        old = ctx.dept_post()
        rows.append([_name(ctx, p, reading), wrapped(post, 165, 9.5), wrapped(f"{firm} {old}", 213, 9.5)])
        recs.append(Rec(p, back_eff, ctx.company, post, old, kana=reading))
    table(cv, [105.0, 165.0, 213.0], ["氏名", "帰任後の所属・役職", "出向先・役職"], rows)
    cv.line_left("※ 出向期間は原則として３年間とします。", 8.5, gap=22)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("shukko_group", build, max_records=10, setup=setup)
