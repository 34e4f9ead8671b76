"""TwoMatch's own generator of synthetic personnel-change announcements (人事異動のお知らせ).

`build_samples` writes `NN.pdf` with a real text layer plus `NN.json`, the exact ground truth
in the format of samples/README.md, cycling through the five layouts described there. All
names, companies and posts come from the word lists below and are made up. Output is
byte-identical for a seed, so tests can generate fresh documents and compare runs.

The ground truth is derived from the very strings that are printed (NFKC + folded
whitespace), so the truth cannot drift from the PDF; only the README's semantic rules
(退任, heading posts, dropped 現/当社/employer prefixes) are applied on top.

Run: `python -m dataentry.samplegen OUT_DIR [--seed N] [--count N]` (no Django needed).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pymupdf

from dataentry.normalization import norm_text  # the truth is normalised by the app's own rules
from jptext import format_era, fullwidth, to_halfwidth_katakana, to_katakana

LAYOUTS: tuple[str, ...] = ("table_kana", "officer_text", "roster_underline", "multi_date", "two_column")
DOCUMENT_TYPE = "personnel_change"


def _pairs(s: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(w.split(":")) for w in s.split())  # type: ignore[misc]


# ---------------------------------------------------------------- word lists
FAMILIES = _pairs(
    "佐藤:さとう 鈴木:すずき 田中:たなか 伊藤:いとう 中村:なかむら 小林:こばやし 加藤:かとう 吉田:よしだ 山田:やまだ "
    "松本:まつもと 井上:いのうえ 木村:きむら 林:はやし 清水:しみず 森:もり 池田:いけだ 橋本:はしもと 石川:いしかわ "
    "前田:まえだ 藤田:ふじた 後藤:ごとう 長谷川:はせがわ 村上:むらかみ 近藤:こんどう 坂本:さかもと 青木:あおき "
    "藤井:ふじい 西村:にしむら 太田:おおた 岡本:おかもと 中川:なかがわ 原田:はらだ 竹内:たけうち 金子:かねこ "
    "横山:よこやま 勅使河原:てしがわら "
    # Variant kanji: keyers must keep them exactly (髙 is not 高, 﨑 is not 崎, 邊 is not 辺).
    "髙橋:たかはし 髙木:たかぎ 宮﨑:みやざき 山﨑:やまざき 渡邊:わたなべ 齋藤:さいとう 渡邉:わたなべ 濵田:はまだ "
    "德永:とくなが 栁田:やなぎだ")
GIVENS = _pairs(
    "太郎:たろう 次郎:じろう 浩二:こうじ 博:ひろし 達也:たつや 陽子:ようこ 麻衣:まい 信也:しんや 優子:ゆうこ "
    "光男:みつお 圭:けい 奈々:なな 大樹:だいき 勝:まさる 由美子:ゆみこ 健一:けんいち 誠:まこと 直樹:なおき 恵美:えみ "
    "翔太:しょうた 美穂:みほ 隆:たかし 智子:ともこ 一郎:いちろう 拓也:たくや 真由美:まゆみ 修:おさむ 彩:あや "
    "亮介:りょうすけ 順子:じゅんこ")
COMPANIES = ("かもめ電機株式会社", "青葉ネットワークス株式会社", "Yonyon株式会社", "株式会社ひまわりフーズ",
             "ＫＭＴ精工株式会社", "東雲ロジスティクス株式会社", "株式会社みなと建設", "北斗化学工業株式会社",
             "さくら情報システム株式会社", "ＡＢＣホールディングス株式会社")
GROUP_COMPANIES = ("ＴＭサービス株式会社", "北斗ロジスティクス株式会社", "株式会社ミライテック", "青葉ファイナンス株式会社")
# Department:kind of post it takes ("_" is a space); ASCII letters/digits print full-width in some files.
DEPTS = tuple((d.replace("_", " "), k) for d, k in _pairs(
    "営業部:bu 第2営業部:bu 人事部:bu 総務部:bu 経理部:bu 法務部:bu 購買部:bu 製造部:bu 品質保証部:bu 海外事業部:bu "
    "マーケティング部:bu 情報システム部:bu 研究開発部:bu 管理本部_広報部:bu 経営企画室:shitsu DX推進室:shitsu "
    "内部監査室:shitsu 東京支店:shiten 名古屋支店:shiten 大阪支店:shiten 福岡営業所:sho 仙台営業所:sho "
    "物流センター:center IT本部:honbu"))
POSTS = {  # highest rank first, so a promotion goes to a lower index
    "bu": ("部長", "副部長", "次長", "課長", "課長代理", "係長"), "shitsu": ("室長", "副室長", "課長"),
    "shiten": ("支店長", "副支店長", "課長"), "sho": ("所長", "副所長", "係長"),
    "center": ("センター長", "副センター長"), "honbu": ("本部長", "副本部長")}
OUTSIDE = (("みらい監査法人", "パートナー"), ("Ｙｏｎｙｏｎシステムズ株式会社", "取締役"), ("東都大学大学院", "教授"),
           ("株式会社しらかば銀行", "常務執行役員"), ("ミナト商事株式会社", "代表取締役社長"))
ADDRESSEES = ("各位", "社員各位", "従業員各位", "関係者各位")

# ---------------------------------------------------------------- text helpers
# Only letters and digits go full-width in running words (brackets stay as printed).
_FULLWIDTH = str.maketrans({chr(c): fullwidth(chr(c)) for c in range(0x21, 0x7F) if chr(c).isalnum()})


def kana_as(hira: str, style: str) -> str:
    """Print a hiragana reading as hiragana, katakana or half-width katakana."""
    if style == "hira":
        return hira
    return to_katakana(hira) if style == "kata" else to_halfwidth_katakana(hira)


def tw(s: str, size: float) -> float:
    """Advance width: ASCII and half-width katakana 1/2 em (the /W array we write), the rest 1 em."""
    return sum(size * (0.5 if ord(c) < 0x7F or 0xFF61 <= ord(c) <= 0xFF9F else 1.0) for c in s)


def wrap_words(s: str, max_w: float, size: float) -> list[tuple[int, str]]:
    """Break a cell only between words (the README promise); returns (start offset, line)."""
    lines: list[tuple[int, str]] = []
    start = end = None
    for m in re.finditer(r"[^ \u3000]+", s):
        if start is not None and tw(s[start:m.end()], size) > max_w:
            lines.append((start, s[start:end]))
            start = None
        if start is None:
            start = m.start()
        end = m.end()
    if start is not None:
        lines.append((start, s[start:end]))
    return lines or [(0, "")]


def format_date(d: date, style: str) -> str:
    """Styles: western, western_fw, era, era_fw (令和/平成, 元年), slash (2025/4/1)."""
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    s = f"{d.year}年{d.month}月{d.day}日"
    if style.startswith("era"):
        era, n = format_era(d)
        s = f"{era}{'元' if n == 1 else n}年{d.month}月{d.day}日"
    return fullwidth(s) if style.endswith("_fw") else s


class Atom(str):
    """A run of prose (a date) that a paragraph must not break."""


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class Person:
    family: str
    given: str
    kana_family: str
    kana_given: str


@dataclass
class Rec:
    person: Person
    eff: date
    company: str            # as printed (or the announcing company)
    new: str                # printed new post; "" for a departure
    old: str                # printed old post without 現/当社/employer
    depart: str = ""        # printed departure word (退任 / 退職 / 退任予定)
    kana: bool = True       # the reading is printed
    changed: bool = True    # roster rows that are not underlined are not records
    ul: tuple[int, int] | None = None  # underlined span of `new` in roster tables

    def truth(self) -> dict[str, str]:
        p = self.person
        return {"effective_date": self.eff.isoformat(), "family_name": p.family, "given_name": p.given,
                "company": norm_text(self.company), "family_name_kana": p.kana_family if self.kana else "",
                "given_name_kana": p.kana_given if self.kana else "",
                "new_post": "退任" if self.depart else norm_text(self.new), "old_post": norm_text(self.old)}


@dataclass
class Ctx:
    """Per-document choices of how things are printed."""
    rng: random.Random
    company: str
    people: list[Person]
    sp: str = " "                 # space between words: ASCII or ideographic
    fw: bool = False              # ASCII letters/digits printed full-width
    joined: bool = False          # 営業部長 instead of 営業部 部長
    date_style: str = "era"
    name_sep: str = "\u3000"
    reading: str = "hira"
    header: bool = False
    numbered: bool = False

    def date(self, d: date) -> Atom:
        return Atom(format_date(d, self.date_style))

    def words(self, *ws: str) -> str:
        s = self.sp.join(w.replace(" ", self.sp) for w in ws if w)
        return s.translate(_FULLWIDTH) if self.fw else s

    def person(self) -> Person:
        return self.people.pop()

    def name(self, p: Person, sep: str | None = None) -> str:
        return p.family + (self.name_sep if sep is None else sep) + p.given

    def ruby(self, p: Person) -> str:
        rsep = " " if self.reading == "half" else self.rng.choice((" ", "\u3000"))
        return kana_as(p.kana_family, self.reading) + rsep + kana_as(p.kana_given, self.reading)

    def dept_post(self, dept: tuple[str, str] | None = None, rank: int | None = None) -> str:
        name, kind = dept or self.rng.choice(DEPTS)
        posts = POSTS[kind]
        post = posts[self.rng.randrange(len(posts)) if rank is None else min(rank, len(posts) - 1)]
        if self.joined and name.endswith("部") and post == "部長":
            return self.words(name + "長")
        return self.words(name, post)

    def change(self, kinds: str = "ptcohd") -> tuple[str, str, str]:
        """(new, old, departure word) for p=promotion t=transfer c=concurrent o=officer h=hire d=departure."""
        r, kind = self.rng, self.rng.choice(kinds)
        dept = r.choice(DEPTS)
        if kind == "p" and len(POSTS[dept[1]]) > 1:
            hi = r.randrange(len(POSTS[dept[1]]) - 1)
            return self.dept_post(dept, hi), self.dept_post(dept, r.randrange(hi + 1, len(POSTS[dept[1]]))), ""
        if kind == "c":
            old = extra = self.dept_post(dept)
            while extra[:3] == old[:3]:  # the added post is in another department
                extra = self.dept_post()
            return old + self.sp + "兼" + self.sp + extra, old, ""
        if kind == "o":
            old = self.dept_post(dept, 0)
            return self.words(r.choice(("執行役員", "常務執行役員"))) + self.sp + old, old, ""
        if kind == "h":
            return self.dept_post(), "", ""
        if kind == "d":
            return "", self.dept_post(), r.choice(("退任", "退職"))
        new = old = ""
        while new == old:  # a transfer must change something
            new, old = self.dept_post(), self.dept_post()
        return new, old, ""


# ---------------------------------------------------------------- canvas
BLACK, GRAY = (0, 0, 0), (0.45, 0.45, 0.45)
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 56.0, 539.0, 64.0, 770.0


class Canvas:
    """A PyMuPDF document with a y cursor, a running header and page numbers."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.doc = pymupdf.open()
        self.new_page()

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = TOP
        if self.ctx.header:
            self.text(RIGHT - tw(self.ctx.company, 8), 40, self.ctx.company, 8, color=GRAY)
            self.page.draw_line((LEFT, 45), (RIGHT, 45), color=GRAY, width=0.5)
            self.y = TOP + 10

    def text(self, x: float, y: float, s: str, size: float = 10.5, bold: bool = False, color=BLACK) -> None:
        if not s:
            return
        extra = {"render_mode": 2, "border_width": 0.04, "fill": color} if bold else {}
        self.page.insert_text((x, y), s, fontname="japan", fontsize=size, color=color, **extra)

    def line_right(self, s: str, size: float = 10.5, gap: float = 17) -> None:
        self.y += gap
        self.text(RIGHT - tw(s, size), self.y, s, size)

    def line_left(self, s: str, size: float = 10.5, gap: float = 17, x: float = LEFT) -> None:
        self.y += gap
        self.text(x, self.y, s, size)

    def title(self, s: str, size: float = 14) -> None:
        self.y += 34
        self.text((PAGE_W - tw(s, size)) / 2, self.y, s, size, bold=True)
        self.y += 8

    def center(self, s: str, size: float = 10.5, gap: float = 20) -> None:
        self.y += gap
        self.text((PAGE_W - tw(s, size)) / 2, self.y, s, size)

    def para(self, *parts: str, size: float = 10.5) -> None:
        """Prose wrapped at the right margin anywhere except inside an Atom (a date)."""
        tokens = [t for p in parts for t in ([p] if isinstance(p, Atom) else list(p))]
        line, width = "\u3000", tw("\u3000", size)
        for t in tokens:
            if width + tw(t, size) > RIGHT - LEFT:
                self.line_left(line, size)
                line, width = "", 0.0
            line, width = line + t, width + tw(t, size)
        self.line_left(line, size)

    def finish(self, title: str) -> tuple[bytes, int]:
        pages = self.doc.page_count
        for page in self.doc:
            if self.ctx.numbered:
                s = f"- {page.number + 1} -"
                page.insert_text(((PAGE_W - tw(s, 8.5)) / 2, PAGE_H - 34), s, fontname="japan", fontsize=8.5)
            page.clean_contents()  # one content stream per page instead of one per insert
        self._half_width_ascii()
        self.doc.set_metadata({"title": title, "producer": "TwoMatch samplegen", "creator": "",
                               "creationDate": "", "modDate": "", "author": "", "subject": "", "keywords": ""})
        return self.doc.tobytes(garbage=3, deflate=True, no_new_id=True), pages

    def _half_width_ascii(self) -> None:
        # PyMuPDF writes the unembedded CID font without /W, so every glyph is 1 em and ASCII looks
        # letter-spaced. Adobe-Japan1 CIDs 1-95 (ASCII) and 231-389 (half-width forms) are 1/2 em.
        done: set[int] = set()
        for page in self.doc:
            for font in page.get_fonts():
                kind, value = self.doc.xref_get_key(font[0], "DescendantFonts")
                m = re.search(r"(\d+) 0 R", value) if kind == "array" else None
                if m and int(m.group(1)) not in done:
                    done.add(int(m.group(1)))
                    self.doc.xref_set_key(int(m.group(1)), "W", "[1 95 500 231 389 500]")


@dataclass
class Cell:
    text: str
    ruby: str = ""
    ul: tuple[int, int] | None = None
    center: bool = False


def draw_table(cv: Canvas, widths: list[float], header: list[str], rows: list[list[Cell]],
               break_after: int | None = None, size: float = 9.5) -> None:
    """Ruled table; breaks to a new page (header repeated, （次頁へ続く）) when full or asked to."""
    xs = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]

    def head() -> None:
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 18), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
        for i, h in enumerate(header):
            cv.text((xs[i] + xs[i + 1] - tw(h, size)) / 2, cv.y + 13, h, size, bold=True)
            cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 18), width=0.6)
        cv.y += 18

    cv.y += 6
    head()
    for r, row in enumerate(rows):
        # A word is never broken, so a cell whose longest word is too wide is set smaller instead.
        sizes = [min([size] + [size * (w - 10) / tw(word, size) for word in c.text.split()])
                 for c, w in zip(row, widths)]
        cells = [wrap_words(c.text, widths[i] - 10, sizes[i]) for i, c in enumerate(row)]
        ruby = 8.0 if any(c.ruby for c in row) else 0.0
        h = max(len(c) for c in cells) * (size + 4) + ruby + 9
        if r == break_after or cv.y + h > BOTTOM - 20:
            cv.text(RIGHT - tw("（次頁へ続く）", 9), cv.y + 14, "（次頁へ続く）", 9)
            cv.new_page()
            cv.y += 10
            head()
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
        for i, (cell, lines) in enumerate(zip(row, cells)):
            cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + h), width=0.6)
            if cell.ruby:
                cv.text(xs[i] + 5, cv.y + 9, cell.ruby, 6.5)
            fs = sizes[i]
            for k, (start, s) in enumerate(lines):
                x = (xs[i] + xs[i + 1] - tw(s, fs)) / 2 if cell.center else xs[i] + 5
                base = cv.y + ruby + 4 + (k + 1) * (size + 4) - 3
                cv.text(x, base, s, fs)
                if cell.ul:  # underline the part of this line inside the changed span
                    a, b = max(cell.ul[0], start), min(cell.ul[1], start + len(s))
                    if a < b:
                        x0 = x + tw(s[:a - start], fs)
                        cv.page.draw_line((x0, base + 2), (x0 + tw(s[a - start:b - start], fs), base + 2), width=0.7)
        cv.y += h


# ---------------------------------------------------------------- layouts
def _dates(ctx: Ctx) -> tuple[date, date, date]:
    """(effective, announcement, board meeting): the last two are printed distractors."""
    r = ctx.rng
    year = r.choice((2019, 2019, 2021, 2023, 2024, 2025, 2025, 2026))
    eff = date(year, r.choice((1, 4, 4, 6, 7, 10, 12)), r.choice((1, 1, 1, 16)))
    announce = eff - timedelta(days=r.randint(8, 40))
    return eff, announce, announce - timedelta(days=r.randint(0, 6))


def _letterhead(cv: Canvas, ctx: Ctx, announce: date, company: bool = True) -> None:
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(ctx.rng.choice(ADDRESSEES))
    if company:
        cv.line_right(ctx.company)
        cv.line_right("人事部")


def layout_table_kana(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = _dates(ctx)
    _letterhead(cv, ctx, announce, company=False)  # the company is in the footer signature
    cv.title(f"人事異動（{ctx.date(eff)}付）")
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり人事異動を決議いたしましたので、お知らせいたします。")
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        recs.append(Rec(ctx.person(), eff, ctx.company, new, old, dep))
    rows = [[Cell(ctx.name(r.person), ruby=ctx.ruby(r.person)), Cell(r.depart or r.new), Cell(r.old)] for r in recs]
    split = n - ctx.rng.randint(2, 4) if n >= 7 and ctx.rng.random() < 0.6 else None
    draw_table(cv, [130, 177, 176], ["氏名", "新役職", "旧役職"], rows, break_after=split)
    cv.line_right("以上", gap=22)
    sig = f"会社名　{ctx.company}　　代表者名　代表取締役社長　{ctx.name(ctx.person(), chr(0x3000))}"
    cv.text(RIGHT - tw(sig, 9), PAGE_H - 60, sig, 9)
    return recs


def layout_roster_underline(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = _dates(ctx)
    _letterhead(cv, ctx, announce)
    cv.title("組織体制変更のお知らせ")
    cv.para(ctx.date(eff), "付で下記のとおり体制を変更いたしますので、お知らせいたします。なお、本件は",
            ctx.date(board), "開催の取締役会で決議されたものです。")
    cv.center("記")
    cv.line_left(f"（{ctx.date(eff)}付）")
    cv.line_right("（下線部：変更箇所）", 9, gap=14)
    rows: list[Rec] = []
    for _ in range(n):
        new, old, _dep = ctx.change("ptc")
        if new.startswith(old) and old:  # concurrent post added: underline only the added part
            ul = (len(old) + 1, len(new))
        elif old and new.split(ctx.sp)[:-1] == old.split(ctx.sp)[:-1] and ctx.sp in new:
            ul = (new.rindex(ctx.sp) + 1, len(new))  # same department: underline the post only
        else:
            ul = (0, len(new))
        rows.append(Rec(ctx.person(), eff, ctx.company, new, old, ul=ul))
    for _ in range(ctx.rng.randint(1, max(1, min(4, 14 - n)))):
        same = ctx.dept_post()
        rows.insert(ctx.rng.randint(0, len(rows)), Rec(ctx.person(), eff, ctx.company, same, same, changed=False))
    cells = [[Cell(ctx.name(r.person), ruby=ctx.ruby(r.person)), Cell(r.new, ul=r.ul), Cell(r.old)] for r in rows]
    draw_table(cv, [125, 180, 178], ["氏名", "新役職", "旧役職"], cells)
    cv.line_right("以上", gap=22)
    return [r for r in rows if r.changed]


def layout_multi_date(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = _dates(ctx)
    k = 1 if n == 1 else r.randint(2, min(3, n))
    effs = [date(eff.year + (eff.month + i - 1) // 12, (eff.month + i - 1) % 12 + 1, eff.day) for i in range(k)]
    _letterhead(cv, ctx, announce)
    cv.title("人事異動のお知らせ")
    cv.para(ctx.date(board), "開催の取締役会の決議に基づき、下記のとおり人事異動を発令いたします。")
    if r.random() < 0.5:
        org = effs[-1] + timedelta(days=r.choice((14, 31)))
        cv.para("なお、", ctx.date(org), "付で", ctx.words(r.choice(("データ戦略室", "サステナビリティ推進部"))),
                "を新設いたします。")
    cv.center("記")
    name_first, with_company = r.random() < 0.5, r.random() < 0.35
    cuts = sorted(r.sample(range(1, n), k - 1)) if k > 1 else []
    recs: list[Rec] = []
    for i, (a, b) in enumerate(zip([0] + cuts, cuts + [n])):
        cv.line_left(f"{'１２３'[i]}．　{ctx.date(effs[i])}付", gap=26)
        rows = []
        for _ in range(b - a):
            new, old, dep = ctx.change()
            co = r.choice(GROUP_COMPANIES) if with_company and r.random() < 0.4 else "当社"
            rec = Rec(ctx.person(), effs[i], ctx.company if co == "当社" else co, new, old, dep, kana=False)
            p = rec.person
            pad = "\u3000" * max(1, 4 - len(p.family) - len(p.given))  # 均等割り
            name = Cell(p.family + (pad if r.random() < 0.5 else ctx.sp) + p.given, center=True)
            posts = [Cell(rec.depart or rec.new), Cell(rec.old)]
            extra = [Cell(co, center=True)] if with_company else []
            rows.append([name, *extra, *posts] if name_first else [*posts, name, *extra])
            recs.append(rec)
        cols = ["氏名", *(["所属会社"] if with_company else []), "新職", "旧職"]
        widths = [100, *([130] if with_company else []), 0, 0]
        rest = (RIGHT - LEFT - sum(widths)) / 2
        widths = [w or rest for w in widths]
        if not name_first:
            cols, widths = cols[-2:] + cols[:-2], widths[-2:] + widths[:-2]
        draw_table(cv, widths, cols, rows)
    cv.line_right("以上", gap=22)
    return recs


def layout_two_column(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    eff, announce, board = _dates(ctx)
    _letterhead(cv, ctx, announce)
    cv.title("人事異動")
    cv.para(ctx.date(board), "開催の取締役会において、下記のとおり人事異動を決定いたしました。")
    cv.center(f"発令日：{ctx.date(eff)}", gap=24)
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        recs.append(Rec(ctx.person(), eff, ctx.company, new, old, dep))
    half, top, col_w = (n + 1) // 2, cv.y + 14, (RIGHT - LEFT) / 2 - 18
    bottom = top
    open_, close = ("(", ")") if ctx.reading == "half" else ("（", "）")
    for i, rec in enumerate(recs):
        x = LEFT if i < half else LEFT + (RIGHT - LEFT) / 2 + 12
        if i in (0, half):
            cv.y = top
        cv.line_left(f"{i + 1}.　{ctx.name(rec.person)}{open_}{ctx.ruby(rec.person)}{close}", gap=20, x=x)
        lines = [("新：", rec.depart or rec.new)] + ([("旧：", rec.old)] if rec.old else [])
        for label, value in lines:
            for k, (_s, s) in enumerate(wrap_words(value, col_w - 30, 9.5)):
                cv.line_left((label if k == 0 else "") + s, 9.5, gap=14, x=x + 12 + (19 if k else 0))
        cv.y += 8
        bottom = max(bottom, cv.y)
    cv.page.draw_line((PAGE_W / 2 + 3, top), (PAGE_W / 2 + 3, bottom), color=GRAY, width=0.5)
    cv.y = bottom
    cv.line_right("以上", gap=22)
    return recs


def layout_officer_text(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    year = r.choice((2019, 2021, 2024, 2025, 2026))
    agm = date(year, 6, r.randint(20, 28))
    announce = board = agm - timedelta(days=r.randint(35, 55))
    later = date(year, 7, 1)
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(r.choice(("各位", "株主各位")))
    x = 300.0
    rep, contact = ctx.person(), ctx.person()
    for s in (f"会 社 名　{ctx.company}", f"代表者名　代表取締役社長　{ctx.name(rep)}",
              f"　　（コード番号：{r.randint(1300, 9999)}　東証{r.choice(('プライム', 'スタンダード', 'グロース'))}）",
              f"問合せ先　取締役 管理本部長　{ctx.name(contact)}",
              f"　　（ＴＥＬ．0{r.randint(3, 6)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}）"):
        cv.line_left(s, 9.5, gap=15, x=x)
    cv.title("役員の異動に関するお知らせ")
    cv.para("当社は、", ctx.date(board), "開催の取締役会において、下記のとおり役員の異動を内定いたしましたので、"
            "お知らせいたします。なお、取締役及び監査役の選任につきましては、", ctx.date(agm),
            "開催予定の定時株主総会において正式に決定される予定です。")
    cv.center("記")
    kinds = sorted(r.sample("ABCDE", min(n, r.randint(1, 3))))
    cuts = sorted(r.sample(range(1, n), len(kinds) - 1)) if len(kinds) > 1 else []
    marks = r.choice((("（１）", "（２）", "（３）"), ("①", "②", "③"), ("1.", "2.", "3.")))
    recs: list[Rec] = []
    for i, (kind, count) in enumerate(zip(kinds, [b - a for a, b in zip([0] + cuts, cuts + [n])])):
        recs += _officer_section(cv, ctx, kind, count, marks[i], agm, later)
    cv.line_right("以　上", gap=24)
    return recs


def _officer_section(cv: Canvas, ctx: Ctx, kind: str, count: int, mark: str, agm: date, later: date) -> list[Rec]:
    r, sp = ctx.rng, ctx.sp
    heading, post = {"A": ("新任取締役候補", "取締役"), "B": ("新任監査役候補", "監査役"),
                     "C": (r.choice(("退任予定取締役", "退任予定監査役")), ""),
                     "D": ("新任執行役員", ""), "E": ("役付取締役の異動", "")}[kind]
    eff = later if kind == "D" else agm
    note = "" if kind == "C" else "\u3000（）内は現職"
    cv.line_left(f"{mark}\u3000{heading}【{ctx.date(eff)}付{note}】", gap=24)
    recs, notes = [], []
    for _ in range(count):
        p = ctx.person()
        name = ctx.name(p)
        prefix = r.choice(("現", "現職", "当社")) + sp
        if kind in "AB" and r.random() < 0.45:  # outside candidate: employer in parentheses, not the company
            employer, old = r.choice(OUTSIDE)
            line, new = f"{name}（{employer}{sp}{ctx.words(old)}）※", post
            notes.append(f"※{sp}{name}氏は、社外{post}候補者であります。")
        elif kind in "AB":
            old = ctx.dept_post(rank=0) if r.random() < 0.5 else ctx.words("執行役員") + sp + ctx.dept_post(rank=0)
            line, new = f"{name}（{prefix}{old}）", post
        elif kind == "C":
            old = ctx.words(r.choice(("取締役", "常務取締役", "社外取締役") if "取締役" in heading
                                     else ("監査役", "常勤監査役", "社外監査役")))
            line, new = f"{name}（{prefix}{old}）", ""
        elif kind == "D":
            old = ctx.dept_post(rank=0)
            new = ctx.words("執行役員") + sp + old if r.random() < 0.6 else ctx.words("執行役員") + sp + ctx.dept_post(rank=0)
            line = f"{new}{sp}{name}（{old}）"
        else:
            new, old = r.choice((("常務取締役", "取締役"), ("専務取締役", "常務取締役"), ("取締役常務執行役員", "取締役")))
            line = f"{new}{sp}{name}（{r.choice(('現', '現職'))}{sp}{old}）"
        dep = "退任予定" if kind == "C" else ""
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
        cv.line_left(line, gap=18, x=LEFT + 14)
    for s in notes:
        cv.line_left(s, 8.5, gap=14, x=LEFT + 14)
    return recs


BUILDERS = {"table_kana": layout_table_kana, "officer_text": layout_officer_text,
            "roster_underline": layout_roster_underline, "multi_date": layout_multi_date,
            "two_column": layout_two_column}
MAX_RECORDS = {"officer_text": 8}


# ---------------------------------------------------------------- public API
def _context(rng: random.Random, layout: str, turn: int) -> Ctx:
    people = [Person(f, g, fk, gk) for (f, fk), (g, gk) in
              zip(rng.sample(FAMILIES, 20), (rng.choice(GIVENS) for _ in range(20)))]
    # Rotated, not drawn, so any ten files show hiragana, katakana and half-width readings.
    reading = ("half", "hira", "kata")[(turn + (layout == "two_column")) % 3]
    name_sep = rng.choice((" ", "\u3000", ""))
    if layout == "roster_underline":
        name_sep, reading = rng.choice(("", "", "\u3000")), rng.choice(("hira", "kata"))
    elif layout in ("officer_text", "multi_date") and not name_sep:
        name_sep = "\u3000"  # no reading printed there, so the name must carry its own split
    return Ctx(rng=rng, company=rng.choice(COMPANIES), people=people, sp=rng.choice((" ", "\u3000")),
               fw=rng.random() < 0.3, joined=rng.random() < 0.3,
               date_style=rng.choice(("western", "western_fw", "era", "era", "era_fw", "slash")),
               name_sep=name_sep, reading=reading, header=rng.random() < 0.4, numbered=rng.random() < 0.5)


def build_document(seed: int, index: int) -> tuple[str, bytes, dict, int]:
    """One document: (layout, PDF bytes, ground truth, pages). `index` is 0-based."""
    layout = LAYOUTS[index % len(LAYOUTS)]
    rng = random.Random(f"twomatch-samplegen:{seed}:{index}")
    ctx = _context(rng, layout, seed + index // len(LAYOUTS))
    n = rng.randint(1, MAX_RECORDS.get(layout, 12))
    cv = Canvas(ctx)
    recs = BUILDERS[layout](cv, ctx, n)
    pdf, pages = cv.finish(f"personnel_change {layout} {index + 1:02d}")
    return layout, pdf, {"document_type": DOCUMENT_TYPE, "records": [r.truth() for r in recs]}, pages


def build_samples(out_dir: Path, *, seed: int = 0, count: int = 10) -> list[Path]:
    """Write NN.pdf + NN.json (+ manifest.csv) to out_dir; returns the PDF paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, manifest = [], [("stem", "layout", "records", "pages", "bytes")]
    for i in range(count):
        layout, pdf, truth, pages = build_document(seed, i)
        stem = f"{i + 1:02d}"
        (out_dir / f"{stem}.pdf").write_bytes(pdf)
        (out_dir / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(out_dir / f"{stem}.pdf")
        manifest.append((stem, layout, len(truth["records"]), pages, len(pdf)))
    with open(out_dir / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(manifest)
    return paths


def build_scanned_sample(out_path: Path, *, seed: int = 0) -> Path:
    """A one-page PDF whose page is only an image (a 'scan'): no text layer at all."""
    _layout, pdf, _truth, _pages = build_document(seed, 0)
    with pymupdf.open("pdf", pdf) as src:
        pix = src[0].get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_image(page.rect, pixmap=pix)
    doc.set_metadata({"title": "scanned personnel_change", "producer": "TwoMatch samplegen",
                      "creationDate": "", "modDate": ""})
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(doc.tobytes(garbage=3, deflate=True, no_new_id=True))
    return out_path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write synthetic personnel-change PDFs with ground-truth JSON.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--scanned", action="store_true", help="also write scanned.pdf (image only, no text)")
    args = ap.parse_args(argv)
    for p in build_samples(args.out_dir, seed=args.seed, count=args.count):
        print(p)
    if args.scanned:
        print(build_scanned_sample(args.out_dir / "scanned.pdf", seed=args.seed))


if __name__ == "__main__":
    main()
