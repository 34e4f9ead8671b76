"""Twelfth held-out set: a retail chain's store-manager rotation list (店舗責任者 人事異動一覧),
landscape, grouped by 地区. The store-operations department's date and the …付 date in the title;
per district a heading 【北部地区】 with its supervisor (担当SV, named: no record), then a ruled table
店番 | 店舗名 | 職位 | 氏名 | フリガナ | 前所属 | 着任日. The store code (店番, four digits) is a
distractor; the reading is its own column, printed in katakana or half-width katakana (フリガナ), or
hiragana when the header says ふりがな. 前所属 is another store and its post, a head-office post, or
（新規採用）. Most rows start on the title's date; a store being refitted starts later, printed in the
着任日 column (the column is the date, the title's date only its default). No leavers.

Truth: the districts in printed order, rows in order; the date the row's 着任日; the new post the
店舗名 and 職位 cells joined by a space; the old post the 前所属 cell as printed ((新規採用) → "");
readings from the reading column."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, kana_as, tw
from samplegen.heldout12.vocab import DISTRICTS, RETAILERS, STORE_HQ, STORE_RANKS, STORES

WIDTHS = [48.0, 110.0, 120.0, 100.0, 120.0, 170.0, 61.0]


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(RETAILERS)
    ctx.date_style = ctx.rng.choice(("slash", "slash0", "western", "dot"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))
    ctx.reading = ("kata", "half", "hira")[ctx.rng.randrange(3)]


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    codes = {s: f"{r.randint(101, 989):04d}" for s in STORES}
    districts = r.sample(DISTRICTS, r.randint(2, 3))
    svs = dict(zip(districts, ctx.people[:len(districts)]))
    slots = r.sample([(s, k) for s in STORES for k in range(len(STORE_RANKS))], n)
    home = {s: r.choice(districts) for s in STORES}
    late = eff + timedelta(days=r.choice((7, 10, 14)))
    rows: dict[str, list] = {d: [] for d in districts}
    for store, k in sorted(slots, key=lambda sk: (codes[sk[0]], sk[1])):
        p = ctx.person()
        where = r.random()
        if where < 0.55:
            other = r.choice([s for s in STORES if s != store])
            old = shown = f"{other}{sp}{STORE_RANKS[min(k + r.choice((0, 1)), len(STORE_RANKS) - 1)]}"
        elif where < 0.85:
            old = shown = r.choice(STORE_HQ).replace(" ", sp)
        else:
            old, shown = "", "（新規採用）"
        day = late if r.random() < 0.2 else eff
        rows[home[store]].append((p, store, STORE_RANKS[k], old, shown, day))

    label = "ふりがな" if ctx.reading == "hira" else "フリガナ"
    header = ["店番", "店舗名", "職位", "氏名", label, "前所属", "着任日"]
    cv.text(cv.right - tw(ctx.company, 10), cv.y - 20, ctx.company, 10)
    cv.text(cv.right - tw("店舗運営部", 9), cv.y - 6, "店舗運営部", 9)
    cv.text(cv.left, cv.y - 20, f"作成日：{ctx.date(announce)}", 9)
    cv.title(f"店舗責任者 人事異動一覧（{ctx.date(eff)}付）", 15)
    cv.line_left("※ 着任日が発令日と異なる店舗は、改装工事の日程に合わせて着任します。引継ぎは前任者と調整のこと。", 9)
    recs = []
    for district in districts:
        if not rows[district]:
            continue
        cv.ensure(70)
        cv.line_left(f"【{district}】　担当SV：{ctx.name(svs[district])}", 10.5, gap=22)
        body = [[Cell(codes[s], center=True), Cell(s), Cell(rank), Cell(ctx.name(p)),
                 Cell(kana_as(p.kana_family, ctx.reading) + " " + kana_as(p.kana_given, ctx.reading)), Cell(shown),
                 Cell(ctx.date(day), center=True)] for p, s, rank, _o, shown, day in rows[district]]
        draw_table(cv, WIDTHS, header, body, size=9)
        recs += [Rec(p, day, ctx.company, f"{s}{sp}{rank}", old) for p, s, rank, old, _sh, day in rows[district]]
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("tenpo_kaiten", build, max_records=16, landscape=True, setup=setup)
