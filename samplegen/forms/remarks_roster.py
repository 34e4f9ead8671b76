"""The new line-up with no old-post column: a 備考 column (新任 / 昇任 / 担当変更 / 兼務) marks the rows that
changed; rows with an empty 備考 or 留任 are unchanged and are not records. No old post is printed."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("新体制のお知らせ", f"{eff.year}年度 管理職体制について", "管理職の体制について")))
    cv.para(ctx.date(eff), "付の管理職体制を下記のとおりお知らせいたします。備考欄は今回の変更内容を示します。")
    cv.center("記")
    ruby = r.random() < 0.5
    rows: list[tuple[Rec, str]] = []
    for _ in range(n):
        remark = r.choice(("新任", "昇任", "担当変更", "兼務", "新任", "昇任"))
        if remark == "兼務":
            new, _old, _dep = ctx.change("c")
        elif remark == "昇任":
            dept = r.choice(ctx.vocab.depts)
            new = ctx.dept_post(dept, 0)
        else:
            new = ctx.dept_post()
        rows.append((Rec(ctx.person(), eff, ctx.company, new, "", kana=ruby), remark))
    for _ in range(r.randint(2, max(2, min(5, 17 - n)))):
        rows.insert(r.randint(0, len(rows)), (Rec(ctx.person(), eff, ctx.company, ctx.dept_post(), "", changed=False),
                                              r.choice(("", "", "留任"))))
    cells = [[Cell(rec.new), Cell(ctx.named(rec.person, ruby), ruby=ctx.ruby(rec.person) if ruby else ""),
              Cell(remark, center=True)] for rec, remark in rows]
    draw_table(cv, [250, 153, 80], [r.choice(("所属・役職", "役職")), "氏名", "備考"], cells)
    cv.line_right("以上", gap=22)
    return [rec for rec, _remark in rows if rec.changed]


FORM = Form("remarks_roster", build)
