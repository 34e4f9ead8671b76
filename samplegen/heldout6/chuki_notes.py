"""Sixth held-out set: a ruled table No. | 氏名 | フリガナ | 新所属・役職 | 現所属・役職 | 注 whose 注 column
points some rows to numbered notes printed under the table (（注１）…), and the notes change the
record: 「発令日は…付とする」 gives that person another effective date, 「現職を引き続き兼務する」 adds
the old post to the new one as a concurrent post. Other notes change nothing: one names a person
who stays in office (（注）…は留任とする; no record), one explains a hire from outside (no old post printed: ―).
A departure prints 退職 in the new column.

Truth: a person's date is the note's date when the note gives one, else the date in the opening
sentence; 現職を引き続き兼務 gives new post A 兼 B (B the old post); ― is ""; readings from the フリガナ
column (full-width katakana)."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, fullwidth, letterhead
from samplegen.heldout6._layout import grid, wrapped

WIDTHS = [22.0, 70.0, 78.0, 132.0, 132.0, 49.0]


def setup(ctx: Ctx) -> None:
    ctx.reading = "kata"
    ctx.name_sep = ctx.rng.choice((" ", "\u3000", ""))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((14, 15, 30, 31)))
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動について", "人事異動のお知らせ", "人事発令")))
    cv.para(f"{ctx.date(eff)}付をもって、下記のとおり人事異動を発令します。なお、（注）を付した者は各注記のとおりとします。",
            kinsoku=True)
    cv.center("記", gap=22)
    notes: list[str] = []  # printed once each; rows that share a note share its number
    rows, recs = [], []
    sep = "\u3000" if ctx.sp == "\u3000" else " "
    for i in range(n):
        p, kind = ctx.person(), r.random()
        new, old, dep = ctx.change("ptth" if kind < 0.9 else "d")
        when, truth_new, note, roll = eff, new, "", r.random()
        if old and not dep and roll < 0.2:
            note, when = f"発令日は{ctx.date(later)}付とする（業務引継ぎのため）。", later
        elif old and not dep and roll < 0.38:
            note, truth_new = "現職を引き続き兼務する。", f"{new}{sep}兼{sep}{old}"
        elif not old and roll < 0.6:
            note = f"{r.choice(ctx.vocab.outside)[0]}より入社（中途採用）。"
        if note and note not in notes:
            notes.append(note)
        mark = f"注{fullwidth(str(notes.index(note) + 1))}" if note else ""
        rows.append([[(fullwidth(str(i + 1)), 8.5)], [(ctx.named(p, True), 9.5)], [(ctx.ruby(p), 8)],
                     [(dep, 9)] if dep else wrapped(new, WIDTHS[3], 9), wrapped(old, WIDTHS[4], 9) or [("―", 9)],
                     [(mark, 8.5)] if mark else []])
        recs.append(Rec(p, when, ctx.company, truth_new, old, dep))
    grid(cv, WIDTHS, [[("No.", 1), ("氏名", 1), ("フリガナ", 1), ("新所属・役職", 1), ("現所属・役職", 1), ("注", 1)]],
         rows, centered=(0, 5))
    stay = ctx.person()
    tail = f"{ctx.name(stay, chr(0x3000))}（{ctx.dept_post(rank=0)}）は留任とする。"
    cv.y += 6
    for k, text in enumerate(notes, 1):
        cv.ensure(16)
        cv.line_left(f"（注{fullwidth(str(k))}）{text}", 8.5, gap=14)
    cv.ensure(16)
    cv.line_left(f"（注）敬称略。{tail}", 8.5, gap=14)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("chuki_notes", build, max_records=12, setup=setup)
