"""Ninth held-out set: a hospital's notice of doctors' moves (診療医師の異動について), sent to the
referring clinics and posted for staff: the hospital is the announcing body (医療法人… 病院, in the
letterhead with the 病院長, named: no record), addressed to 連携医療機関各位 / 院内各位. Three
ruled sections in this order, each with a date per row: 【着任】 診療科 | 職名 | 氏名 | 着任日 |
前任地 (the doctor's former hospital, ward and post; doctors come from other hospitals, 新卒 for a
newly qualified doctor), 【院内異動・昇任】 診療科 | 新職名 | 氏名 | 発令日 | 旧職名, and 【退任】
診療科 | 職名 | 氏名 | 退任日 | 転出先 (another hospital, 開業 or ―; dated the day before).
Readings small above the name in about half the files. The 地域医療連携室 contact is named: no record.

Truth: the rows section by section in printed order; the company is the hospital; the new post is
診療科 and 職名 joined by a space (退任 section → 退任); the old post is 前任地 without the other
hospital's name (an employer, dropped as the README says: 北嶺大学病院 循環器内科 助教 → 循環器内科 助教),
新卒 → "", 旧職名 as printed in 院内異動 and the 診療科 and 職名 in 退任; 転出先 is not a post; the
effective date is the row's date."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout9.vocab import DOCTOR_POSTS, HOSPITALS, OTHER_HOSPITALS, WARDS

WIDTHS = [78.0, 62.0, 106.0, 82.0, 155.0]


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(HOSPITALS)
    ctx.date_style = ctx.rng.choice(("western", "era", "slash0", "slash"))
    ctx.reading = ctx.rng.choice(("hira", "kata"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    director, contact = ctx.people[0], ctx.people[1]  # records are popped from the list's end
    kana = r.random() < 0.5
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("連携医療機関各位", "院内各位", "地域の医療機関の皆様へ")))
    for part in ctx.company.split(" "):
        cv.line_right(part)
    cv.line_right(f"病院長　{ctx.name(director)}")
    cv.title(r.choice(("診療医師の異動について", "医師の着任・退任のお知らせ", "医師人事異動のお知らせ")))
    cv.para("平素より当院の診療にご理解とご協力を賜り、厚く御礼申し上げます。このたび、下記のとおり当院の診療医師に"
            "異動がありましたので、お知らせいたします。今後とも変わらぬご支援を賜りますようお願い申し上げます。",
            kinsoku=True)
    cv.center("記", gap=24)
    come = max(1, n // 2 + r.randint(-1, 1))
    move_ = r.randint(0, max(0, n - come))
    leave = n - come - move_
    later = eff + timedelta(days=r.choice((30, 31)))  # a few start a month late
    recs = []

    def name_cell(p) -> Cell:
        return Cell(ctx.name(p), ruby=ctx.ruby(p) if kana else "")

    def day(d) -> Cell:
        return Cell(ctx.date(d), center=True)

    sections = []
    if come:
        rows = []
        for _ in range(come):
            p, ward = ctx.person(), r.choice(WARDS)
            title = r.choice(DOCTOR_POSTS[1:])
            d = later if r.random() < 0.15 else eff
            if r.random() < 0.15:
                before, old = "新卒（初期研修修了）", ""
            else:
                where, titles = r.choice(OTHER_HOSPITALS)
                old = ctx.words(r.choice(WARDS) if r.random() < 0.3 else ward, r.choice(titles))
                before = ctx.words(where) + ctx.sp + old
            rows.append([Cell(ward), Cell(title), name_cell(p), day(d), Cell(before)])
            recs.append(Rec(p, d, ctx.company, ctx.words(ward, title), old, kana=kana))
        sections.append(("【着任】", ["診療科", "職名", "氏名", "着任日", "前任地"], rows))
    if move_:
        rows = []
        for _ in range(move_):
            p, ward = ctx.person(), r.choice(WARDS)
            hi = r.randrange(len(DOCTOR_POSTS) - 1)
            old = ctx.words(ward if r.random() < 0.8 else r.choice(WARDS), DOCTOR_POSTS[hi + 1])
            new = ctx.words(ward, DOCTOR_POSTS[hi])
            rows.append([Cell(ward), Cell(DOCTOR_POSTS[hi]), name_cell(p), day(eff), Cell(old)])
            recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
        sections.append(("【院内異動・昇任】", ["診療科", "新職名", "氏名", "発令日", "旧職名"], rows))
    if leave:
        rows = []
        for _ in range(leave):
            p, ward, title = ctx.person(), r.choice(WARDS), r.choice(DOCTOR_POSTS)
            where = r.choice([h for h, _t in OTHER_HOSPITALS] + ["開業", "―"])
            rows.append([Cell(ward), Cell(title), name_cell(p), day(gone), Cell(where, center=where == "―")])
            recs.append(Rec(p, gone, ctx.company, "", ctx.words(ward, title), "退職", kana=kana))
        sections.append(("【退任】", ["診療科", "職名", "氏名", "退任日", "転出先"], rows))
    for label, header, rows in sections:
        cv.ensure(80)
        cv.line_left(label, 11, gap=24)
        draw_table(cv, WIDTHS, header, rows, size=9)
    cv.ensure(60)
    cv.line_left("※ 外来担当医表は当院ホームページに掲載しております。", 9, gap=22)
    cv.line_left(f"【お問い合わせ】地域医療連携室　{ctx.name(contact)}（代表 {r.randint(100, 999)}-{r.randint(1000, 9999)}）",
                 9, gap=16)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("ikyoku_haken", build, max_records=12, setup=setup)
