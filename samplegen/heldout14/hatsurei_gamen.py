"""Fourteenth held-out set: hard copies of the HR system's order screen (人事給与システム 発令内容照会),
one screen per person, two screens to a page, as HR prints them to file with a reshuffle. Each
screen is a window: a title bar (system name, screen id, window buttons), a line with the logged-in
operator (named: no record) and the print date and time (a distractor), then labelled boxes: 会社
(code and the company), 社員番号, 発令番号, 氏名（漢字）, 氏名（カナ） (half-width katakana, or full-width,
as the system stores it), 発令日, 登録日 (a distractor), 発令区分 (code and word: 昇格 / 転勤 / 兼務 /
採用 / 退職), and a grid 項目 | 発令前 | 発令後 whose rows 所属 and 役職 each hold a code box and a name
box (a 兼務 row too, for an added concurrent post). Empty boxes are blank. A function-key bar and
n/N件 close each screen. Long runs go on over more pages.

Truth: the screens in printed order; the company the 会社 box; the date the screen's 発令日 (each
screen its own; some differ); the new post the 発令後 所属 name and 役職 name joined by a space (codes
dropped), plus 兼 and the 兼務 row's names for an added post; the old post the 発令前 所属 and 役職
names (a hire's: ""); a leaver (退職, 発令後 boxes blank) has new post 退任; readings from the カナ
box."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Ctx, Form, Rec, dates, format_date, tw

KINDS = {"p": ("01", "昇格"), "t": ("02", "転勤"), "c": ("03", "兼務"), "h": ("05", "採用"), "d": ("09", "退職")}
SHADE, BAR, BOX = (0.88, 0.88, 0.88), (0.22, 0.32, 0.52), (1, 1, 1)


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("slash0", "slash0", "slash"))
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))
    ctx.reading = ctx.rng.choice(("half", "half", "kata"))
    ctx.sp = " "
    ctx.header = False


def _split(post: str) -> tuple[str, str]:
    unit, _sp, title = post.partition(" ")
    return unit, title


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    operator = ctx.person()
    printed = announce + timedelta(days=r.randint(1, 5))
    clock = f"{r.randint(9, 18):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
    stamp = f"{format_date(printed, ctx.date_style)} {clock}"
    company_code = f"{r.randint(1, 9):02d}"
    codes = {d: str(r.randint(1100, 4899)) for d, _k in ctx.vocab.depts}
    post_codes = {p: f"{20 + 10 * i + j}" for j, ps in enumerate(ctx.vocab.posts.values()) for i, p in enumerate(ps)}
    recs = []
    for k in range(n):
        if k and k % 2 == 0:
            cv.new_page()
        top = cv.top - 20 + (k % 2) * 340
        p = ctx.person()
        kind = r.choice("pptttchd")
        new, old, word = ctx.change(kind)
        day = eff + timedelta(days=r.choice((0, 0, 0, 0, 14))) if kind != "d" else eff - timedelta(days=1)
        registered = printed - timedelta(days=r.randint(1, 6))
        screen(cv, ctx, top, k, n, operator, stamp, company_code, codes, post_codes, p, KINDS[kind], day, registered,
               new, old)
        recs.append(Rec(p, day, ctx.company, "" if word else new, old, word))
    return recs


def screen(cv, ctx: Ctx, top: float, k: int, n: int, operator, stamp, company_code, codes, post_codes, p, kind,
           day, registered, new, old) -> None:
    r = ctx.rng
    page, left, right = cv.page, cv.left - 16, cv.right + 16
    page.draw_rect((left, top, right, top + 300), color=(0.3, 0.3, 0.3), fill=(0.97, 0.97, 0.97), width=0.8)
    page.draw_rect((left, top, right, top + 18), color=BAR, fill=BAR, width=0)
    cv.text(left + 6, top + 13, "人事給与システム　［JHR420］　発令内容照会", 9.5, color=(1, 1, 1))
    cv.text(right - 46, top + 13, "_ □ ×", 9.5, color=(1, 1, 1))
    cv.text(left + 8, top + 34, f"ログイン：{ctx.name(operator, chr(0x3000))}（人材開発オフィス）", 8.5)
    s = f"印刷日時：{stamp}"
    cv.text(right - 8 - tw(s, 8.5), top + 34, s, 8.5)
    y = top + 46

    def label(x: float, yy: float, s: str, w: float = 72) -> float:
        page.draw_rect((x, yy, x + w, yy + 17), color=(0.5, 0.5, 0.5), fill=SHADE, width=0.5)
        cv.text(x + 4, yy + 12.5, s, 8.5)
        return x + w + 4

    def box(x: float, yy: float, s: str, w: float) -> float:
        page.draw_rect((x, yy, x + w, yy + 17), color=(0.5, 0.5, 0.5), fill=BOX, width=0.5)
        size = min(9.0, 9.0 * (w - 8) / max(tw(s, 9.0), 1))
        cv.text(x + 4, yy + 12.5, s, size)
        return x + w + 6

    x = label(left + 8, y, "会社")
    x = box(x, y, company_code, 28)
    box(x, y, ctx.company, 200)
    y += 22
    x = label(left + 8, y, "社員番号")
    x = box(x, y, str(r.randint(100000, 299999)), 70)
    x = label(x + 20, y, "発令番号")
    box(x, y, f"H{day.year % 100:02d}{day.month:02d}-{r.randint(1, 400):04d}", 90)
    y += 22
    x = label(left + 8, y, "氏名（漢字）")
    box(x, y, ctx.name(p), 120)
    x = label(left + 250, y, "氏名（カナ）")
    box(x, y, ctx.ruby(p), 150)
    y += 22
    x = label(left + 8, y, "発令日")
    box(x, y, format_date(day, ctx.date_style), 80)
    x = label(left + 250, y, "登録日")
    box(x, y, format_date(registered, ctx.date_style), 80)
    y += 22
    x = label(left + 8, y, "発令区分")
    x = box(x, y, kind[0], 28)
    box(x, y, kind[1], 60)
    y += 30
    # 項目 | 発令前 | 発令後: a code box and a name box per side.
    cols = (left + 8, left + 88, left + 88 + 206)
    for c, h in zip(cols, ("項目", "発令前", "発令後")):
        page.draw_rect((c, y, c + (76 if c == cols[0] else 196), y + 17), color=(0.5, 0.5, 0.5), fill=BAR, width=0.5)
        cv.text(c + 4, y + 12.5, h, 8.5, color=(1, 1, 1))
    y += 21
    main_new, extra = (new.split(" 兼 ") + [""])[:2] if " 兼 " in new else (new, "")
    rows = [("所属", _split(old)[0], _split(main_new)[0], codes),
            ("役職", _split(old)[1], _split(main_new)[1], post_codes)]
    rows.append(("兼務所属", "", _split(extra)[0], codes))
    rows.append(("兼務役職", "", _split(extra)[1], post_codes))
    for name, before, after, table in rows:
        label(cols[0], y, name, 76)
        for c, v in ((cols[1], before), (cols[2], after)):
            xx = box(c, y, table.get(v, "") if v else "", 40)
            box(xx, y, v, 150)
        y += 21
    y += 6
    cv.text(left + 8, y + 10, "F1:ヘルプ　F3:戻る　F7:前レコード　F8:次レコード　F12:終了", 8, color=(0.3, 0.3, 0.3))
    s = f"{k + 1}/{n}件"
    cv.text(right - 8 - tw(s, 8.5), y + 10, s, 8.5)


FORM = Form("hatsurei_gamen", build, max_records=7, setup=setup)
