"""Fourth held-out set: the effective date is printed only in the title (…付 人事異動, no date in the
sentence below it), then a ruled table No. | 氏名 | 新（上段）／旧（下段）: the name cell holds the name
with its reading in full-width katakana on the line below, and one cell holds the new post on its
upper line and the old post on its lower line, with no label on either line (only the header says
which is which). Departures print 退職 / 退任 on the upper line; hires print （新規採用） below."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout4._layout import grid, wrapped

WIDTHS = [34.0, 128.0, 321.0]


def setup(ctx: Ctx) -> None:
    ctx.reading = "kata"
    ctx.date_style = ctx.rng.choice(("era", "era", "era_fw", "western"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    when = ctx.date(eff)
    cv.title(r.choice((f"{when}付 人事異動", f"人事異動（{when}付）", f"{when}付人事異動について")))
    cv.para(r.choice(("下記のとおり人事異動を発令しましたので、お知らせいたします。",
                      "標記について、下記のとおり決定しましたのでお知らせします。")), kinsoku=True)
    cv.center("記", gap=24)
    header = ["No.", "氏　名", r.choice(("新（上段）／旧（下段）", "上段：新　下段：旧", "異動後（上）・異動前（下）"))]
    recs, rows = [], []
    reading = r.random() < 0.8
    for i in range(n):
        p = ctx.person()
        new, old, dep = ctx.change("ptthcd")
        name = [(ctx.named(p, reading), 10.5)] + ([(ctx.ruby(p), 7.5)] if reading else [])
        upper = wrapped(dep or new, WIDTHS[2], 9.5)
        lower = wrapped(old, WIDTHS[2], 9.5) if old else [("（新規採用）", 9.5)]
        rows.append([[(str(i + 1), 9.5)], name, upper + lower])
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=reading))
    grid(cv, WIDTHS, header, rows, centered=(0,))
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("jokai_cell", build, max_records=14, setup=setup)
