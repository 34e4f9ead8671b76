"""Thirteenth held-out set: the extension directory's change list (内線番号表 変更のお知らせ) that
general affairs circulates after a reshuffle. The company and 総務部 on top, the list's 更新日 (a
distractor); a sentence 「…付の人事異動に伴い、内線番号表を下記のとおり変更します。」; then a ruled
table 区分 | 氏名 | 変更後 所属・役職 | 新内線 | 変更前 所属・役職 | 旧内線. 区分 is 異動, 新任 (a hire: 変更前
「（新規）」, 旧内線 「―」), 退職 (変更後 「（退職）」, 新内線 「―」) or 番号変更 (a desk move: the same post
on both sides, only the number changes). A closing note names who keeps the directory (no
record). Long lists run onto a second page.

Truth: the rows whose 区分 is not 番号変更, in order; the date the reshuffle's date (a leaver the day
before, as the note under the table says 退職者は前日付); the new post the 変更後 cell, the old post the
変更前 cell ((新規) → ""); a leaver's new post 退任; no readings."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, tw

WIDTHS = [44.0, 72.0, 130.0, 44.0, 130.0, 44.0]


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("slash", "slash0", "western", "era"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    keeper = ctx.people[0]
    cv.line_right(ctx.company, 10, gap=0)
    cv.line_right("総務部", 10)
    cv.line_left(f"更新日：{ctx.date(announce)}", 9)
    cv.title("内線番号表 変更のお知らせ", 15)
    cv.para(ctx.date(eff), "付の人事異動に伴い、内線番号表を下記のとおり変更します。お手元の番号表の差し替えをお願いします。",
            kinsoku=True)

    def ext() -> str:
        return str(r.randint(3000, 6999))

    rows, recs = [], []
    for k in range(n):
        p = ctx.person()
        roll = r.random()
        if roll < 0.15 and k:
            post = ctx.dept_post()
            rows.append(["番号変更", ctx.name(p), post, ext(), post, ext()])
            continue
        new, old, word = ctx.change("pttthd")
        if word:
            rows.append(["退職", ctx.name(p), "（退職）", "―", old, ext()])
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=False))
        elif not old:
            rows.append(["新任", ctx.name(p), new, ext(), "（新規）", "―"])
            recs.append(Rec(p, eff, ctx.company, new, old, kana=False))
        else:
            rows.append(["異動", ctx.name(p), new, ext(), old, ext()])
            recs.append(Rec(p, eff, ctx.company, new, old, kana=False))
    body = [[Cell(a, center=True), Cell(b), Cell(c), Cell(d, center=True), Cell(e), Cell(f, center=True)]
            for a, b, c, d, e, f in rows]
    draw_table(cv, WIDTHS, ["区分", "氏名", "変更後 所属・役職", "新内線", "変更前 所属・役職", "旧内線"], body, size=9)
    cv.y += 8
    cv.line_left(f"※ 退職者は{ctx.date(gone)}付。番号変更は座席移動によるもので、所属・役職に変更はありません。", 8.5)
    cv.line_left(f"※ 内線番号表の管理：総務部　{ctx.name(keeper, chr(0x3000))}（内線3001）", 8.5)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("naisen_henko", build, max_records=18, setup=setup)
