"""役員の異動に関するお知らせ: a press-release letterhead (代表者名, 問合せ先 are not records), then numbered
sections (新任取締役候補, 退任予定監査役, 新任執行役員, …) each with its own date; outside candidates
show their employer in brackets, with ※ notes."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import LEFT, Canvas, Ctx, Form, Rec


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    year = r.choice((2019, 2021, 2024, 2025, 2026))
    agm = date(year, 6, r.randint(20, 28))
    announce = board = agm - timedelta(days=r.randint(35, 55))
    later = date(year, 7, 1)
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("各位", "株主各位")))
    x = 300.0
    rep, contact = ctx.person(), ctx.person()
    for s in (f"会 社 名　{ctx.company}", f"代表者名　代表取締役社長　{ctx.name(rep)}",
              f"　　（コード番号：{r.randint(1300, 9999)}　東証{r.choice(('プライム', 'スタンダード', 'グロース'))}）",
              f"問合せ先　取締役 管理本部長　{ctx.name(contact)}",
              f"　　（ＴＥＬ．0{r.randint(3, 6)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}）"):
        cv.line_left(s, 9.5, gap=15, x=x)
    cv.title("役員の異動に関するお知らせ")
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり役員の異動を内定いたしましたので、"
            "お知らせいたします。なお、取締役及び監査役の選任につきましては、", ctx.date(agm),
            "開催予定の定時株主総会において正式に決定される予定です。")
    cv.center("記")
    kinds = sorted(r.sample("ABCDE", min(n, r.randint(1, 3))))
    cuts = sorted(r.sample(range(1, n), len(kinds) - 1)) if len(kinds) > 1 else []
    marks = r.choice((("（１）", "（２）", "（３）"), ("①", "②", "③"), ("1.", "2.", "3.")))
    recs: list[Rec] = []
    for i, (kind, count) in enumerate(zip(kinds, [b - a for a, b in zip([0] + cuts, cuts + [n])])):
        recs += _officer_section(cv, ctx, kind, count, marks[i], agm, later)
    cv.line_right("以　上", gap=24)
    return recs


def _officer_section(cv: Canvas, ctx: Ctx, kind: str, count: int, mark: str, agm: date, later: date) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    heading, post = {"A": ("新任取締役候補", "取締役"), "B": ("新任監査役候補", "監査役"),
                     "C": (r.choice(("退任予定取締役", "退任予定監査役")), ""),
                     "D": ("新任執行役員", ""), "E": ("役付取締役の異動", "")}[kind]
    eff = later if kind == "D" else agm
    note = "" if kind == "C" else "\u3000（）内は現職"
    cv.line_left(f"{mark}\u3000{heading}【{ctx.date(eff)}付{note}】", gap=24)
    recs, notes = [], []
    for _ in range(count):
        p = ctx.person()
        name = ctx.name(p)
        prefix = r.choice(("現", "現職", "当社")) + sp
        if kind in "AB" and r.random() < 0.45:  # outside candidate: employer in parentheses, not the company
            employer, old = r.choice(ctx.vocab.outside)
            line, new = f"{name}（{employer}{sp}{ctx.words(old)}）※", post
            notes.append(f"※{sp}{name}氏は、社外{post}候補者であります。")
        elif kind in "AB":
            old = ctx.dept_post(rank=0) if r.random() < 0.5 else ctx.words("執行役員") + sp + ctx.dept_post(rank=0)
            line, new = f"{name}（{prefix}{old}）", post
        elif kind == "C":
            old = ctx.words(r.choice(("取締役", "常務取締役", "社外取締役") if "取締役" in heading
                                     else ("監査役", "常勤監査役", "社外監査役")))
            line, new = f"{name}（{prefix}{old}）", ""
        elif kind == "D":
            old = ctx.dept_post(rank=0)
            new = ctx.words("執行役員") + sp + old if r.random() < 0.6 else ctx.words("執行役員") + sp + ctx.dept_post(rank=0)
            line = f"{new}{sp}{name}（{old}）"
        else:
            new, old = r.choice((("常務取締役", "取締役"), ("専務取締役", "常務取締役"), ("取締役常務執行役員", "取締役")))
            line = f"{new}{sp}{name}（{r.choice(('現', '現職'))}{sp}{old}）"
        dep = "退任予定" if kind == "C" else ""
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
        cv.line_left(line, gap=18, x=LEFT + 14)
    for s in notes:
        cv.line_left(s, 8.5, gap=14, x=LEFT + 14)
    return recs


FORM = Form("officer_text", build, max_records=8)
