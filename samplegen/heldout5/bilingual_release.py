"""Fifth held-out set: an English–Japanese bilingual release (人事異動のお知らせ / Notice of Personnel
Changes): the letterhead and every heading in both languages, the date line twice (和暦 or 西暦, then
"April 1, 2026"), the effective date in a 発令日 / Effective line, then a ruled table 氏名 Name |
新役職 New Position | 旧役職 Former Position in which each cell holds the Japanese above the English:
the name in kanji above its romanisation (Taro YAMADA or YAMADA Taro), the post above its English
title. A departure prints 退任 / Retired, a hire 新規採用 / New hire in the old post. A media contact
(named, no record) closes the release.

Truth: the Japanese lines; the romanised name is not a kana reading, so the readings are empty."""
from __future__ import annotations

import re

from samplegen.core import Canvas, Ctx, Form, Rec, dates
from samplegen.heldout5._layout import Lines, grid, wrapped
from samplegen.heldout5.vocab import COMPANY_EN, DEPT_EN, POST_EN

WIDTHS = [118.0, 183.0, 182.0]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_KANA = dict(zip(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ",
    ("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
     "ya yu yo ra ri ru re ro wa o n "
     "ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po").split()))
_SMALL = {"ゃ": "ya", "ゅ": "yu", "ょ": "yo"}


def romaji(kana: str) -> str:
    """Hepburn as on passports: しょう → sho, おお → o, っ doubles the next consonant."""
    out, last, double = "", "", False
    for ch in kana:
        if ch == "っ":
            double = True
            continue
        if ch in _SMALL:  # き + ゃ → kya, し + ょ → sho, じ + ゅ → ju
            base = last[:-1]
            syl = base + (_SMALL[ch][1:] if base in ("sh", "ch", "j") else _SMALL[ch])
            out, last = out[:len(out) - len(last)] + syl, syl
            continue
        last = _KANA[ch]
        out += (last[0] if double else "") + last
        double = False
    out = re.sub(r"ou|oo", "o", out)
    return re.sub(r"uu", "u", out)


def _en_post(post: str) -> str:
    parts = post.replace("\u3000", " ").split(" 兼 ")
    return " and concurrently ".join(_en_one(p) for p in parts)


def _en_one(post: str) -> str:
    words = post.split()
    title = POST_EN.get(words[-1], words[-1])
    if words[0] in ("執行役員", "常務執行役員"):
        return f"{POST_EN[words[0]]}, {_en_one(' '.join(words[1:]))}"
    dept = " ".join(DEPT_EN.get(w, w) for w in words[:-1])
    return f"{title}, {dept}" if dept else title


def _en_date(d) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def setup(ctx: Ctx) -> None:
    ctx.fw, ctx.joined, ctx.sp = False, False, " "
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))
    ctx.date_style = ctx.rng.choice(("western", "era", "era"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    family_first = r.random() < 0.5
    en_company = COMPANY_EN[ctx.company]
    cv.line_right(ctx.date(announce), 10, gap=0)
    cv.line_right(_en_date(announce), 9, gap=13)
    cv.line_right(ctx.company, 10.5, gap=20)
    cv.line_right(en_company, 9, gap=13)
    cv.title("人事異動のお知らせ", 14)
    cv.center("Notice of Personnel Changes", 11, gap=16)
    cv.para(f"{ctx.company}は、下記のとおり人事異動を決定しましたのでお知らせいたします。", kinsoku=True)
    cv.line_left(f"{en_company} announces the following personnel changes.", 9.5, gap=15)
    cv.line_left(f"発令日 / Effective：{ctx.date(eff)}（{_en_date(eff)}）", 10.5, gap=26)
    cv.y += 6
    groups, recs = [], []
    for _ in range(n):
        p = ctx.person()
        new, old, dep = ctx.change("ptcohd" if r.random() < 0.8 else "pt")
        en_name = (f"{romaji(p.kana_family).upper()} {romaji(p.kana_given).capitalize()}" if family_first else
                   f"{romaji(p.kana_given).capitalize()} {romaji(p.kana_family).upper()}")
        name = [(ctx.name(p), 10), (en_name, 8)]
        new_cell = [("退任", 9.5), ("Retired", 7.5)] if dep else _both(new, WIDTHS[1])
        old_cell = _both(old, WIDTHS[2]) if old else [("新規採用", 9.5), ("New hire", 7.5)]
        groups.append((name, [[new_cell, old_cell]]))
        recs.append(Rec(p, eff, ctx.company, new, old, "退任" if dep else "", kana=False))
    grid(cv, WIDTHS, ["氏名 Name", "新役職 New Position", "旧役職 Former Position"], groups, size=8.5)
    contact = ctx.person()
    cv.ensure(60)
    cv.line_left("本件に関するお問い合わせ / Media contact", 9, gap=26)
    cv.line_left(f"広報部 {ctx.name(contact)}（{ctx.company}）\u3000TEL 03-{r.randint(3000, 6999)}-{r.randint(1000, 9999)}",
                 9, gap=14)
    cv.line_right("以上 / End", gap=22)
    return recs


def _both(post: str, width: float) -> Lines:
    return wrapped(post, width, 9.5) + wrapped(_en_post(post), width, 7.5)


FORM = Form("bilingual_release", build, max_records=13, setup=setup)
