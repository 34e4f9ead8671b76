"""Held-out form: a two-page notice where each person is a small bordered box, two boxes a row;
the boxes are read down the left column, then the right, page by page."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, letterhead, tw, wrap_words

BOX_H, GAP = 100.0, 12.0


def setup(ctx: Ctx) -> None:
    ctx.numbered = True


def _box(cv: Canvas, x: float, y: float, w: float, rec: Rec, ctx: Ctx, number: int, reading: bool) -> None:
    cv.page.draw_rect(pymupdf.Rect(x, y, x + w, y + BOX_H), color=BLACK, width=0.7)
    cv.text(x + 6, y + 12, f"No.{number}", 7.5)
    name = ctx.name(rec.person, ctx.name_sep if reading else (ctx.name_sep or "\u3000"))
    cv.text(x + 40, y + 22, name, 11.5, bold=True)
    if reading:
        cv.text(x + 46 + tw(name, 11.5), y + 22, ctx.ruby(rec.person), 7.5)
    lines = [("新", rec.depart or rec.new)] + ([("旧", rec.old)] if rec.old else [])
    yy = y + 40
    for label, value in lines:
        for k, (_s, s) in enumerate(wrap_words(value, w - 40, 9.5)):
            if k == 0:
                cv.text(x + 8, yy, label, 9.5)
            cv.text(x + 26, yy, s, 9.5)
            yy += 14
        yy += 2


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 7)
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動のお知らせ", "幹部社員の人事異動について")))
    cv.para(ctx.date(board), "の経営会議において、", ctx.date(eff), "付の人事異動を次のとおり決定しました。", kinsoku=True)
    reading = r.random() < 0.6
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        recs.append(Rec(ctx.person(), eff, ctx.company, new, old, dep, kana=reading))
    w = (cv.right - cv.left - GAP) / 2
    done = 0
    while done < n:
        top = cv.y + 16
        rows = max(1, int((cv.bottom - top) // (BOX_H + GAP)))
        rows = min(rows, 3)
        chunk = recs[done:done + 2 * rows]
        left = (len(chunk) + 1) // 2
        for k, rec in enumerate(chunk):
            col, row = (0, k) if k < left else (1, k - left)
            _box(cv, cv.left + col * (w + GAP), top + row * (BOX_H + GAP), w, rec, ctx, done + k + 1, reading)
        done += len(chunk)
        cv.y = top + left * (BOX_H + GAP)
        if done < n:
            cv.new_page()
    cv.line_right("以上", gap=14)
    return recs


FORM = Form("boxed_cards", build, setup=setup)
