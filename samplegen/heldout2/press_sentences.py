"""Second held-out set: a press release whose records are a numbered list of sentences
(…を…に任命する / （現…）を…に昇任させる / …として採用する / …は…を退任する), each name followed by its
reading in full-width brackets; the effective date is stated once, above the list, in 和暦 (often 元年)."""
from __future__ import annotations

from datetime import date, timedelta

from jptext import fullwidth
from samplegen.core import Atom, Canvas, Ctx, Form, Person, Rec, dates, letterhead


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("era", "era_fw"))
    ctx.reading = ctx.rng.choice(("kata", "hira"))


def _sentence(ctx: Ctx, p: Person, new: str, old: str, dep: str, bracket: str) -> list[str]:
    r = ctx.rng
    who = [Atom(ctx.name(p)), Atom(bracket[0] + ctx.ruby(p) + bracket[1])]
    if dep:
        return [Atom(old), "\u3000", *who, "は、", dep, "いたします。" if r.random() < 0.5 else "する。"]
    if not old:
        return [*who, "を", Atom(new), "として", r.choice(("採用する。", "新たに迎えます。"))]
    if r.random() < 0.5:
        return [*who, "（現\u3000", Atom(old), "）を", Atom(new), "に", r.choice(("任命する。", "昇任させる。"))]
    return [Atom(old), "の", *who, "を", Atom(new), "に", r.choice(("任命する。", "配置換えする。"))]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    if r.random() < 0.6:  # the first year of 令和
        eff = date(2019, r.choice((5, 7, 10, 12)), 1)
        announce = board = eff - timedelta(days=r.randint(12, 30))
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動に関するお知らせ", "組織人事についてのお知らせ")))
    cv.para("当社は、", ctx.date(board), "開催の経営会議において、下記のとおり人事異動を決定いたしましたので、"
            "お知らせいたします。", kinsoku=True)
    cv.center("記")
    cv.line_left(r.choice(("発令日", "異動日", "実施日")) + "\u3000" + ctx.date(eff), gap=24)
    bracket = r.choice(("【】", "（）", "《》"))
    circled = r.random() < 0.5
    recs = []
    for i in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        mark = chr(0x2460 + i) if circled else fullwidth(str(i + 1)) + "．"
        cv.y += 6
        cv.ensure(40)
        cv.para(mark, *_sentence(ctx, p, new, old, dep, bracket), kinsoku=True)
        recs.append(Rec(p, eff, ctx.company, new, old, dep))
    cv.line_right("以上", gap=24)
    contact = ctx.person()
    cv.line_left("【本件に関するお問い合わせ先】", 9.5, gap=28)
    cv.line_left(f"広報室\u3000{ctx.name(contact, chr(0x3000))}\u3000TEL 0{r.randint(3, 6)}-{r.randint(1000, 9999)}-"
                 f"{r.randint(1000, 9999)}", 9.5, gap=15)
    return recs


FORM = Form("press_sentences", build, max_records=10, setup=setup)
