"""Ninth held-out set: an IR correction notice, 「人事異動に関するお知らせ」の一部訂正について. The
letterhead (correction date, company, 代表者名 and 問合せ先, both named: no records), a sentence naming
the original release by its date and title (both distractors), 記, １．訂正の理由, ２．訂正の内容: the
original section 「異動の内容」 printed twice, 【訂正前】 then 【訂正後】, each a ruled table
No. | 氏名 | [フリガナ |] 新役職 | 旧役職 | 異動日 (the reading column in about half the files). The
corrected parts are underlined in both tables (訂正箇所は下線): a post, a row's 異動日, or a
misprinted reading. A person listed by mistake has the whole row underlined in 【訂正前】 and
is missing from 【訂正後】; a person left out is the last row of 【訂正後】, wholly underlined.

Truth: the rows of 【訂正後】 only, in its order, with its values: the corrected post, date and
reading; a person only in 【訂正前】 is no record; ― as 旧役職 → "" (a hire), 退任 / 退職 as
新役職 → 退任; readings only where printed."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Cell, Ctx, Form, Person, Rec, dates, draw_table, kana_as

WIDTHS = [30.0, 104.0, 134.0, 134.0, 81.0]
KANA_WIDTHS = [28.0, 82.0, 92.0, 110.0, 110.0, 61.0]
VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"))


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "era", "slash0", "western_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))  # readings are printed in half the files only


def misread(p: Person) -> Person:
    """The misprint a correction notice fixes: one unvoiced kana voiced (はしもと → ばしもと)."""
    for i, c in enumerate(p.kana_family):
        if c in VOICED:
            return Person(p.family, p.given, p.kana_family[:i] + VOICED[c] + p.kana_family[i + 1:], p.kana_given)
    return Person(p.family, p.given, p.kana_family, "お" + p.kana_given[1:])


def row(ctx: Ctx, k: int, p: Person, new: str, old: str, day, kana: bool, marked: set[str]) -> list[Cell]:
    def cell(key: str, s: str, **kw) -> Cell:
        return Cell(s, ul=(0, len(s)) if key in marked or "row" in marked else None, **kw)

    reading = [cell("kana", kana_as(p.kana_family, ctx.reading) + " " + kana_as(p.kana_given, ctx.reading))]
    return [Cell(str(k), center=True), cell("name", ctx.name(p)), *(reading if kana else []), cell("new", new),
            cell("old", old or "―", center=not old), cell("day", ctx.date(day))]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    fixed = announce + timedelta(days=r.randint(2, 9))
    ctx.reading = r.choice(("kata", "hira"))
    kana = r.random() < 0.5
    head, contact = ctx.people[0], ctx.people[1]  # records are popped from the list's end
    cv.line_right(ctx.date(fixed), gap=0)
    cv.line_left(r.choice(("各位", "関係各位")))
    cv.line_right(ctx.company)
    cv.line_right(f"代表者名　代表取締役社長　{ctx.name(head)}")
    cv.line_right(f"問合せ先　{r.choice(('経営企画部長', '総務部長', '広報IR室長'))}　{ctx.name(contact)}", 9.5)
    original = r.choice(("人事異動に関するお知らせ", "人事異動のお知らせ", "組織変更及び人事異動に関するお知らせ"))
    cv.title(f"「{original}」の一部訂正について")
    cv.para(f"当社が{ctx.date(announce)}に公表いたしました「{original}」の記載内容に一部誤りがありましたので、"
            "下記のとおり訂正いたします。なお、訂正箇所には下線を付しております。", kinsoku=True)
    cv.center("記", gap=26)
    # The announcement as it should have read, then the misprints made in it.
    good = []
    for _ in range(n):
        new, old, word = ctx.change("pptthd")
        p = ctx.person()
        good.append({"p": p, "new": word or new, "old": old, "day": eff - timedelta(days=1) if word else eff,
                     "word": word})
    added = good.pop() if len(good) > 1 and r.random() < 0.25 else None
    wrong = [dict(g) for g in good]
    kinds = ["new", "old", "day"] + (["kana"] if kana else [])
    for i in r.sample(range(len(good)), r.randint(1, min(3, len(good)))):
        kind = r.choice(kinds)
        w = wrong[i]
        if kind == "day":
            w["day"] = w["day"] + timedelta(days=r.choice((-15, 15, 30, 61)))
        elif kind == "kana":
            w["p"] = misread(w["p"])
        elif kind == "old" and w["old"]:
            while w["old"] == good[i]["old"]:
                w["old"] = ctx.dept_post()
        else:
            kind = "new"
            while w["new"] == good[i]["new"]:
                w["new"] = ctx.dept_post()
        w["marks"] = {kind}
        good[i]["marks"] = {kind}
    stray = None
    if r.random() < 0.25:  # somebody listed by mistake: only in 【訂正前】
        new, old, _word = ctx.change("pt")
        stray = {"p": ctx.person(), "new": new, "old": old, "day": eff, "marks": {"row"}}
        wrong.insert(r.randint(0, len(wrong)), stray)
    if added:
        added["marks"] = {"row"}
        good.append(added)
    reasons = ["記載内容の確認が不十分であったため、誤った内容を記載しておりました。"]
    if stray:
        reasons.append("また、異動の対象でない者を誤って記載しておりました。")
    if added:
        reasons.append("また、異動の対象者の一部の記載が漏れておりました。")
    cv.line_left("１．訂正の理由", gap=24)
    cv.para(*reasons, kinsoku=True)
    cv.line_left("２．訂正の内容", gap=24)
    cv.line_left(f"「{original}」２．異動の内容", gap=18, x=cv.left + 14)
    for label, entries in (("【訂正前】", wrong), ("【訂正後】", good)):
        cv.ensure(70)
        cv.line_left(label, gap=24, x=cv.left + 14)
        rows = [row(ctx, k, e["p"], e["new"], e["old"], e["day"], kana, e.get("marks", set()))
                for k, e in enumerate(entries, 1)]
        draw_table(cv, KANA_WIDTHS if kana else WIDTHS,
                   ["No.", "氏名", *(["フリガナ" if ctx.reading == "kata" else "ふりがな"] if kana else []),
                    "新役職", "旧役職", "異動日"], rows, size=9)
    cv.line_right("以上", gap=26)
    return [Rec(g["p"], g["day"], ctx.company, g["new"], g["old"], g["word"], kana=kana) for g in good]


FORM = Form("teisei_notice", build, max_records=8, setup=setup)
