"""組織変更 and 人事異動 in one notice: a bullet list of organisational changes (which name departments
and posts but no persons, and are not records) before the personnel table."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead

BULLETS = ("・", "●", "（{i}）", "{c}")


def _org_changes(ctx: Ctx, k: int) -> list[str]:
    r, w = ctx.rng, ctx.words
    depts = [d for d, _kind in r.sample(ctx.vocab.depts, 6)]
    unit = r.choice(ctx.vocab.new_units)
    posts = ctx.vocab.posts["bu"]
    templates = [
        f"{w(unit)}を新設する。",
        f"{w(depts[0])}と{w(depts[1])}を統合し、{w(depts[0])}とする。",
        f"{w(depts[2])}を廃止し、その業務を{w(depts[3])}に移管する。",
        f"{w(depts[4])}の{posts[2]}職を廃止する。",
        f"{w(depts[5])}に{w(r.choice(('企画課', '業務課', '推進課')))}を新設し、課長を置く。",
    ]
    return r.sample(templates, k)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    org = eff - timedelta(days=r.choice((0, 0, 1, 15)))
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("組織変更及び人事異動のお知らせ", "組織改正および人事異動について")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり組織変更及び人事異動を"
            "決議いたしましたので、お知らせいたします。")
    cv.center("記")
    cv.line_left(f"１．組織変更（{ctx.date(org)}付）", gap=24)
    bullet = r.choice(BULLETS)
    for i, s in enumerate(_org_changes(ctx, r.randint(2, 5))):
        mark = bullet.format(i=i + 1, c="①②③④⑤"[i])
        cv.line_left(f"{mark}{s}", 10, gap=16, x=cv.left + 14)
    cv.line_left(f"２．人事異動（{ctx.date(eff)}付）", gap=26)
    ruby = r.random() < 0.5
    recs, rows = [], []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        rows.append([Cell(ctx.named(p, ruby), ruby=ctx.ruby(p) if ruby else ""), Cell(dep or new), Cell(old)])
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=ruby))
    header = ["氏名", "新役職", "旧役職"]
    widths = [120, 181, 182]
    if r.random() < 0.4:  # posts first, name last
        rows = [row[1:] + row[:1] for row in rows]
        header, widths = header[1:] + header[:1], widths[1:] + widths[:1]
    draw_table(cv, widths, header, rows)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("org_bullets_table", build)
