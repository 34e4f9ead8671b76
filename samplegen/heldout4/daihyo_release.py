"""Fourth held-out set: a listed company's 代表取締役の異動に関するお知らせ: letterhead with 代表者名 and
問合せ先 (no records), the board-meeting date in the opening sentence, then numbered sections:
１．異動の理由 (prose), ２．異動の内容 (a ruled table 氏名 | 新役職 | 現役職, no readings), ３．新任代表取締役の
略歴 (name with its reading, birth date, a career of 年月 lines, shares held), and only then
４．異動予定日 (the effective date, after every record). The new president's reading is printed only in
the profile; the outgoing president may leave the board (退任)."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, format_date, tw
from samplegen.heldout4._layout import grid, wrapped

WIDTHS = [120.0, 181.0, 182.0]
OTHERS = ("取締役副社長", "専務取締役", "常務取締役", "取締役")


def _ym(d: date, style: str) -> str:
    """Year and month of a career line, in the document's style (no day)."""
    full = format_date(d, style)
    return full[: full.index("月") + 1] if "月" in full else full.rsplit("/", 1)[0]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    year = r.choice((2019, 2021, 2024, 2025, 2026))
    eff = r.choice((date(year, 6, r.choice((21, 25, 27))), date(year, 4, 1), date(year, 7, 1)))
    board = eff - timedelta(days=r.randint(20, 60))
    announce = board
    rep, contact = ctx.person(), ctx.person()
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(ctx.vocab.addressees))
    cv.line_right(ctx.company)
    cv.line_right(f"代表者名\u3000代表取締役会長\u3000{ctx.name(rep, chr(0x3000))}", 9.5)
    cv.line_right(f"（コード番号：{r.randint(1300, 9990)}\u3000東証プライム）", 9)
    cv.line_right(f"問合せ先\u3000取締役管理本部長\u3000{ctx.name(contact, chr(0x3000))}", 9.5)
    cv.line_right(f"（TEL 03-{r.randint(3000, 6999)}-{r.randint(1000, 9999)}）", 9)
    cv.title(r.choice(("代表取締役の異動に関するお知らせ", "代表取締役および役員の異動に関するお知らせ")))
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり代表取締役の異動を内定いたしましたので、"
            "お知らせいたします。", kinsoku=True)
    cv.center("記", gap=24)
    cv.line_left("１．異動の理由", 11, gap=26)
    cv.para(r.choice(("経営体制の一層の強化と世代交代を図るためであります。",
                      "中期経営計画の達成に向けて、経営執行体制を刷新するためであります。")), kinsoku=True)
    cv.line_left("２．異動の内容", 11, gap=26)
    new_pres, old_pres = ctx.person(), ctx.person()
    rows, recs = [], []
    was = r.choice(OTHERS[:3])
    rows.append([[(ctx.name(new_pres), 10.5)], [("代表取締役社長", 10)], [(was, 10)]])
    recs.append(Rec(new_pres, eff, ctx.company, "代表取締役社長", was))
    leaves = r.random() < 0.4
    then = r.choice(("代表取締役会長", "取締役会長", "取締役相談役"))
    rows.append([[(ctx.name(old_pres), 10.5)], [("退任" if leaves else then, 10)], [("代表取締役社長", 10)]])
    recs.append(Rec(old_pres, eff, ctx.company, "" if leaves else then, "代表取締役社長", "退任" if leaves else ""))
    for _ in range(r.randint(0, min(n, 3))):
        p = ctx.person()
        old = r.choice(OTHERS[1:])
        new = r.choice([o for o in OTHERS[:3] if o != old] + [ctx.words("取締役", ctx.dept_post())])
        rows.append([[(ctx.name(p), 10.5)], wrapped(new, WIDTHS[1], 10), [(old, 10)]])
        recs.append(Rec(p, eff, ctx.company, new, old))
    for rec in recs[1:]:
        rec.kana = False
    recs[0].kana = True  # read from the profile below
    grid(cv, WIDTHS, ["氏　名", "新役職", "現役職"], rows)
    cv.ensure(200)
    cv.line_left("３．新任代表取締役社長の略歴", 11, gap=28)
    x = cv.left + 18
    cv.line_left(f"氏\u3000\u3000名\u3000\u3000{ctx.name(new_pres)}（{ctx.ruby(new_pres)}）", 10, gap=20, x=x)
    born = date(year - r.randint(52, 63), r.randint(1, 12), r.randint(1, 28))
    cv.line_left(f"生年月日\u3000\u3000{ctx.date(born)}生", 10, gap=17, x=x)
    cv.line_left("略\u3000\u3000歴", 10, gap=17, x=x)
    joined = date(born.year + 23, 4, 1)
    career = [(joined, "当社入社"), (date(joined.year + 18, 4, 1), ctx.dept_post()),
              (date(joined.year + 24, 6, 1), "取締役"), (date(eff.year - 2, 6, 1), was)]
    for when, what in career:
        ym = _ym(when, ctx.date_style)
        cv.line_left(ym, 9.5, gap=15, x=x + 20)
        cv.text(x + 20 + max(tw(ym, 9.5) + 12, 120), cv.y, what, 9.5)
    cv.line_left(f"所有株式数\u3000{r.randint(5, 90) * 1000:,}株", 10, gap=17, x=x)
    cv.ensure(60)
    cv.line_left("４．異動予定日", 11, gap=28)
    cv.line_left(f"{ctx.date(eff)}" + r.choice(("", "（定時株主総会終了後の取締役会にて正式決定）")), 10.5, gap=19,
                 x=cv.left + 18)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("daihyo_release", build, max_records=4)
