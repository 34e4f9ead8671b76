"""Fourth held-out set: an internal circular (社内連絡・回覧): a row of stamp boxes labelled with posts
(社長 / 部長 / 課長 / 担当, no persons), a small ruled header (発信日 / 発信者 with the HR manager's name /
宛先 / 件名 with the …付 date), then numbered paragraphs, one per department the people move to,
each person on two lines: （n）氏名（よみ）, then the new post ← the old post. Leavers come last under
their own heading with their own date (the old post → 退職). The return note names a clerk (no record)."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, tw

STAMPS = ("社長", "本部長", "部長", "課長", "担当")


def _dept(ctx: Ctx, post: str) -> str:
    """The department a post is in (the longest department name it starts with)."""
    flat = post.replace(" ", "").replace("\u3000", "")
    found = [d for d, _k in ctx.vocab.depts if flat.startswith(d.replace(" ", ""))]
    return max(found, key=len) if found else post.split()[0]


def _stamps(cv: Canvas) -> None:
    w, x0, y0 = 34.0, cv.right - 34.0 * len(STAMPS), cv.y
    for i, label in enumerate(STAMPS):
        x = x0 + i * w
        cv.page.draw_rect(pymupdf.Rect(x, y0, x + w, y0 + 14), color=BLACK, width=0.5)
        cv.page.draw_rect(pymupdf.Rect(x, y0 + 14, x + w, y0 + 48), color=BLACK, width=0.5)
        cv.text(x + (w - tw(label, 7.5)) / 2, y0 + 10.5, label, 7.5)


def _header(cv: Canvas, items: list[tuple[str, str]]) -> None:
    x0, x1, x2 = cv.left, cv.left + 70, cv.left + 330
    for label, value in items:
        cv.page.draw_rect(pymupdf.Rect(x0, cv.y, x1, cv.y + 20), color=BLACK, fill=(0.92, 0.92, 0.92), width=0.5)
        cv.page.draw_rect(pymupdf.Rect(x1, cv.y, x2, cv.y + 20), color=BLACK, width=0.5)
        cv.text(x0 + (70 - tw(label, 9.5)) / 2, cv.y + 14, label, 9.5)
        cv.text(x1 + 6, cv.y + 14, value, 9.5)
        cv.y += 20


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 2)
    eff, announce, _board = dates(ctx)
    leave = eff - timedelta(days=1)
    cv.text(cv.left, cv.y + 12, r.choice(("社内連絡（回覧）", "回覧", "社内通達")), 13, bold=True)
    _stamps(cv)
    cv.y += 62
    clerk, manager = ctx.person(), ctx.person()
    _header(cv, [("発信日", ctx.date(announce)), ("発信者", f"{ctx.company} 人事部長 {ctx.name(manager, ' ')}"),
                 ("宛\u3000先", r.choice(ctx.vocab.addressees)), ("件\u3000名", f"人事異動の件（{ctx.date(eff)}付）")])
    cv.para(r.choice(("標記の件、下記のとおり発令しますので回覧にてお知らせします。",
                      "標記について、下記のとおり異動を発令しますので、関係者に周知願います。")), kinsoku=True)
    cv.center("記", gap=22)
    reading = r.random() < 0.75
    # People move into a few departments, several into each, as in a real round of transfers.
    into = r.sample(ctx.vocab.depts, r.randint(2, 4))
    people = []
    for _ in range(n):
        p = ctx.person()
        if r.random() < 0.15:
            new, old, dep = ctx.change("d")
        else:
            dept = r.choice(into)
            new = ctx.dept_post(dept)
            old = "" if r.random() < 0.15 else ctx.dept_post()
            while old == new:
                old = ctx.dept_post()
            if r.random() < 0.15:
                new = new + ctx.sp + "兼" + ctx.sp + ctx.dept_post()
            dep = ""
        people.append((p, new, old, dep))
    groups: dict[str, list] = {}
    for item in people:
        if not item[3]:
            groups.setdefault(_dept(ctx, item[1]), []).append(item)
    leavers = [item for item in people if item[3]]
    recs = []
    number = 0
    arrow = r.choice(("←", "⇐"))

    def entry(k: int, p, line2: str) -> None:
        cv.ensure(40)
        read = f"（{ctx.ruby(p)}）" if reading else ""
        cv.line_left(f"（{k}）{ctx.named(p, reading)}{read}", 10.5, gap=19, x=cv.left + 14)
        cv.line_left(line2, 10, gap=15, x=cv.left + 42)

    for dept, items in groups.items():
        number += 1
        cv.ensure(60)
        cv.line_left(f"{number}．{dept}", 11, gap=26)
        for k, (p, new, old, _dep) in enumerate(items, 1):
            entry(k, p, f"{new}\u3000{arrow}\u3000{old or '（社外より入社）'}")
            recs.append(Rec(p, eff, ctx.company, new, old, kana=reading))
    if leavers:
        number += 1
        cv.ensure(60)
        cv.line_left(f"{number}．退職者（{ctx.date(leave)}付）", 11, gap=26)
        for k, (p, new, old, dep) in enumerate(leavers, 1):
            entry(k, p, f"{old}\u3000→\u3000{dep}")
            recs.append(Rec(p, leave, ctx.company, new, old, dep, kana=reading))
    cv.line_left(f"※ 回覧後は人事部 {ctx.name(clerk, ' ')} まで返却してください。", 8.5, gap=28)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("kairan_memo", build, max_records=10)
