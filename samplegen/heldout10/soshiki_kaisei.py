"""Tenth held-out set: 組織改正及び人事異動について, a two-part notice. １．組織改正（…付）: a ruled
table 区分 | 組織名 | 内容 of units created, renamed, merged or abolished (新設 / 名称変更 / 統合 /
廃止; units only, no persons). ２．人事異動（…付）: a ruled table whose columns run No. | 新所属 |
新役職 | 旧所属 | 旧役職 | 氏名, the name last; the reading small above the name in about half the
files. A hire's 旧所属 is （新規採用） and 旧役職 ―; a leaver's 新所属 is 退職 / 退任 and 新役職 ―.
The two parts may carry different dates (the reorganisation a month earlier in about a third of the
files); the board date in the opening sentence and the notice date are distractors. In about half the
files with leavers a note under the table dates them: ※ 退職者の発令日は…付 (the day before).

Truth: the rows of part ２ in row order, dated by part ２'s heading (a leaver by the note when there
is one); the new post is 新所属 and 新役職 joined by a space, the old post 旧所属 and 旧役職 joined
by a space ((新規採用) / ― → ""); 退職 / 退任 → 退任; readings only where printed."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout10._parts import joined, move

ORG_WIDTHS = [62.0, 170.0, 251.0]
WIDTHS = [26.0, 104.0, 86.0, 104.0, 86.0, 77.0]


def setup(ctx: Ctx) -> None:
    ctx.reading = ctx.rng.choice(("hira", "kata"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def month_before(d: date) -> date:
    return date(d.year - (d.month == 1), 12 if d.month == 1 else d.month - 1, 1)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    gone = eff - timedelta(days=1)
    org = month_before(eff) if r.random() < 0.35 else eff
    kana = r.random() < 0.5
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.line_right(ctx.company)
    cv.line_right(r.choice(("人事部", "経営企画部", "人事総務部")))
    cv.title(r.choice(("組織改正及び人事異動について", "組織改正並びに人事異動のお知らせ", "組織改正・人事異動について")))
    cv.para(f"{ctx.date(board)}開催の取締役会において、下記のとおり組織改正及び人事異動を行うことを決定いたしましたので、"
            "お知らせいたします。", kinsoku=True)
    cv.center("記", gap=24)
    cv.line_left(f"１．組織改正（{ctx.date(org)}付）", gap=22)
    units = r.sample(ctx.vocab.new_units, r.randint(1, len(ctx.vocab.new_units)))
    olds = r.sample([d for d, _k in ctx.vocab.depts], 4)
    rows = []
    for k, unit in enumerate(units):
        kind = r.choice(("新設", "名称変更", "統合"))
        what = {"新設": "社長直轄の組織として新設する", "名称変更": f"{olds[k]}を改称する",
                "統合": f"{olds[k]}と{olds[k + 1]}を統合する"}[kind]
        rows.append([Cell(kind, center=True), Cell(unit), Cell(what)])
    if r.random() < 0.5:
        rows.append([Cell("廃止", center=True), Cell(olds[-1]), Cell("廃止し、その業務を各部へ移管する")])
    draw_table(cv, ORG_WIDTHS, ["区分", "組織名", "内容"], rows, size=9)
    cv.ensure(80)
    cv.line_left(f"２．人事異動（{ctx.date(eff)}付）", gap=26)
    new_units = [(u, "bu") for u in units]
    rows, recs, leavers, taken = [], [], False, set()
    for k in range(1, n + 1):
        p = ctx.person()
        for _attempt in range(30):  # one person to a post
            new, old, word = move(ctx, "ppttthd")
            if not word and r.random() < 0.3:  # somebody heads or joins a unit created above
                new = (ctx.words(r.choice(new_units)[0]), ctx.words(r.choice(ctx.vocab.posts["bu"])))
            if not {new, old} & taken:
                break
        taken |= {new, old} - {("", "")}
        ruby = ctx.ruby(p) if kana else ""
        if word:
            leavers = True
            cells = [Cell(word, center=True), Cell("―", center=True)]
        else:
            cells = [Cell(new[0]), Cell(new[1])]
        cells += [Cell(old[0]), Cell(old[1])] if old[0] else [Cell("（新規採用）"), Cell("―", center=True)]
        rows.append([Cell(str(k), center=True), *cells, Cell(ctx.name(p), ruby=ruby)])
        recs.append(Rec(p, eff, ctx.company, joined(ctx, new), joined(ctx, old), word, kana=kana))
    draw_table(cv, WIDTHS, ["No.", "新所属", "新役職", "旧所属", "旧役職", "氏名"], rows, size=9)
    if leavers and r.random() < 0.5:
        cv.line_left(f"※ 退職者の発令日は{ctx.date(gone)}付です。", 9, gap=18)
        for rec in recs:
            if rec.depart:
                rec.eff = gone
    cv.line_left("※ 旧所属欄の（新規採用）は、社外からの採用者を示します。", 9, gap=16)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("soshiki_kaisei", build, max_records=12, setup=setup)
