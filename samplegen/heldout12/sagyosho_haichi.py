"""Twelfth held-out set: a builder's site-manager assignment sheet (作業所長等 配置表), landscape, as the
works department files it: the company and 工事部 top right, the sheet's 作成日 and 承認 stamp boxes
(部長 / 課長 / 担当, empty), then one ruled table No. | 工事名 | 工事場所 | 工期 | 職 | 氏名 | 前任 |
着任日. A site with several people prints its 工事名, 工事場所 and 工期 on its first row only and 〃 in
the 工事名 cell of the rows below (a ditto mark, the name of the site above). The 工期 (2025.4～2026.9)
and the 作成日 are distractors; each row carries its own 着任日, up to three different days on a
sheet. 前任 is another site and its 職, a head-office post, or （新規配属）. Long sheets run onto a
second page with the header repeated. No readings; names are printed padded to four characters in
about half the files.

Truth: rows in printed order; the date the row's 着任日; the new post the 工事名 (〃 resolved to the
site above) and the 職 cell joined by a space; the old post the 前任 cell ((新規配属) → "")."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, tw
from samplegen.heldout12.vocab import BUILDER_UNITS, BUILDERS, SITE_RANKS, SITES

WIDTHS = [26.0, 168.0, 88.0, 82.0, 78.0, 80.0, 136.0, 71.0]
PLACES = ("港区みなと台", "ひかり台町", "こうのとり川左岸", "北浜町二丁目", "しろがね村", "白鷺町", "さざなみ町", "汐見町")


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(BUILDERS)
    ctx.date_style = ctx.rng.choice(("slash0", "slash", "initial", "era"))
    ctx.name_sep = "\u3000"
    ctx.header = False


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    days = [eff] + sorted(r.sample([eff + timedelta(days=d) for d in (7, 14, 21, 31)], r.choice((0, 1, 2))))
    padded = r.random() < 0.5
    sites = r.sample(range(len(SITES)), r.randint(2, min(n, len(SITES))) if n > 1 else 1)
    staff: dict[int, list[int]] = {s: [] for s in sites}
    for i in range(n):
        s = sites[i] if i < len(sites) else r.choice(sites)
        if len(staff[s]) < len(SITE_RANKS):
            staff[s].append(len(staff[s]))
    rows, recs, number = [], [], 0
    for s in sites:
        start = eff.year, r.choice((1, 4, 7, 10))
        months = r.randint(10, 30)
        end = start[0] + (start[1] - 1 + months) // 12, (start[1] - 1 + months) % 12 + 1
        for j, k in enumerate(staff[s]):
            p = ctx.person()
            number += 1
            where = r.random()
            if where < 0.5:
                other = r.choice([x for x in SITES if x != SITES[s]])
                old = shown = f"{other}{sp}{SITE_RANKS[min(k + r.choice((0, 1)), len(SITE_RANKS) - 1)]}"
            elif where < 0.85:
                old = shown = r.choice(BUILDER_UNITS).replace(" ", sp)
            else:
                old, shown = "", "（新規配属）"
            day = r.choice(days)
            first = j == 0
            rows.append([Cell(str(number), center=True), Cell(SITES[s] if first else "〃", center=not first),
                         Cell(PLACES[s] if first else ""), Cell(f"{start[0]}.{start[1]}～{end[0]}.{end[1]}" if first else ""),
                         Cell(SITE_RANKS[k]), Cell(ctx.padded(p, 5) if padded else ctx.name(p)), Cell(shown),
                         Cell(ctx.date(day), center=True)])
            recs.append(Rec(p, day, ctx.company, f"{SITES[s]}{sp}{SITE_RANKS[k]}", old, kana=False))

    cv.text(cv.right - tw(ctx.company, 10), cv.y - 20, ctx.company, 10)
    cv.text(cv.right - tw("工事部 工事管理課", 9), cv.y - 6, "工事部 工事管理課", 9)
    cv.text(cv.left, cv.y - 20, f"作成日　{ctx.date(announce)}", 9)
    for i, label in enumerate(("担当", "課長", "部長")):  # approval stamp boxes, empty
        x = cv.right - 60 * (i + 1)
        cv.page.draw_rect((x, cv.y + 6, x + 54, cv.y + 50), width=0.6)
        cv.page.draw_line((x, cv.y + 18), (x + 54, cv.y + 18), width=0.6)
        cv.text(x + 27 - tw(label, 8) / 2, cv.y + 15, label, 8)
    cv.title("作業所長等 配置表", 16)
    cv.line_left("（発令に伴う作業所配置の変更分のみ記載。着任日は各作業所の工程による）", 9, gap=14)
    cv.y += 14
    draw_table(cv, WIDTHS, ["No.", "工事名", "工事場所", "工期", "職", "氏名", "前任", "着任日"], rows, size=9)
    cv.line_left("※ 〃は上欄に同じ。前任欄の（新規配属）は本年度入社者を示す。", 8.5, gap=16)
    return recs


FORM = Form("sagyosho_haichi", build, max_records=14, landscape=True, setup=setup)
