"""Twelfth held-out set: a hospital nursing department's notice of its nurses' moves (看護部 人事異動の
お知らせ), grouped by the ward they go to. The hospital is the announcing body (the company); the
看護部長 signs under it (named: no record). One …付 date in the opening sentence, then per ward a
heading ■ ward（its specialities, for some wards） and a ruled table 職位 | 氏名 | 異動前所属, the
reading small above the name in about half the files. A nurse from another ward shows that ward and
rank (西５病棟 主任看護師), one from the office its post (看護部 教育担当), a new hire 新規採用. Then
【退職者】（…付, the day before） with 所属 | 氏名 | 備考 (定年退職 / 自己都合退職 / 家族の転勤のため).
Long lists run onto a second page.

Truth: the wards in printed order, each table in row order, then the leavers; the new post the ward
heading (without its bracketed specialities) and the 職位 cell joined by a space; the old post the
異動前所属 cell as printed (新規採用 → ""); a leaver's new post 退任, old post the 所属 cell, dated the
heading of 【退職者】; readings only where printed."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout12.vocab import HOSPITALS, NURSE_OFFICE, NURSE_RANKS, WARDS

SPECIALITY = {"東４病棟": "（消化器内科・消化器外科）", "西５病棟": "（循環器内科・心臓血管外科）",
              "南３病棟": "（整形外科・形成外科）", "回復期リハビリ病棟": ""}
NOTES = ("定年退職", "自己都合退職", "家族の転勤のため", "定年退職（再雇用なし）")


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(HOSPITALS)
    ctx.date_style = ctx.rng.choice(("era", "era_fw", "western", "western_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5
    chief = ctx.people[0]

    def name_cell(p) -> Cell:
        return Cell(ctx.name(p), ruby=ctx.ruby(p) if kana else "")

    kinds = sorted((r.choice("tttpohx") for _ in range(n)), key=lambda k: k == "x")
    wards = r.sample(WARDS, min(len(WARDS), r.randint(2, 4)))
    by_ward: dict[str, list] = {w: [] for w in wards}
    leavers = []
    for kind in kinds:
        p = ctx.person()
        if kind == "x":
            old = f"{r.choice(WARDS)}{sp}{r.choice(NURSE_RANKS)}"
            leavers.append((p, old, r.choice(NOTES)))
            continue
        ward = r.choice(wards)
        k = r.randrange(len(NURSE_RANKS) - (kind == "p"))
        rank = NURSE_RANKS[k]
        if kind == "h":
            old, shown = "", "新規採用"
        elif kind == "o":
            old = shown = r.choice(NURSE_OFFICE)
        else:
            other = r.choice([w for w in WARDS if w != ward])
            old = shown = f"{other if kind == 't' else ward}{sp}{NURSE_RANKS[k + (kind == 'p')]}"
        by_ward[ward].append((p, rank, old, shown))

    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("看護職員各位", "各部署所属長 各位")))
    cv.line_right(ctx.company)
    cv.line_right(f"看護部長　{ctx.name(chief)}")
    cv.title(r.choice(("看護部 人事異動のお知らせ", "看護職員の配置換えについて（通知）")))
    cv.para(ctx.date(eff), "付で、下記のとおり看護職員の人事異動（配置換え・昇任・採用）を行いますのでお知らせします。",
            kinsoku=True)
    cv.center("記", gap=22)
    recs = []
    for ward in wards:
        rows = by_ward[ward]
        if not rows:
            continue
        cv.ensure(80)
        cv.line_left(f"■ {ward}{SPECIALITY.get(ward, '')}", gap=24)
        draw_table(cv, [120.0, 150.0, 213.0], ["職位", "氏名", "異動前所属"],
                   [[Cell(rank, center=True), name_cell(p), Cell(shown)] for p, rank, _old, shown in rows], size=9)
        recs += [Rec(p, eff, ctx.company, f"{ward}{sp}{rank}", old, kana=kana) for p, rank, old, _s in rows]
    if leavers:
        cv.ensure(80)
        cv.line_left(f"【退職者】（{ctx.date(gone)}付）", gap=24)
        draw_table(cv, [170.0, 150.0, 163.0], ["所属", "氏名", "備考"],
                   [[Cell(old), name_cell(p), Cell(note)] for p, old, note in leavers], size=9)
        recs += [Rec(p, gone, ctx.company, "", old, "退職", kana=kana) for p, old, _n in leavers]
    cv.line_left("※ 各病棟の勤務表は別途各所属長より配付します。", 9, gap=22)
    cv.line_right("以上", gap=18)
    return recs


FORM = Form("byoto_betsu", build, max_records=16, setup=setup)
