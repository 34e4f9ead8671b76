"""Held-out form: officer candidates with a profile each (reading, birth date, current post, career
history), then the officers retiring."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, format_date, tw


def _career(ctx: Ctx, last: str, year: int) -> list[str]:
    r = ctx.rng
    start = year - r.randint(22, 32)
    steps = sorted(r.sample(range(start + 3, year - 1), 3))
    lines = [f"{start}年4月\u3000当社入社"]
    for y in steps[:-1]:
        lines.append(f"{y}年{r.choice((4, 7, 10))}月\u3000{ctx.dept_post(rank=r.randint(0, 2))}")
    lines.append(f"{steps[-1]}年{r.choice((4, 6))}月\u3000{last}（現任）")
    return lines


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    year = r.choice((2021, 2023, 2024, 2025, 2026))
    agm = date(year, 6, r.randint(18, 27))
    board = agm - timedelta(days=r.randint(30, 50))
    cv.line_right(ctx.date(board), gap=0)
    cv.line_left("各位")
    for s in (ctx.company, f"代表取締役社長\u3000{ctx.name(ctx.person(), chr(0x3000))}"):
        cv.line_right(s)
    cv.title(r.choice(("取締役候補者に関するお知らせ", "役員の異動及び候補者の略歴について")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、", ctx.date(agm),
            f"開催予定の第{r.randint(40, 90)}回定時株主総会に付議する取締役候補者を下記のとおり決定いたしました。",
            kinsoku=True)
    cv.center("記")
    leaving = r.randint(0, min(2, n - 1))
    recs = []
    cv.line_left(f"１．新任取締役候補者（{ctx.date(agm)}付）", gap=26)
    for _ in range(n - leaving):
        p = ctx.person()
        if r.random() < 0.35:
            employer, old = r.choice(ctx.vocab.outside)
            shown, career = f"{employer}\u3000{old}", []
        else:
            old = ctx.dept_post(rank=0)
            shown, career = old, _career(ctx, old, year)
        born = date(year - r.randint(45, 62), r.randint(1, 12), r.randint(1, 28))
        cv.ensure(70 + 15 * len(career))
        cv.line_left(f"{ctx.name(p, ctx.name_sep)}（{ctx.ruby(p)}）", 11, gap=24, x=cv.left + 12)
        cv.line_left(f"生年月日：{format_date(born, 'era')}生", 9.5, gap=16, x=cv.left + 24)
        cv.line_left(f"現職：{shown}", 9.5, gap=15, x=cv.left + 24)
        if career:
            cv.line_left("略歴：", 9.5, gap=15, x=cv.left + 24)
            for line in career:
                cv.line_left(line, 9.5, gap=14, x=cv.left + 24 + tw("略歴：", 9.5))
        recs.append(Rec(p, agm, ctx.company, "取締役", old))
    if leaving:
        cv.ensure(40 + 20 * leaving)
        cv.line_left(f"２．退任予定取締役（{ctx.date(agm)}付）", gap=28)
        for _ in range(leaving):
            p = ctx.person()
            old = r.choice(("取締役", "常務取締役", "取締役副社長"))
            cv.line_left(f"{ctx.name(p, ctx.name_sep or chr(0x3000))}（現\u3000{old}）", gap=20, x=cv.left + 12)
            recs.append(Rec(p, agm, ctx.company, "", old, "退任予定", kana=False))
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("career_profiles", build, max_records=6)
