"""Held-out form: a landscape table with 社員番号 and 所属コード columns and the department and the post
in separate columns (the post is the two cells joined by a space)."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, kana_as, tw


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "kata", "half"))


def _post(ctx: Ctx, dept: tuple[str, str], rank: int) -> tuple[str, str]:
    posts = ctx.vocab.posts[dept[1]]
    return ctx.words(dept[0]), posts[min(rank, len(posts) - 1)]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    stamp = f"{ctx.company}　人事部　{ctx.date(announce)}"
    cv.text(cv.right - tw(stamp, 9), cv.y, stamp, 9)
    cv.title(r.choice(("人事異動発令一覧", "異動者一覧（発令）")))
    cv.line_left(f"発令日：{ctx.date(eff)}", 10.5, gap=20)
    recs, rows = [], []
    for _ in range(n):
        p = ctx.person()
        kind = r.choice("ppttdh")
        dept = r.choice(ctx.vocab.depts)
        ranks = len(ctx.vocab.posts[dept[1]])
        if kind == "p":
            hi = r.randrange(ranks - 1)
            new, old = _post(ctx, dept, hi), _post(ctx, dept, r.randrange(hi + 1, ranks))
        else:
            new, old = _post(ctx, dept, r.randrange(ranks)), _post(ctx, r.choice(ctx.vocab.depts), r.randrange(3))
            if new == old:
                old = _post(ctx, dept, ranks - 1 if new[1] != ctx.vocab.posts[dept[1]][-1] else 0)
        code = f"{r.choice('ABCKST')}{r.randint(100, 999)}"
        number = f"{r.randint(10, 99)}{r.randint(1000, 9999)}"
        reading = kana_as(p.kana_family, ctx.reading) + " " + kana_as(p.kana_given, ctx.reading)
        if kind == "d":
            cells_new, dep = [Cell("―", center=True), Cell("退職")], "退職"
        else:
            cells_new, dep = [Cell(new[0]), Cell(new[1])], ""
        if kind == "h":
            cells_old, old = [Cell("―", center=True), Cell("―", center=True)], ("", "")
        else:
            cells_old = [Cell(old[0]), Cell(old[1])]
        rows.append([Cell(number, center=True), Cell(ctx.name(p)), Cell(reading), Cell(code, center=True),
                     *cells_new, *cells_old])
        recs.append(Rec(p, eff, ctx.company, "" if dep else ctx.sp.join(new), ctx.sp.join(x for x in old if x), dep))
    widths = [62, 88, 110, 58, 0, 0, 0, 0]
    rest = (cv.right - cv.left - sum(widths)) / 4
    draw_table(cv, [w or rest for w in widths],
               ["社員番号", "氏名", "カナ氏名", "所属コード", "新所属", "新役職", "旧所属", "旧役職"], rows, size=9)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("landscape_codes", build, landscape=True, setup=setup)
