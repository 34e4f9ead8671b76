"""Eighth held-out set: 人事異動通知書, the fill-in form HR issues per person, two forms to an A4
page with a 切り取り線 between them. Each form is a ruled sheet: 発令年月日 (often printed with
padded figures, 令和 7年 4月 1日), 異動区分 as a row of check boxes (■ checked, □ not: 昇進 /
配置転換 / 兼務 / 採用 / 退職), フリガナ (katakana, full- or half-width) above 氏名 with 社員番号
beside it, then a small grid with 異動前 on the left and 異動後 on the right, each split into 所属 and
職位 rows; an added concurrent post is a third row 兼務 with ― before and the added post after.
A hire has ― before, a leaver ― after. 備考, the 作成日 (a distractor date), a 通知番号 and, at
the foot, the 申請者 (the requesting manager, named: no record) and stamp boxes (承認 / 人事部長 /
所属長) with surname seals, then the company.

Truth: one record per form, top form first; the effective date is the form's 発令年月日 (a
leaver's form is dated the day before the others); the post is 所属 and 職位 joined by a space;
a 兼務 row makes the new post 'post 兼 added post'; ― before → old post "" (a hire); ■退職 with
― after → 退任; the reading is the フリガナ row."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, Ctx, Form, Rec, dates, tw
from samplegen.heldout8._parts import Move, move

KINDS = ("昇進", "配置転換", "兼務", "採用", "退職")
KIND_OF = {"p": "昇進", "t": "配置転換", "c": "兼務", "h": "採用", "d": "退職"}
RED = (0.8, 0.1, 0.1)
SHEET_H = 318.0


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "kata", "half"))
    ctx.date_style = ctx.rng.choice(("era_sp", "era_sp", "era", "western"))
    ctx.name_sep = ctx.rng.choice((" ", "\u3000", ""))  # the フリガナ row gives the split


def box(cv: Canvas, x0: float, y0: float, x1: float, y1: float, fill=None) -> None:
    cv.page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=BLACK, fill=fill, width=0.6)


def label(cv: Canvas, x0: float, y0: float, x1: float, y1: float, s: str, size: float = 9) -> None:
    box(cv, x0, y0, x1, y1, fill=(0.92, 0.92, 0.92))
    cv.text((x0 + x1 - tw(s, size)) / 2, (y0 + y1) / 2 + size / 2 - 1, s, size)


def value(cv: Canvas, x0: float, y0: float, x1: float, y1: float, s: str, size: float = 10,
          center: bool = False) -> None:
    box(cv, x0, y0, x1, y1)
    size = min(size, size * (x1 - x0 - 10) / max(tw(s, size), 1))
    x = (x0 + x1 - tw(s, size)) / 2 if center else x0 + 6
    cv.text(x, (y0 + y1) / 2 + size / 2 - 1, s, size)


def seal(cv: Canvas, x: float, y: float, name: str) -> None:
    cv.page.draw_circle((x, y), 11, color=RED, width=0.8)
    size = 7 if len(name) <= 2 else 5.5
    for i, c in enumerate(name[:3]):  # a surname seal reads top to bottom
        cv.text(x - size / 2, y - (len(name[:3]) * size) / 2 + (i + 1) * size - 1, c, size, color=RED)


def sheet(cv: Canvas, ctx: Ctx, top: float, m: Move, p, day, made, number: int, note: str) -> None:
    r, L, R = ctx.rng, cv.left, cv.right
    title = "人 事 異 動 通 知 書"
    cv.text((cv.w - tw(title, 14)) / 2, top + 20, title, 14, bold=True)
    cv.text(L, top + 20, f"作成日：{ctx.date(made)}", 8, color=GRAY)
    no = f"通知番号　第{number:04d}号"
    cv.text(R - tw(no, 8), top + 20, no, 8)
    y, lw, h = top + 32, 78.0, 22.0
    label(cv, L, y, L + lw, y + h, "発令年月日")
    value(cv, L + lw, y, R, y + h, ctx.date(day))
    y += h
    label(cv, L, y, L + lw, y + h, "異動区分")
    checks = "　".join(("■" if k == KIND_OF[m.kind] else "□") + k for k in KINDS)
    value(cv, L + lw, y, R, y + h, checks, 9.5)
    y += h
    label(cv, L, y, L + lw, y + 16, "フリガナ", 8)
    value(cv, L + lw, y, R - 150, y + 16, ctx.ruby(p), 8)
    label(cv, R - 150, y, R - 80, y + 16 + 26, "社員番号", 8.5)
    value(cv, R - 80, y, R, y + 16 + 26, f"{r.randint(100000, 999999)}", 9.5, center=True)
    y += 16
    label(cv, L, y, L + lw, y + 26, "氏　　名")
    value(cv, L + lw, y, R - 150, y + 26, ctx.name(p), 13)
    y += 26 + 6
    half = (R - L - lw) / 2
    label(cv, L, y, L + lw, y + 18, "")
    label(cv, L + lw, y, L + lw + half, y + 18, "異　動　前")
    label(cv, L + lw + half, y, R, y + 18, "異　動　後")
    y += 18
    before = m.old or ("―", "―")
    after = m.new[0] if m.new else ("―", "―")
    rows = [("所　　属", before[0], after[0]), ("職　　位", before[1], after[1])]
    if m.kind == "c":
        rows.append(("兼　　務", "―", ctx.words(*m.new[1])))
    for lab, b, a in rows:
        label(cv, L, y, L + lw, y + h, lab)
        value(cv, L + lw, y, L + lw + half, y + h, ctx.words(b) if b != "―" else b, 10, center=b == "―")
        value(cv, L + lw + half, y, R, y + h, ctx.words(a) if a != "―" else a, 10, center=a == "―")
        y += h
    label(cv, L, y, L + lw, y + h, "備　　考")
    value(cv, L + lw, y, R, y + h, note, 9)
    y += h + 10
    # The foot: who asked for it (no record) and the stamp boxes with surname seals.
    # People from the front of the list: the records are popped from its end, so these never are.
    asker, unit = r.choice(ctx.people[2:5]), r.choice(ctx.vocab.depts)
    cv.text(L, y + 14, f"申請者：{ctx.words(unit[0], ctx.vocab.posts[unit[1]][0])}\u3000{ctx.name(asker, chr(0x3000))}", 8.5)
    cv.text(L, y + 32, f"{ctx.company}\u3000人事部", 9)
    x = R - 3 * 46
    for i, (who, seal_of) in enumerate((("承認", ctx.people[0]), ("人事部長", ctx.people[1]), ("所属長", asker))):
        box(cv, x + i * 46, y, x + (i + 1) * 46, y + 12, fill=(0.92, 0.92, 0.92))
        cv.text(x + i * 46 + (46 - tw(who, 7)) / 2, y + 9, who, 7)
        box(cv, x + i * 46, y + 12, x + (i + 1) * 46, y + 42)
        seal(cv, x + i * 46 + 23, y + 27, seal_of.family)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    first = r.randint(1, 400)
    recs = []
    notes = {"h": ("キャリア採用", "新卒採用", "中途採用（試用期間３か月）"), "d": ("一身上の都合による", "定年による", "")}
    for i in range(n):
        p, m = ctx.person(), move(ctx, "pptccthd")
        day = eff - timedelta(days=1) if m.kind == "d" else eff
        if i % 2 == 0 and i:
            cv.new_page()
        top = cv.y if i % 2 == 0 else cv.top + SHEET_H + 40
        if i % 2 == 1:  # the cut line between the two forms of a page
            y = top - 22
            cv.page.draw_line((cv.left - 20, y), (cv.right + 20, y), color=GRAY, width=0.5, dashes="[4 3] 0")
            cv.text((cv.w - tw("切り取り線", 7)) / 2, y - 3, "切り取り線", 7, color=GRAY)
        note = r.choice(notes.get(m.kind, ("", "", "業務上の必要による")))
        sheet(cv, ctx, top, m, p, day, announce, first + i, note)
        recs.append(Rec(p, day, ctx.company, m.new_text(ctx), m.old_text(ctx), m.word and "退職"))
    return recs


FORM = Form("tsuchisho", build, max_records=6, setup=setup)
