"""Sixth held-out set: 後任人事 set out post by post: a ruled table 職位 | 前任者 | 後任者, one row per post
that changes hands. The 前任者 cell holds the outgoing holder's name with where they go below it in
small type (（→ new post） or （→ 退職）); the 後任者 cell holds the incoming holder's name with their
former post below it (（前 former post） or （新規採用））. A post created by the change has （新設） as its
前任者, and no name. So a row yields one or two records, and a post printed once in the 職位 column is
both the successor's new post and the predecessor's old post.

Truth: records run row by row, the 前任者 before the 後任者; the predecessor's old post and the
successor's new post are the row's 職位; 新規採用 gives old post ""; no readings are printed."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout6._layout import grid, wrapped

WIDTHS = [151.0, 166.0, 166.0]


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("後任人事について", "人事異動（後任人事）のお知らせ", "所属長の交代について")))
    cv.para(f"{ctx.date(eff)}付で下記のとおり所属長等を交代いたしますので、お知らせいたします。", kinsoku=True)
    cv.center("記", gap=22)
    cv.y += 6
    rows, recs, used = [], [], set()
    while len(recs) < n:
        post = ctx.dept_post(rank=r.choice((0, 0, 1)))
        if post in used:
            continue
        used.add(post)
        succ = ctx.person()
        if r.random() < 0.12:  # a new post: nobody leaves it
            post = ctx.words(r.choice(ctx.vocab.new_units), r.choice(("室長", "部長")))
            if post in used:
                continue
            used.add(post)
            left = [("（新設）", 9)]
        else:
            pred = ctx.person()
            if r.random() < 0.25:
                word = r.choice(("退職", "退任"))
                recs.append(Rec(pred, eff, ctx.company, "", post, word, kana=False))
                left = [(ctx.named(pred, False), 9.5), (f"（→ {word}）", 7.5)]
            else:
                dest = post
                while dest in used or dest == post:
                    dest = ctx.dept_post()
                used.add(dest)
                recs.append(Rec(pred, eff, ctx.company, dest, post, kana=False))
                left = [(ctx.named(pred, False), 9.5)] + wrapped(f"（→ {dest}）", WIDTHS[1], 7.5)
        if r.random() < 0.15:
            was, note = "", "（新規採用）"
        else:
            was = post
            while was in used:
                was = ctx.dept_post()
            used.add(was)
            note = f"（前{ctx.sp}{was}）"
        recs.append(Rec(succ, eff, ctx.company, post, was, kana=False))
        rows.append([wrapped(post, WIDTHS[0], 9.5), left, [(ctx.named(succ, False), 9.5)]
                     + wrapped(note, WIDTHS[2], 7.5)])
    grid(cv, WIDTHS, [[("職位", 1), ("前任者", 1), ("後任者", 1)]], rows, size=9.5)
    cv.line_left("※ 前任者欄の（→ ）は異動先、後任者欄の（前 ）は異動前の所属・役職です。敬称略。", 8.5, gap=16)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("kounin_rows", build, max_records=12, setup=setup)
