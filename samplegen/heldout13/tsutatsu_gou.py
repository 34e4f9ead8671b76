"""Thirteenth held-out set: a 人事通達 (personnel directive) set out as numbered orders. Top right the
directive's number (人通第NN号) and its issue date (a distractor); the title 人事通達; a sentence 「…付をもって、
下記のとおり発令する。」 with the effective date; then 記 and one order per person, 第１号, 第２号, …, each a
paragraph of formal text: name（reading in brackets, in about half the files, in the file's script）に対し、
new post を命ずる。 — with 「なお、old post の職を免ずる。」 when the person held a post, 「…として採用し、」
for a hire, and for a leaver 「old post の職を解き、…付をもって退職を承認する。」 (the day before). The
directive is signed by the president (代表取締役社長 name: no record). Long directives run onto a
second page.

Truth: the orders in printed order; the new post the text before を命ずる (a concurrent post 兼 kept
whole); the old post the text before の職を免ずる (or の職を解き); a hire's old post ""; a leaver's new
post 退任, dated the day before the effective date, as printed in the order."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Ctx, Form, Rec, dates

DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("era", "era_fw", "western", "western_fw"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " ", ""))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.5
    president = ctx.people[0]
    cv.line_right(f"人通第{r.randint(3, 48)}号".translate(DIGITS), 10, gap=0)
    cv.line_right(ctx.date(announce), 10)
    cv.line_left(r.choice(ctx.vocab.addressees), 10.5)
    cv.line_right(ctx.company, 10.5)
    cv.line_right(f"代表取締役社長　{ctx.name(president, chr(0x3000))}", 10.5)
    cv.title("人　事　通　達", 16)
    cv.para(ctx.date(eff), "付をもって、下記のとおり発令する。各部署においては、業務の引継ぎに遺漏のないよう取り計らわれたい。",
            kinsoku=True)
    cv.center("記", gap=26)
    recs = []
    for k in range(1, n + 1):
        p = ctx.person()
        new, old, word = ctx.change("pptthcd")
        who = Atom(ctx.named(p, kana) + (f"（{ctx.ruby(p)}）" if kana else ""))
        cv.ensure(70)
        cv.line_left(f"第{k}号".translate(DIGITS), 11, gap=24)
        if word:
            cv.para(who, "に対し、", Atom(old), "の職を解き、", ctx.date(gone), "付をもって退職を承認する。", kinsoku=True)
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=kana))
            continue
        if not old:
            cv.para(who, "を", Atom(ctx.date(eff)), "付をもって社員として採用し、", Atom(new), "を命ずる。", kinsoku=True)
        else:
            cv.para(who, "に対し、", Atom(new), "を命ずる。なお、", Atom(old), "の職を免ずる。", kinsoku=True)
        recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("tsutatsu_gou", build, max_records=14, setup=setup)
