"""Fifth held-out set: a ruled table 氏名 | 区分 | 新 | 旧 where a person with concurrent posts takes
several rows: one 本務 row (the main post, new and old) and one 兼務 row per concurrent post, the name
cell merged over all of them. A 兼務 row's 旧 is ― when the concurrent post is new, or the concurrent
post held before; a concurrent post given up prints （兼務解除） as its 新. Departures print 退職 / 退任 and
hires （新規採用） in 旧; the reading is in small katakana under the name, or not printed at all.

Truth: the new post is the 本務 new post and the concurrent posts kept or given, joined by 兼
(A 兼 B 兼 C); the old post likewise from the 旧 column (― left out)."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout5._layout import grid, wrapped

WIDTHS = [112.0, 42.0, 165.0, 164.0]


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("kata", "half"))


def _other(ctx: Ctx, *taken: str) -> str:
    post = ctx.dept_post()
    while any(post[:3] == t[:3] for t in taken if t):  # a concurrent post is in another unit
        post = ctx.dept_post()
    return post


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動（兼務を含む）のお知らせ", "人事発令について", "人事異動について")))
    cv.para(f"{ctx.date(eff)}付で下記のとおり人事異動（兼務発令を含む）を行います。", kinsoku=True)
    cv.center("記", gap=22)
    cv.y += 6
    reading = r.random() < 0.7
    groups, recs = [], []
    sep = "\u3000" if ctx.sp == "\u3000" else " "
    for _ in range(n):
        p = ctx.person()
        name = [(ctx.named(p, reading), 10)] + ([(ctx.ruby(p), 7)] if reading else [])
        kind = r.random()
        if kind < 0.12:
            _new, old, dep = ctx.change("d")
            rows = [[[("本務", 8.5)], [(dep, 9)], wrapped(old, WIDTHS[3], 9)]]
            recs.append(Rec(p, eff, ctx.company, "", old, dep, kana=reading))
            groups.append((name, rows))
            continue
        new, old, _dep = ctx.change("ptt" if kind < 0.9 else "h")
        rows = [[[("本務", 8.5)], wrapped(new, WIDTHS[2], 9), wrapped(old, WIDTHS[3], 9) if old
                 else [("（新規採用）", 9)]]]
        news, olds = [new], [old]
        for _k in range(r.choice((0, 1, 1, 2)) if old else r.choice((0, 1))):
            how = r.random()
            if how < 0.5 or not old:  # a concurrent post added
                extra = _other(ctx, *news, *olds)
                rows.append([[("兼務", 8.5)], wrapped(extra, WIDTHS[2], 9), [("―", 9)]])
                news.append(extra)
            elif how < 0.8:  # a concurrent post moved to another unit
                was = _other(ctx, *news, *olds)
                now = _other(ctx, *news, *olds, was)
                rows.append([[("兼務", 8.5)], wrapped(now, WIDTHS[2], 9), wrapped(was, WIDTHS[3], 9)])
                news.append(now)
                olds.append(was)
            else:  # a concurrent post given up
                was = _other(ctx, *news, *olds)
                rows.append([[("兼務", 8.5)], [("（兼務解除）", 9)], wrapped(was, WIDTHS[3], 9)])
                olds.append(was)
        groups.append((name, rows))
        recs.append(Rec(p, eff, ctx.company, f"{sep}兼{sep}".join(news), f"{sep}兼{sep}".join(o for o in olds if o),
                        kana=reading))
    grid(cv, WIDTHS, ["氏\u3000名", "区分", "新", "旧"], groups, centered=(1,))
    cv.line_left("※ 区分「兼務」の行は、本務に加えて兼務する職を示します（―：新たに兼務）。", 8.5, gap=18)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("kenmu_rows", build, max_records=15, setup=setup)
