"""Held-out form: entries grouped under division headings, each heading carrying its date; one line
per person: new post, name, and the previous post in brackets."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead, wrap_words

DIVISIONS = ("役員", "管理部門", "営業部門", "技術・生産部門", "海外部門")


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(f"{eff.year}年{eff.month}月 人事異動")
    cv.para("下記のとおり人事異動を発令しますので、通知します。", kinsoku=True)
    k = min(n, r.randint(2, 4))
    cuts = sorted(r.sample(range(1, n), k - 1)) if k > 1 else []
    heads = r.sample(DIVISIONS, k)
    mark = r.choice(("◆", "【", "■"))
    x_name, x_old = cv.left + 225, cv.left + 320
    recs = []
    for i, (a, b) in enumerate(zip([0] + cuts, cuts + [n])):
        d = eff if i == 0 or r.random() < 0.6 else eff + timedelta(days=r.choice((1, 15, 30)))
        head = f"【{heads[i]}】（{ctx.date(d)}付）" if mark == "【" else f"{mark} {heads[i]}　{ctx.date(d)}付"
        cv.ensure(60)
        cv.line_left(head, 11, gap=28)
        for _ in range(b - a):
            new, old, dep = ctx.change()
            p = ctx.person()
            new_lines = wrap_words(dep or new, x_name - cv.left - 26, 10)
            old_text = f"（旧：{old}）" if old else "（新規採用）"
            old_lines = wrap_words(old_text, cv.right - x_old, 9.5)
            cv.ensure(16 * max(len(new_lines), len(old_lines)) + 10)
            cv.y += 19
            cv.text(x_name, cv.y, ctx.name(p, ctx.name_sep or "\u3000"), 10.5)
            for j in range(max(len(new_lines), len(old_lines))):
                if j < len(new_lines):
                    cv.text(cv.left + 14, cv.y + 14 * j, new_lines[j][1], 10)
                if j < len(old_lines):
                    cv.text(x_old, cv.y + 14 * j, old_lines[j][1], 9.5)
            cv.y += 14 * (max(len(new_lines), len(old_lines)) - 1)
            recs.append(Rec(p, d, ctx.company, new, old, dep, kana=False))
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("dept_grouped", build)
