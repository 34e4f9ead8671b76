"""Second held-out set: a transposed 発令一覧 where each person is a column and the items are rows
(項目 | 1 | 2 | 3: 氏名 / フリガナ / 発令日 / 異動後 / 異動前 / 区分), three persons to a block, blocks
stacked down the page; read the persons left to right, block by block."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, format_date, tw, wrap_words

SIZE, LABEL_W = 9.5, 78.0
LABELS = (("氏名", "フリガナ", "発令日", "異動後", "異動前", "区分"),
          ("氏　名", "ふりがな", "発令年月日", "新所属・役職", "旧所属・役職", "発令区分"))


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "kata", "hira", "half"))


def _block(cv: Canvas, labels: tuple[str, ...], columns: list[list[str]], first: int, per_block: int) -> None:
    """One ruled grid: a label column, then one column per person (numbered from `first`)."""
    col_w = (cv.right - cv.left - LABEL_W) / per_block
    xs = [cv.left, cv.left + LABEL_W] + [cv.left + LABEL_W + col_w * (k + 1) for k in range(per_block)]
    rows = [("項目", [str(first + k) for k in range(len(columns))])] + \
        [(label, [c[i] for c in columns]) for i, label in enumerate(labels)]
    for r, (label, values) in enumerate(rows):
        wrapped = [[s for _o, s in wrap_words(v, col_w - 10, SIZE)] for v in values]
        h = max([1] + [len(w) for w in wrapped]) * (SIZE + 4) + 8
        fill = (0.9, 0.9, 0.9) if r == 0 else None
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, fill=fill, width=0.6)
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[1], cv.y + h), color=BLACK, fill=(0.95, 0.95, 0.95), width=0.6)
        for x in xs[2:-1]:
            cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.6)
        cv.text(xs[0] + 5, cv.y + SIZE + 5, label, SIZE, bold=r == 0)
        for k, lines in enumerate(wrapped):
            for j, s in enumerate(lines):
                x = (xs[k + 1] + xs[k + 2] - tw(s, SIZE)) / 2 if r == 0 else xs[k + 1] + 5
                cv.text(x, cv.y + (j + 1) * (SIZE + 4) + 1, s, SIZE, bold=r == 0)
        cv.y += h


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 4)
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((15, 30)))
    cv.line_left(r.choice(ctx.vocab.addressees), gap=0)
    cv.line_right(ctx.date(announce), 9.5, gap=0)
    cv.line_right(f"{ctx.company}　人事部長", 9.5)
    cv.title(r.choice(("人事異動発令一覧", "人事発令のお知らせ")))
    cv.para("下記の者について、人事異動を発令します。発令日は各人の欄に記載のとおりです。", kinsoku=True)
    labels = r.choice(LABELS)
    style = r.choice(("era", "western", "era_fw", "slash"))
    per_block = r.choice((3, 3, 4))
    recs, columns = [], []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        d = later if r.random() < 0.25 else eff
        kind = "退職" if dep else "採用" if not old else "兼務" if " 兼 " in new.replace("\u3000", " ") else \
            r.choice(("異動", "昇格"))
        columns.append([ctx.name(p), ctx.ruby(p), format_date(d, style), dep or new,
                        old or r.choice(("―", "（新規採用）")), kind])
        recs.append(Rec(p, d, ctx.company, new, old, dep))
    for first in range(0, n, per_block):
        cv.ensure(190)
        cv.y += 14
        _block(cv, labels, columns[first:first + per_block], first + 1, per_block)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("person_columns", build, max_records=10, setup=setup)
