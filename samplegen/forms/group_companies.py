"""Officer changes across a group: a 会社名 column where 当社 means the announcing company and 〃 repeats
the company above; old posts elsewhere in the group print that company's name (dropped in the truth)
or 当社. Full-width digits throughout, and 令和元年 in about half the files."""
from __future__ import annotations

from datetime import date

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, letterhead

OFFICER_POSTS = ("代表取締役社長", "取締役", "常務取締役", "専務取締役", "監査役", "取締役副社長")


def setup(ctx: Ctx) -> None:
    ctx.fw = True
    ctx.date_style = ctx.rng.choice(("era_fw", "era_fw", "western_fw"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    if r.random() < 0.5:  # 令和元年
        eff = date(2019, r.choice((5, 6, 7, 10)), 1)
        announce = board = date(2019, eff.month - 1 if eff.month > 5 else 4, r.randint(10, 25))
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("当社グループの役員人事について", "グループ会社役員の異動に関するお知らせ")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、当社及び当社グループ会社の役員の異動について"
            "下記のとおり決定いたしましたので、お知らせいたします。")
    cv.center("記")
    cv.line_left(f"（{ctx.date(eff)}付）", gap=22)
    groups = ["当社"] + r.sample(ctx.vocab.group_companies, min(3, len(ctx.vocab.group_companies)))
    plan = sorted(r.choice(range(len(groups))) for _ in range(n))
    ditto = r.random() < 0.5
    recs, rows, above = [], [], None
    for g in plan:
        co = groups[g]
        p = ctx.person()
        if co == "当社":
            new, old, dep = ctx.change("pcod")
            shown_old = old
        else:
            new, dep = r.choice(OFFICER_POSTS + ("",)), ""
            if not new:
                new, dep = "", r.choice(("退任", "退任予定"))
            old = r.choice(OFFICER_POSTS[1:] + (ctx.dept_post(rank=0),))
            source = r.choice(("当社", co, r.choice(groups[1:])))
            shown_old = old if source == co else ctx.words(source) + ctx.sp + old
            if source == co and old == new:
                new = r.choice([x for x in OFFICER_POSTS if x != old])
        label = "〃" if ditto and co == above else co
        above = co
        rows.append([Cell(ctx.words(label)), Cell(ctx.name(p, "\u3000")), Cell(dep or new), Cell(shown_old)])
        recs.append(Rec(p, eff, ctx.company if co == "当社" else ctx.words(co), new, old, dep, kana=False))
    draw_table(cv, [130, 95, 129, 129], ["会社名", "氏名", "新役職", "旧役職"], rows)
    cv.line_left("※当社とは" + ctx.company + "をいいます。", 9, gap=18)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("group_companies", build, setup=setup)
