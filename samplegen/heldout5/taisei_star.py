"""Fifth held-out set: the new line-up as an org-chart-like sheet (新体制のお知らせ): one box per
department, two boxes a row (read left box, then right, row by row), the department in the box's
shaded title bar and one line per post: post word, then the holder's name. Only names marked ★
changed (the legend says so); under a marked name a small line gives （前：former post） or
（社外より着任） for a hire. Unmarked holders stay in office and are no records. Leavers follow in a
full-width box of their own, dated the day before: ★ name（前：post）退職 / 退任.

Truth: the new post is the box's department and the post word joined by a space (営業管理部 部長);
the old post is what follows 前：, "" for 社外より着任; leavers take the leaving box's date."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, letterhead, tw

GAP = 12.0


def setup(ctx: Ctx) -> None:
    ctx.joined = False


def _box(cv: Canvas, x: float, w: float, title: str, lines: list[tuple[str, str, str]], label_w: float) -> float:
    """A department box at the cursor: (post word, name and mark, note) lines; returns its height."""
    h = 20 + sum(17 + (11 if note else 0) for _p, _n, note in lines) + 6
    cv.page.draw_rect(pymupdf.Rect(x, cv.y, x + w, cv.y + 18), color=BLACK, fill=(0.85, 0.85, 0.85), width=0.6)
    cv.page.draw_rect(pymupdf.Rect(x, cv.y, x + w, cv.y + h), color=BLACK, width=0.6)
    cv.text(x + 6, cv.y + 13, title, 10, bold=True)
    y = cv.y + 20
    for post, name, note in lines:
        y += 15
        cv.text(x + 10, y, post, 9.5)
        cv.text(x + 10 + label_w, y, name, 10)
        if note:
            y += 11
            cv.text(x + 10 + label_w, y, note, 7.5)
        y += 2
    return h


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    leave = eff - timedelta(days=1)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("新体制のお知らせ", "組織体制および人事異動について", "新年度の組織体制について")))
    cv.para(f"{ctx.date(eff)}付の新体制を下記のとおりお知らせします。", kinsoku=True)
    cv.line_left("★印：今回の異動者（下段の（　）内は前職）\u3000無印：留任", 8.5, gap=18)
    depts = r.sample(ctx.vocab.depts, r.randint(2, 5))
    # Each box lists its top posts; about n of all the holders are marked as changes.
    boxes = [(d, list(ctx.vocab.posts[d[1]][:r.randint(2, 3)])) for d in depts]
    slots = [(b, post) for b in range(len(boxes)) for post in boxes[b][1]]
    leavers = r.randint(0, 2) if n > 2 else 0
    marked = set(r.sample(range(len(slots)), min(len(slots), max(1, n - leavers))))
    recs: list[Rec] = []
    contents: list[list[tuple[str, str, str]]] = [[] for _ in boxes]
    for i, (b, post) in enumerate(slots):
        p = ctx.person()
        dept = boxes[b][0]
        if i not in marked:
            contents[b].append((post, ctx.name(p), ""))
            continue
        new = ctx.words(dept[0], post)
        if r.random() < 0.2:
            old, note = "", "（社外より着任）"
        else:
            old = new
            while old == new:
                old = ctx.dept_post(dept if r.random() < 0.4 else None)
            note = f"（前：{old}）"
        contents[b].append((post, f"{ctx.name(p)}\u3000★", note))
        recs.append(Rec(p, eff, ctx.company, new, old, kana=False))
    label_w = max(tw(post, 9.5) for _b, post in slots) + 14
    w = (cv.right - cv.left - GAP) / 2
    cv.y += 10
    for row in range(0, len(boxes), 2):
        pair = range(row, min(row + 2, len(boxes)))
        heights = [20 + sum(17 + (11 if c[2] else 0) for c in contents[b]) + 6 for b in pair]
        cv.ensure(max(heights) + 10)
        for k, b in enumerate(pair):
            _box(cv, cv.left + k * (w + GAP), w, boxes[b][0][0], contents[b], label_w)
        cv.y += max(heights) + GAP
    if leavers:
        lines = []
        for _ in range(leavers):
            p = ctx.person()
            old, word = ctx.dept_post(), r.choice(("退職", "退任"))
            lines.append(("", f"★\u3000{ctx.name(p)}（前：{old}）\u3000{word}", ""))
            recs.append(Rec(p, leave, ctx.company, "", old, word, kana=False))
        h = 20 + 17 * len(lines) + 6
        cv.ensure(h + 10)
        _box(cv, cv.left, cv.right - cv.left, f"退任・退職者（{ctx.date(leave)}付）", lines, 0)
        cv.y += h
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("taisei_star", build, max_records=10, setup=setup)
