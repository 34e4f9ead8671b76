"""Second held-out set: 役員人事 as tables 氏名 | 新 | 現 | 備考, one per section with its own date
(取締役 at the general meeting, 執行役員 later); ※ notes below name people again and name others
who stay in office (留任) or who are the representative: none of those are records."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Person, Rec, draw_table

DIRECTOR_MOVES = (("専務取締役", "常務取締役"), ("常務取締役", "取締役"), ("取締役副社長", "専務取締役"),
                  ("取締役 兼 常務執行役員", "常務執行役員"))


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western_fw", "era", "era_fw", "western"))


def _directors(ctx: Ctx, count: int, notes: list[str], agm: date) -> tuple[list[Rec], list[list[Cell]]]:
    r, sp = ctx.rng, ctx.sp
    recs, rows = [], []
    for _ in range(count):
        p, mark = ctx.person(), ""
        kind = r.choice("ioxr")
        if kind == "i":  # an executive joins the board
            old = ctx.words("執行役員") + sp + ctx.dept_post(rank=0)
            new, dep = ctx.words(r.choice(("取締役", "取締役 兼 執行役員"))), ""
        elif kind == "o":  # an outside director: the employer is printed, and dropped in the truth
            employer, old = r.choice(ctx.vocab.outside)
            new, dep, shown_old = "社外取締役", "", f"{employer}{sp}{old}"
            mark = f"※{len(notes) + 1}"
            notes.append(f"{mark}\u3000{ctx.name(p)}氏は、社外取締役候補者であります。")
        elif kind == "x":
            new, old = (ctx.words(w) for w in r.choice(DIRECTOR_MOVES))
            dep = ""
        else:  # retiring; a note may say what comes next, which does not make it a new post
            new, old, dep = "", ctx.words(r.choice(("取締役", "常務取締役", "社外取締役"))), "退任"
            if r.random() < 0.5:
                mark = f"※{len(notes) + 1}"
                notes.append(f"{mark}\u3000{ctx.name(p)}は、{ctx.date(agm)}付で当社顧問に就任する予定です。")
        if kind != "o":
            shown_old = old
        recs.append(Rec(p, agm, ctx.company, new, old, dep, kana=False))
        rows.append([Cell(ctx.named(p, False)), Cell(dep or new), Cell(shown_old), Cell(mark, center=True)])
    return recs, rows


def _executives(ctx: Ctx, count: int, day: date) -> tuple[list[Rec], list[list[Cell]]]:
    r, sp = ctx.rng, ctx.sp
    recs, rows = [], []
    for _ in range(count):
        p = ctx.person()
        old = ctx.dept_post(rank=0)
        if r.random() < 0.3:
            old, new = ctx.words("執行役員") + sp + old, ctx.words("常務執行役員") + sp + ctx.dept_post(rank=0)
        else:
            new = ctx.words("執行役員") + sp + (old if r.random() < 0.5 else ctx.dept_post(rank=0))
        recs.append(Rec(p, day, ctx.company, new, old, kana=False))
        rows.append([Cell(ctx.named(p, False)), Cell(new), Cell(old), Cell("")])
    return recs, rows


def _others(ctx: Ctx, rep: Person) -> str:
    """A note naming people who are not records: the representative and a director who stays."""
    stays = ctx.person()
    return (f"※\u3000代表取締役社長\u3000{ctx.name(rep)}及び取締役\u3000{ctx.name(stays)}は、"
            "引き続き留任いたします。")


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 2)
    year = r.choice((2019, 2023, 2024, 2025, 2026))
    agm = date(year, 6, r.randint(18, 27))
    board = agm - timedelta(days=r.randint(30, 50))
    later = date(year, 7, 1)
    rep = ctx.person()
    cv.line_right(ctx.date(board), gap=0)
    cv.line_left(r.choice(("各位", "報道関係者各位")))
    for s in (ctx.company, f"代表取締役社長\u3000{ctx.name(rep)}", f"（証券コード　{r.randint(1300, 9999)}）"):
        cv.line_right(s, 9.5, gap=15)
    cv.title(r.choice(("役員人事に関するお知らせ", "役員の異動および執行役員人事について")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり役員人事を内定いたしましたので、お知らせいたします。"
            "なお、取締役の選任は", ctx.date(agm), "開催予定の第", str(r.randint(20, 90)),
            "回定時株主総会の承認を条件としております。", kinsoku=True)
    cv.center("記")
    first = max(1, n - r.randint(0, n - 1)) if n > 1 else 1
    notes: list[str] = []
    widths = [100, 162, 176, 45]
    heads = ["氏名", "新", r.choice(("現", "現職")), "備考"]
    recs, rows = _directors(ctx, first, notes, agm)
    cv.line_left(f"１．取締役の異動（{ctx.date(agm)}付）", gap=26)
    draw_table(cv, widths, heads, rows)
    if n > first:
        more, rows = _executives(ctx, n - first, later)
        cv.line_left(f"２．執行役員の異動（{ctx.date(later)}付）", gap=26)
        draw_table(cv, widths, heads, rows)
        recs += more
    cv.y += 6
    for s in notes + [_others(ctx, rep)]:
        cv.line_left(s, 9, gap=15)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("officer_shingen", build, max_records=9, setup=setup)
