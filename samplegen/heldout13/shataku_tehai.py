"""Thirteenth held-out set: the housing desk's relocation sheet (転勤者 赴任・社宅手配一覧), landscape,
the list general affairs keeps for the people whose transfer means a move. Top the company and 総務部
住宅担当, the sheet's 作成日 (a distractor) and the title; a note on the moving company; then a ruled
table No. | 氏名 | フリガナ | 新任地・役職 | 旧任地・役職 | 着任日 | 引越予定日 | 社宅 | 家族. The reading
column is katakana or half-width katakana. 着任日 differs from row to row (a person may start a week
or two after the others), 引越予定日 is a few days before it (a distractor); 社宅 names a company
flat (a distractor); 家族 is 単身 or 帯同. Long sheets run onto a second page.

Truth: the rows in order; the date the row's 着任日; the new post the 新任地・役職 cell, the old post
the 旧任地・役職 cell; readings from the reading column."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, tw

FLATS = ("第一やまびこ寮", "しおかぜ社宅 203", "けやき台借上げ 1F", "みずほ町社宅 401", "単身寮 はるか", "借上げ（手配中）")
WIDTHS = [28.0, 78.0, 100.0, 150.0, 150.0, 70.0, 70.0, 80.0, 40.0]


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("slash", "slash0", "dot", "western"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))
    ctx.reading = ctx.rng.choice(("kata", "half"))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.text(cv.left, cv.y - 20, f"作成日：{ctx.date(announce)}", 9)
    head = f"{ctx.company}　総務部 住宅担当"
    cv.text(cv.right - tw(head, 10), cv.y - 20, head, 10)
    cv.title("転勤者 赴任・社宅手配一覧", 15)
    cv.line_left("※ 引越しは指定業者（あかね引越センター）に手配済み。見積りは各人宛てに直接送付されます。", 9)
    rows, recs = [], []
    for k in range(1, n + 1):
        p = ctx.person()
        new, old, _w = ctx.change("ppttc")
        day = eff + timedelta(days=r.choice((0, 0, 0, 7, 14)))
        move = day - timedelta(days=r.randint(2, 5))
        rows.append([Cell(str(k), center=True), Cell(ctx.name(p)), Cell(ctx.ruby(p)), Cell(new), Cell(old),
                     Cell(ctx.date(day), center=True), Cell(ctx.date(move), center=True), Cell(r.choice(FLATS)),
                     Cell(r.choice(("単身", "帯同")), center=True)])
        recs.append(Rec(p, day, ctx.company, new, old))
    draw_table(cv, WIDTHS, ["No.", "氏名", "フリガナ", "新任地・役職", "旧任地・役職", "着任日", "引越予定日", "社宅", "家族"],
               rows, size=9)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("shataku_tehai", build, max_records=16, landscape=True, setup=setup)
