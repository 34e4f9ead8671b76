"""Third held-out set: sections by kind of change (昇格 / 異動 / 新任 / 退任, each with a head count),
each an unruled list set in aligned columns 氏名 | ふりがな | 新 | 旧 (退任 has no 新 column and its
own date); new hires from outside show their former employer in the 旧 column."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout3._layout import table, wrapped

SECTIONS = (("昇格", "p"), ("異動", "tc"), ("新任", "h"), ("退任", "d"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 3)
    eff, announce, _board = dates(ctx)
    leave = eff - timedelta(days=1)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動および退任のお知らせ", "人事のお知らせ", "定期人事異動について")))
    cv.para("このたび、下記のとおり人事異動を実施いたしますのでお知らせいたします。", kinsoku=True)
    cv.center("記", gap=24)
    cv.line_left(f"発令日：{ctx.date(eff)}（退任者を除く）", gap=22)
    counts = {kind: 0 for _t, kind in SECTIONS}
    for _ in range(n):
        counts[r.choice(SECTIONS)[1]] += 1
    if not counts["p"] + counts["tc"]:
        counts["tc"] = 1
    recs = []
    number = 0
    for title, kinds in SECTIONS:
        k = counts[kinds]
        if not k:
            continue
        number += 1
        cv.ensure(80)
        when = f"（{ctx.date(leave)}付）" if kinds == "d" else ""
        cv.line_left(f"{number}．{title}{when}\u3000{k}名", 11, gap=28)
        depart = kinds == "d"
        widths = [100.0, 110.0, 273.0] if depart else [92.0, 96.0, 150.0, 145.0]
        header = ["氏　名", "ふりがな", "旧"] if depart else ["氏　名", "ふりがな", "新", "旧"]
        rows = []
        for _ in range(k):
            p = ctx.person()
            new, old, dep = ctx.change(kinds)
            shown_old = old
            if kinds == "h" and r.random() < 0.5:
                firm, post = r.choice(ctx.vocab.outside)
                shown_old, old = f"{firm} {post}", post
            name = ctx.padded(p, 5) if r.random() < 0.3 else ctx.name(p, ctx.name_sep or "\u3000")
            cells = [[(name, 10)], [(ctx.ruby(p), 8)]]
            if not depart:
                cells.append(wrapped(new, widths[2], 9.5))
            cells.append(wrapped(shown_old or "―", widths[-1], 9.5))
            rows.append(cells)
            recs.append(Rec(p, leave if depart else eff, ctx.company, new, old, dep))
        table(cv, widths, header, rows, rules="none")
    cv.line_right("以上", gap=26)
    return recs


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("hira", "hira", "kata"))


FORM = Form("kubun_unruled", build, setup=setup)
