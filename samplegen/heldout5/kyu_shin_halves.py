"""Fifth held-out set: a one-page 新旧対照表 set as two half-width tables side by side (the left
table's rows first, then the right table's), each table 旧 | 氏名 | 新: the old post on the left, the
new post on the right, the name in the middle with its reading in hiragana in brackets on the
line below. The effective date heads the page with its weekday: 2026年4月1日（水）付. 新規採用 in the
旧 column is a hire, 退職 / 退任 in the 新 column a departure; the rows are numbered across both tables.

Truth: old post "" for 新規採用; the records run down the left table, then the right one."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead, tw
from samplegen.heldout5._layout import grid, wrapped

WIDTHS = [18.0, 76.0, 74.0, 70.0]  # No. | 旧 | 氏名 | 新, one half of the page
WEEK = "月火水木金土日"


def setup(ctx: Ctx) -> None:
    ctx.reading = "hira"
    ctx.joined = ctx.rng.random() < 0.5
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 4)
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    when = f"{ctx.date(eff)}（{WEEK[eff.weekday()]}）付"
    cv.title(r.choice(("人事異動 新旧対照表", "人事異動（新旧対照）", "新旧対照表")))
    cv.center(when, 11.5, gap=22)
    cv.para("下記のとおり発令いたします。左欄に旧、右欄に新の所属・役職を示します。", size=9.5, kinsoku=True)
    reading = r.random() < 0.8
    halves: list[list] = [[], []]
    recs = []
    left = -(-n // 2)
    for i in range(n):
        p = ctx.person()
        new, old, dep = ctx.change("ptthd")
        ruby = f"（{ctx.ruby(p)}）"
        name = [(ctx.named(p, reading), 8.5)] + ([(ruby, min(6.0, (WIDTHS[2] - 8) / tw(ruby, 1)))] if reading else [])
        row = [wrapped(old, WIDTHS[1], 8) if old else [("新規採用", 8)], name,
               [(dep, 8)] if dep else wrapped(new, WIDTHS[3], 8)]
        halves[i >= left].append(([(str(i + 1), 8)], [row]))
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=reading))
    top = cv.y + 8
    half = sum(WIDTHS)
    for k, groups in enumerate(halves):
        cv.y = top
        grid(cv, WIDTHS, ["No.", "旧", "氏名", "新"], groups, x0=cv.left + k * (cv.right - cv.left - half),
             centered=(0,), size=8.5)
        bottom = cv.y if k == 0 else max(bottom, cv.y)
    cv.y = bottom
    note = "※ 氏名の下の（　）内はふりがなです。" if reading else "※ 敬称略"
    cv.line_left(note, 8, gap=16)
    cv.line_right("以上", gap=20)
    cv.text(cv.right - tw("人事部 人事課", 8.5), cv.y + 16, "人事部 人事課", 8.5)
    return recs


FORM = Form("kyu_shin_halves", build, max_records=18, setup=setup)
