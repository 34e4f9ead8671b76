"""Eleventh held-out set: a university's announcement of its faculty appointments (教員人事について).
The university is the announcing body (the company), signed by its 学長室 or 人事課 under the
announcement date. One …付 date in the opening sentence, then after 記 up to four sections, each a
ruled table with the reading small above the name in about half the files:
１．部局長の就任: 新職 | 氏名 | 現職 | 任期 — deans (経済学部長, 理工学研究科長) chosen from the faculty's
professors; the 任期 cell runs from the effective date to a 3月31日 two years on (a distractor);
２．昇任: 新職 | 氏名 | 現職 — one rank up within a faculty (理工学部 准教授 → 理工学部 教授);
３．採用: 新職 | 氏名 | 前職 — the former post at another university or an outside body with that
employer printed first, or ― for a first appointment;
４．退職（…付, the day before）: 現職 | 氏名 | 備考 (定年退職 / 任期満了 / 他大学へ転出, sometimes with
名誉教授の称号授与予定, which is no post).

Truth: the sections in printed order, each table in row order; the company is the university; the
new post 新職 as printed (a dean's post solid, a rank its faculty and the rank joined by a space); the
old post 現職 / 前職 without the other university or outside employer (― → ""); a leaver's new post
退任, dated by the heading of ４．; readings only where printed."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout11.vocab import FACULTIES, GRAD_SCHOOLS, OTHER_UNIVERSITIES, RANKS, UNIVERSITIES


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(UNIVERSITIES)
    ctx.date_style = ctx.rng.choice(("era", "western", "western", "era_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5

    def post(unit: str, rank: str) -> str:
        return f"{unit}{sp}{rank}"

    # Who: a few deans, mostly promotions and hires, some leavers; no post is filled twice.
    kinds = [r.choice("dppphhhxx") for _ in range(n)]
    deans = [k for k in kinds if k == "d"][:len(FACULTIES)]
    units = r.sample(FACULTIES + GRAD_SCHOOLS, len(deans))
    sections: dict[str, list[Rec]] = {"d": [], "p": [], "h": [], "x": []}
    rows: dict[str, list[list[Cell]]] = {k: [] for k in sections}

    def name_cell(p) -> Cell:
        return Cell(ctx.name(p), ruby=ctx.ruby(p) if kana else "")

    for unit in units:
        p = ctx.person()
        fac = unit if unit.endswith("学部") else r.choice(FACULTIES)
        new, old = f"{unit}長", post(fac, "教授")
        end = date(eff.year + 2 + (eff.month > 3), 3, 31)
        rows["d"].append([Cell(new), name_cell(p), Cell(old), Cell(f"{ctx.date(eff)} ～ {ctx.date(end)}")])
        sections["d"].append(Rec(p, eff, ctx.company, new, old, kana=kana))
    for kind in kinds:
        if kind == "d":
            continue
        p = ctx.person()
        fac = r.choice(FACULTIES)
        if kind == "p":
            k = r.randrange(1, len(RANKS))
            new, old = post(fac, RANKS[k - 1]), post(fac, RANKS[k])
            rows["p"].append([Cell(new), name_cell(p), Cell(old)])
        elif kind == "h":
            new = post(fac, r.choice(RANKS))
            where = r.random()
            if where < 0.5:
                old = post(r.choice(FACULTIES), r.choice(RANKS))
                shown = f"{r.choice(OTHER_UNIVERSITIES)}{sp}{old}"
            elif where < 0.75:
                employer, old = r.choice(ctx.vocab.outside)
                shown = f"{employer}{sp}{old}"
            else:
                old, shown = "", "―"
            rows["h"].append([Cell(new), name_cell(p), Cell(shown)])
        else:
            new, old = "", post(fac, r.choice(RANKS[:2]))
            note = r.choice(("定年退職", "定年退職", "任期満了", "他大学へ転出"))
            if note == "定年退職" and r.random() < 0.6:
                note += "（名誉教授の称号授与予定）"
            rows["x"].append([Cell(old), name_cell(p), Cell(note)])
        sections[kind].append(Rec(p, gone if kind == "x" else eff, ctx.company, new, old,
                                  "退職" if kind == "x" else "", kana=kana))

    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("報道関係各位", "教職員各位", "関係各位")))
    cv.line_right(ctx.company)
    cv.line_right(r.choice(("学長室", "事務局 人事課", "総務部 人事課")))
    cv.title(r.choice(("教員人事について", "教員の人事異動について", "学部長等の選任及び教員人事について")))
    cv.para(f"{ctx.company}では、", ctx.date(eff), "付で下記のとおり教員人事を行いますので、お知らせいたします。",
            kinsoku=True)
    cv.center("記", gap=22)
    heads = {"d": ("部局長の就任", ["新職", "氏名", "現職", "任期"], [130.0, 100.0, 123.0, 130.0]),
             "p": ("昇任", ["新職", "氏名", "現職"], [170.0, 120.0, 193.0]),
             "h": ("採用", ["新職", "氏名", "前職"], [150.0, 110.0, 223.0]),
             "x": ("退職", ["現職", "氏名", "備考"], [150.0, 110.0, 223.0])}
    recs, k = [], 0
    for key in "dphx":
        if not rows[key]:
            continue
        k += 1
        title, header, widths = heads[key]
        cv.ensure(70)
        label = f"{'１２３４'[k - 1]}．{title}"
        if key == "x":
            label += f"（{ctx.date(gone)}付）"
        cv.line_left(label, gap=24)
        draw_table(cv, widths, header, rows[key], size=9)
        recs += sections[key]
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("kyoin_jinji", build, max_records=14, setup=setup)
