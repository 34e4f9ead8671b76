"""Thirteenth held-out set: a clipping of a regional paper's business page, its small 人事 column of
bank branch managers, as a bank's PR office files it. The paper's name, issue date and page (面) on
top (the issue date a distractor); a boxed narrow column headed ◆人事◆, wrapped anywhere (inside posts too); then per bank a run-in paragraph
◇bank（effective date）, followed by its entries, each ▽new post（前old post）name, run together;
the bank's own headquarters posts appear as old posts. A name is printed without a reading (the
paper never prints one), family and given name split by a space or not split at all. A bank whose
changes take effect on another day carries that day in its own bracket. Sometimes the column ends
with a leaver: ▽…付退任（前old post）name, dated there (the day before the bank's date).

Truth: the banks in printed order, entries in order; the company the bank of the ◇ paragraph; the
date the bracket after the bank's name (a leaver the day before); the new post the text after ▽ up
to （前 (the branch and the post joined by a space); the old post inside （前…）; no readings."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Ctx, Form, Rec, dates, tw
from samplegen.heldout13.vocab import BANK_HQ, BANK_POSTS, BANKS, BRANCHES, NEWSPAPERS


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "era", "western_fw"))
    ctx.name_sep = ctx.rng.choice(("", " "))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    eff, announce, _board = dates(ctx)
    banks = r.sample(BANKS, r.randint(1, min(3, n)))
    own_days = {b: eff + timedelta(days=r.choice((0, 0, 0, 14))) for b in banks}
    cv.text(cv.left, cv.y, r.choice(NEWSPAPERS), 14, bold=True)
    issue = f"{ctx.date(announce)}　{r.randint(5, 14)}面"
    cv.text(cv.right - tw(issue, 9), cv.y, issue, 9)
    cv.page.draw_line((cv.left, cv.y + 6), (cv.right, cv.y + 6), width=1.2)
    cv.y += 24
    top, right = cv.y, cv.right
    cv.right = cv.left + 250  # one narrow newspaper column, wrapped anywhere like a paper sets it
    cv.text(cv.left + (250 - tw("◆人事◆", 12)) / 2, cv.y + 18, "◆人事◆", 12, bold=True)
    cv.y += 20
    recs = []
    per_bank = [n // len(banks) + (i < n % len(banks)) for i in range(len(banks))]
    for bank, count in zip(banks, per_bank):
        day = own_days[bank]
        parts: list[str] = [f"◇{bank}（", ctx.date(day), "）"]
        branches = r.sample(BRANCHES, min(count, len(BRANCHES)))
        for branch in branches:
            p = ctx.person()
            rank = BANK_POSTS[2] if branch.endswith("出張所") else r.choice(BANK_POSTS[:2])
            new = f"{branch}{sp}{rank}"
            if r.random() < 0.35:
                old = r.choice(BANK_HQ).replace(" ", sp)
            else:
                other = r.choice([b for b in BRANCHES if b != branch])
                old = f"{other}{sp}{BANK_POSTS[2] if other.endswith('出張所') else r.choice(BANK_POSTS[:2])}"
            parts += [f"▽{new}（前{old}）", Atom(ctx.name(p))]
            recs.append(Rec(p, day, bank, new, old, kana=False))
        if r.random() < 0.3:
            p = ctx.person()
            old = f"{r.choice(BRANCHES[:-3])}{sp}{BANK_POSTS[0]}"
            parts += ["▽", ctx.date(day - timedelta(days=1)), f"付退任（前{old}）", Atom(ctx.name(p))]
            recs.append(Rec(p, day - timedelta(days=1), bank, "", old, "退任", kana=False))
        cv.para(*parts, size=10, kinsoku=True)
        cv.y += 4
    cv.page.draw_rect((cv.left - 6, top, cv.right + 6, cv.y + 10), width=0.6)
    cv.right = right
    cv.y += 30
    cv.line_left(f"（切り抜き：広報室　{ctx.date(announce)}受付）", 8)
    return recs


FORM = Form("shinbun_ginko", build, max_records=14, setup=setup)
