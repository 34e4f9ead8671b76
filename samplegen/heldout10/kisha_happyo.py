"""Tenth held-out set: a city's press release on its personnel changes (記者発表資料). The city is the
announcing body (the company), the release addressed to the press club, with the release date and
the 担当 official (named: no record) in a ruled box at the top. １．発令日, ２．異動の規模: a count
table 区分 | 局長級 | 次長級 | 課長級 | 計 for this year and the year before (figures, no persons),
３．主な異動: one ruled table 新職 | 氏名 | 旧職 per rank under 【局長級】 【次長級】 【課長級】,
the reading small above the name in about half the files; posts written as a city writes them
(都市整備局長, 都市整備局次長, 都市整備局 道路管理課長, 次長 兼 課長); staff seconded from the
prefecture have the prefecture before their old post (みずほ県 土木部 技監); ４．退職者（…付, the
day before）: 旧職 | 氏名 | 備考 (定年退職 / 勧奨退職 / 自己都合退職).

Truth: the rank tables in printed order, then the leavers; the company is the city; the new post 新職
as printed; the old post 旧職 without the prefecture (an employer, dropped as the README says); a
leaver's new post 退任, dated by the heading of ４．; readings only where printed."""
from __future__ import annotations

from datetime import timedelta

import pymupdf

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table
from samplegen.heldout10.vocab import BUREAUS, CITIES, PREFECTURES, RANKS

WIDTHS = [190.0, 103.0, 190.0]
OUT_WIDTHS = [230.0, 120.0, 133.0]


def setup(ctx: Ctx) -> None:
    ctx.company = ctx.rng.choice(CITIES)
    ctx.header = False
    ctx.date_style = ctx.rng.choice(("era", "era", "western", "era_fw"))
    ctx.reading = "hira"
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5
    sp = ctx.sp
    officer = ctx.people[0]  # records are popped from the list's end

    def bureau() -> str:
        return r.choice(tuple(BUREAUS))

    def chief(b: str) -> str:
        return f"{b}{sp}{r.choice(BUREAUS[b])}長"

    def draw(taken: set[str]) -> tuple[str, str, str, str]:
        """(new post, old post, old post as printed, rank), neither post taken by another row."""
        for _attempt in range(50):
            rank = r.choice(("局長級", "次長級", "次長級", "課長級", "課長級", "課長級", "課長級"))
            b = bureau()
            shown = ""
            if rank == "局長級":
                new = f"{b}長"
                if r.random() < 0.25:
                    pref, posts = r.choice(PREFECTURES)
                    old = r.choice(posts).replace(" ", sp)
                    shown = f"{pref}{sp}{old}"
                else:
                    old = f"{r.choice((b, bureau()))}次長"
            elif rank == "次長級":
                new = f"{b}次長"
                old = chief(b) if r.random() < 0.6 else f"{bureau()}次長"
                while old == new:
                    old = chief(b)
                if r.random() < 0.2:  # the deputy keeps running the section
                    old = chief(b)
                    new = f"{b}次長{sp}兼{sp}{old.split(sp)[1]}"
            else:
                new = chief(b)
                old = f"{new}補佐" if r.random() < 0.35 else chief(bureau())
                while old == new:
                    old = chief(bureau())
            if not {new, old} & taken and not any(w in taken for w in new.split(f"{sp}兼{sp}")):
                break
        return new, old, shown, rank

    # The box at the top: what kind of paper this is, when, and who answers questions.
    top = cv.y - 14
    cv.page.draw_rect(pymupdf.Rect(cv.left, top, cv.right, top + 56), color=(0, 0, 0), width=0.8)
    cv.text(cv.left + 10, top + 22, "記者発表資料", 15, bold=True)
    cv.text(cv.left + 250, top + 18, f"発表日　{ctx.date(announce)}", 9.5)
    cv.text(cv.left + 250, top + 33, f"担　当　総務局{sp}人事課　{ctx.name(officer)}", 9.5)
    phone = f"0{r.randint(10, 99)}-{r.randint(100, 999)}-{r.randint(1000, 9999)}（内線{r.randint(2000, 4999)}）"
    cv.text(cv.left + 250, top + 48, f"電　話　{phone}", 9.5)
    cv.y = top + 56
    cv.line_left(r.choice(("市政記者クラブ　各位", "報道機関各位")), gap=22)
    fy = eff.year if eff.month > 3 else eff.year - 1
    cv.title(r.choice((f"{fy}年度 {ctx.company}人事異動について", f"{ctx.company}職員の人事異動について")))
    cv.para(f"{ctx.company}は、下記のとおり人事異動を発令しますので、お知らせします。", kinsoku=True)
    cv.center("記", gap=22)
    cv.line_left(f"１．発令日　　{ctx.date(eff)}", gap=22)

    # Who moves: mostly section chiefs, a few deputies and bureau chiefs, and some leavers.
    leave = r.randint(0, max(0, n // 3))
    ranked: dict[str, list[tuple]] = {rank: [] for rank in RANKS}
    taken: set[str] = set()  # a post is filled, and left, by one person only
    for _ in range(n - leave):
        new, old, shown, rank = draw(taken)
        taken |= {new, old, *new.split(f"{sp}兼{sp}")}
        ranked[rank].append((ctx.person(), new, old, shown or old))
    cv.line_left("２．異動の規模", gap=22)
    counts = [len(ranked[k]) for k in RANKS]
    last = [c + r.randint(-1, 3) if c else r.randint(0, 3) for c in counts]
    last = [max(0, c) for c in last]
    draw_table(cv, [90.0, 70.0, 70.0, 70.0, 70.0], ["区分", *RANKS, "計"],
               [[Cell("今回"), *[Cell(f"{c}人", center=True) for c in counts], Cell(f"{sum(counts)}人", center=True)],
                [Cell("前年度"), *[Cell(f"{c}人", center=True) for c in last], Cell(f"{sum(last)}人", center=True)]],
               size=9)
    cv.line_left("３．主な異動（課長級以上）", gap=24)
    recs = []
    for rank in RANKS:
        if not ranked[rank]:
            continue
        cv.ensure(70)
        cv.line_left(f"【{rank}】", 10, gap=20)
        rows = []
        for p, new, old, shown in ranked[rank]:
            rows.append([Cell(new), Cell(ctx.name(p), ruby=ctx.ruby(p) if kana else ""), Cell(shown)])
            recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
        draw_table(cv, WIDTHS, ["新職", "氏名", "旧職"], rows, size=9)
    if leave:
        cv.ensure(70)
        cv.line_left(f"４．退職者（{ctx.date(gone)}付）", gap=24)
        rows = []
        for _ in range(leave):
            p = ctx.person()
            b = bureau()
            old = r.choice((f"{b}長", f"{b}次長", chief(b)))
            while old in taken:
                b = bureau()
                old = r.choice((f"{b}長", f"{b}次長", chief(b)))
            taken.add(old)
            rows.append([Cell(old), Cell(ctx.name(p), ruby=ctx.ruby(p) if kana else ""),
                         Cell(r.choice(("定年退職", "勧奨退職", "自己都合退職")), center=True)])
            recs.append(Rec(p, gone, ctx.company, "", old, "退職", kana=kana))
        draw_table(cv, OUT_WIDTHS, ["旧職", "氏名", "備考"], rows, size=9)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("kisha_happyo", build, max_records=12, setup=setup)
