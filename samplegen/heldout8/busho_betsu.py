"""Eighth held-out set: 人事異動者一覧（異動前所属別）, the list a department head receives: the
people who move are grouped by the unit they leave, under a heading ■ unit（n名）, each group a
ruled table 氏名 | 現職位 | 異動先. The old unit is printed only in the heading and the old title only
in 現職位; 異動先 holds the whole new post, 退職 / 退任 for a leaver, or 兼 added post for a person
who keeps the current post and takes another. Hires come last under ■ 社外からの採用（n名）
with ― in 現職位. Groups follow the order the company lists its units. The …付 date is in the
opening sentence; the notice date in the letterhead is a distractor. Readings small above the
name in about half the files.

Truth: records group by group, row by row; the old post is the group's unit and 現職位 joined by a
space (a hire's ― → ""); the new post is 異動先 (退職 / 退任 → 退任), except that 兼 added post
gives 'old post 兼 added post'; readings only where printed."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead
from samplegen.heldout8._parts import move

WIDTHS = [120.0, 120.0, 243.0]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動者一覧（異動前所属別）", "所属別 人事異動一覧", "人事異動のお知らせ（所属別）")))
    cv.para(f"{ctx.date(eff)}付で下記のとおり人事異動を発令いたしますので、異動前の所属別にお知らせします。",
            kinsoku=True)
    kana = r.random() < 0.5
    # A few units lose people, several each, as when one department's line-up is reshuffled.
    units = {d for d, _k in r.sample(ctx.vocab.depts, r.randint(2, 4))}
    moves = []
    for _ in range(n):
        kinds = "h" if r.random() < 0.12 else "pptttccd"
        m = move(ctx, kinds)
        while m.old and m.old[0] not in units:
            m = move(ctx, kinds)
        moves.append((ctx.person(), m))
    order = [d for d, _k in ctx.vocab.depts]
    groups: dict[str, list] = {}
    for p, m in sorted(moves, key=lambda pm: order.index(pm[1].old[0]) if pm[1].old else len(order)):
        groups.setdefault(m.old[0] if m.old else "", []).append((p, m))
    recs = []
    for unit, members in groups.items():
        cv.ensure(90)
        heading = f"■ {unit or '社外からの採用'}（{len(members)}名）"
        cv.line_left(heading, 11, gap=26)
        rows = []
        for p, m in members:
            if m.word:
                dest = m.word
            elif m.kind == "c":
                dest = ctx.words("兼", *m.new[1])
            else:
                dest = m.new_text(ctx)
            rows.append([Cell(ctx.named(p, kana), ruby=ctx.ruby(p) if kana else ""),
                         Cell(ctx.words(m.old[1]) if m.old else "―", center=True), Cell(dest)])
            recs.append(Rec(p, eff, ctx.company, m.new_text(ctx), m.old_text(ctx), m.word, kana=kana))
        draw_table(cv, WIDTHS, ["氏名", "現職位", "異動先"], rows, size=9.5)
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("busho_betsu", build, max_records=12)
