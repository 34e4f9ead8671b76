"""Ninth held-out set: a staged move schedule (組織再編に伴う人事異動日程表), landscape: the moves of
a reorganisation that takes effect in steps, one ruled table No. | 氏名 | 現職 | date₁付 | date₂付 |
date₃付 | 備考 where the effective dates are the column headings. Each person's new post (or 退職 /
退任) is written in the column of the date it takes effect; the other date cells of the row are
left blank. 現職 is the post held now (― for a hire, 備考 新規採用). A row with every date cell blank
and 備考 留任 is a person who stays: no record. The sentence above the table explains the columns;
the document date and the reorganisation's board date in it are distractors. No readings.

Truth: the rows with a filled date cell, in row order; the effective date is that cell's column
heading; the new post is the cell (退職 / 退任 → 退任), the old post 現職 (― → "")."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table

WIDTHS = [28.0, 92.0, 150.0, 135.0, 135.0, 135.0, 54.0]


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))  # no reading is printed, so the name keeps its split
    ctx.date_style = ctx.rng.choice(("western", "era", "slash", "era_fw", "western_fw"))


def later(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    steps = [eff, later(eff, r.choice((1, 2, 3))) if eff.day == 1 else eff + timedelta(days=15)]
    steps.append(later(steps[1], r.choice((1, 3, 6))))
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.line_right(ctx.company)
    cv.line_right(r.choice(("人事部長", "人事総務部", "組織再編推進事務局")))
    unit = r.choice(ctx.vocab.new_units)
    cv.title(r.choice(("組織再編に伴う人事異動日程表", "段階的人事異動の予定について", "人事異動スケジュール（組織再編）")))
    cv.para(f"{ctx.date(board)}開催の取締役会において決議された{unit}の設置を含む組織再編に伴い、下記のとおり段階的に"
            "人事異動を発令します。各人の異動後の職は、その発令日の欄に記載しています。発令日の欄が空欄の者は、"
            "現職のまま留任となります。", kinsoku=True)
    header = ["No.", "氏名", "現職"] + [f"{ctx.date(d)}付" for d in steps] + ["備考"]
    # Most moves happen at the first step; a few wait for the later ones.
    plan = [("move", r.choice((0, 0, 0, 1, 1, 2))) for _ in range(n)] + [("stay", None)] * r.choice((0, 0, 1, 2))
    r.shuffle(plan)
    rows, recs = [], []
    for k, (what, step) in enumerate(plan, 1):
        p = ctx.person()
        if what == "stay":
            rows.append([Cell(str(k), center=True), Cell(ctx.name(p)), Cell(ctx.dept_post())] +
                        [Cell("") for _ in steps] + [Cell("留任", center=True)])
            continue
        new, old, word = ctx.change("pptthcd")
        note = "新規採用" if not old else ("兼務" if " 兼 " in new.replace("\u3000", " ") else "")
        cells = [Cell("") for _ in steps]
        cells[step] = Cell(word or new)
        rows.append([Cell(str(k), center=True), Cell(ctx.name(p)), Cell(old or "―", center=not old)] + cells +
                    [Cell(note, center=True)])
        recs.append(Rec(p, steps[step], ctx.company, new, old, word, kana=False))
    draw_table(cv, WIDTHS, header, rows, size=9)
    cv.line_left("※ 兼務の者は、現職を引き続き兼ねる。", 9, gap=20)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("hiduke_columns", build, max_records=12, landscape=True, setup=setup)
