"""Tenth held-out set: a letter to business partners announcing a change of the people who look after
them (担当者変更のご挨拶), in 拝啓 … 敬具 style: the date, 取引先各位 / お取引先各位 / a partner
company 御中, the sender company and its president (named: no record), a title, the seasonal
greeting, the sentence with the …付 date of the reshuffle, 敬具, then 記 and one block per area
handed over (【ご担当：area】, the area is no post): 新任担当者　new post　name（reading） with
（前所属　old post） below, or （中途入社） for someone hired from outside; then 前任担当者　old
post　name with where the person goes below: （…付で new post へ異動） or （…付で退職）, the
day before. The successor usually takes over the predecessor's very post. The reading is printed for
the successor only, in about two thirds of the files. A contact person (named, no record) and 以上
close the letter.

Truth: per block the successor then the predecessor; the successor dated by the sentence, new post
as printed, old post the 前所属 ((中途入社) → ""); the predecessor dated by the line below the name,
new post the one it moves to (退職 → 退任), old post the post printed before the name, no reading."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Canvas, Ctx, Form, Rec, dates
from samplegen.heldout10._parts import flow

SEASONS = {1: "新春", 2: "余寒", 3: "早春", 4: "陽春", 5: "新緑", 6: "初夏", 7: "盛夏", 8: "晩夏", 9: "初秋",
           10: "秋涼", 11: "晩秋", 12: "師走"}
AREAS = ("関東地区のお取引", "購買窓口", "物流関連業務", "技術サポート", "近畿・中国地区のお取引", "品質保証窓口",
         "新製品のご提案", "ご請求・お支払い")


def setup(ctx: Ctx) -> None:
    ctx.header = ctx.numbered = False  # a letter carries neither
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.67
    boss, contact = ctx.people[0], ctx.people[1]  # records are popped from the list's end
    cv.line_right(ctx.date(announce), gap=0)
    partner = r.choice(("取引先各位", "お取引先各位", "お得意様各位"))
    cv.line_left(partner, 11)
    cv.line_right(ctx.company, gap=22)
    cv.line_right(f"代表取締役社長　{ctx.name(boss)}")
    cv.title(r.choice(("担当者変更のご挨拶", "営業担当者交代のお知らせ", "担当者交代のご案内")))
    cv.y += 6
    x0, x1 = cv.left, cv.right
    flow(cv, ["拝啓　", f"{SEASONS[announce.month]}の候、貴社ますますご清栄のこととお慶び申し上げます。",
              "平素は格別のお引き立てを賜り、厚く御礼申し上げます。"], x0, x1, 10.5, gap=18, indent=True)
    flow(cv, ["さて、弊社では", Atom(ctx.date(eff)), "付の人事異動により、貴社をご担当させていただいておりました者が"
              "下記のとおり交代することとなりました。在任中に賜りましたご厚情に心より御礼申し上げますとともに、"
              "新任担当者にも前任者同様のご指導ご鞭撻を賜りますよう、お願い申し上げます。"], x0, x1, 10.5, gap=18,
         indent=True)
    flow(cv, ["まずは略儀ながら書中をもちましてご挨拶申し上げます。"], x0, x1, 10.5, gap=18, indent=True)
    cv.line_right("敬具", gap=20)
    cv.center("記", gap=28)
    recs, taken = [], set()
    pairs = max(1, (n + 1) // 2)
    areas = r.sample(AREAS, pairs)
    xs, xn = cv.left + 14, cv.left + 104
    for area in areas:
        cv.ensure(90)
        cv.line_left(f"【ご担当：{area}】", 10.5, gap=26)
        succ, pred = ctx.person(), ctx.person()
        for _attempt in range(30):  # one person to a post in one letter
            new, old, _w = ctx.change("pptt" if r.random() < 0.85 else "h")
            pred_old = new if r.random() < 0.7 else ctx.dept_post()  # mostly the successor takes over the very post
            if not {new, old, pred_old} & taken:
                break
        taken |= {new, old, pred_old} - {""}
        cv.line_left("新任担当者", 10.5, gap=20, x=xs)
        reading = f"（{ctx.ruby(succ)}）" if kana else ""
        cv.text(xn, cv.y, f"{new}　{ctx.name(succ)}{reading}", 10.5)
        cv.line_left(f"（前所属　{old}）" if old else "（中途入社）", 9.5, gap=16, x=xn)
        recs.append(Rec(succ, eff, ctx.company, new, old, kana=kana))
        cv.line_left("前任担当者", 10.5, gap=20, x=xs)
        cv.text(xn, cv.y, f"{pred_old}　{ctx.name(pred)}", 10.5)
        if r.random() < 0.25:
            word = r.choice(("退職", "退任"))
            cv.line_left(f"（{ctx.date(gone)}付で{word}）", 9.5, gap=16, x=xn)
            recs.append(Rec(pred, gone, ctx.company, "", pred_old, word, kana=False))
        else:
            goes = pred_old
            while goes == pred_old:
                goes = ctx.dept_post()
            cv.line_left(f"（{ctx.date(eff)}付で{goes}へ異動）", 9.5, gap=16, x=xn)
            recs.append(Rec(pred, eff, ctx.company, goes, pred_old, kana=False))
    cv.ensure(60)
    cv.line_left(f"本件に関するお問い合わせ先：{ctx.company}　総務部　{ctx.name(contact)}"
                 f"（TEL {r.randint(10, 99)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}）", 9, gap=30)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("torihiki_aisatsu", build, max_records=8, setup=setup)
