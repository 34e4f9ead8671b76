"""The drawing and record machinery shared by every form of TwoMatch's sample generator.

A form (samplegen/forms, samplegen/heldout) is a function that prints one announcement on a
`Canvas` and returns the `Rec`s it printed, in reading order. The ground truth is derived from
the very strings that are printed (NFKC + folded whitespace), so the truth cannot drift from the
PDF; only the README's semantic rules (退任, heading posts, dropped 現/当社/employer prefixes) are
applied on top. Output is byte-identical for a seed, so tests can generate fresh documents.
"""
from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Sequence

import pymupdf

from dataentry.normalization import norm_text  # the truth is normalised by the app's own rules
from jptext import ERAS, format_era, fullwidth, to_halfwidth_katakana, to_katakana

DOCUMENT_TYPE = "personnel_change"


def pairs(s: str) -> tuple[tuple[str, str], ...]:
    """"漢字:かな 漢字:かな" → ((漢字, かな), ...)."""
    return tuple(tuple(w.split(":")) for w in s.split())  # type: ignore[misc]


@dataclass(frozen=True)
class Vocab:
    """The words a set of forms draws from; the held-out set has its own."""
    families: tuple[tuple[str, str], ...]
    givens: tuple[tuple[str, str], ...]
    companies: tuple[str, ...]
    group_companies: tuple[str, ...]
    depts: tuple[tuple[str, str], ...]          # (department, kind of post it takes)
    posts: dict[str, tuple[str, ...]]           # kind → posts, highest rank first
    outside: tuple[tuple[str, str], ...]        # (outside employer, post there)
    addressees: tuple[str, ...]
    new_units: tuple[str, ...]                  # units named in organisational-change text


# ---------------------------------------------------------------- text helpers
# Only letters and digits go full-width in running words (brackets stay as printed).
_FULLWIDTH = str.maketrans({chr(c): fullwidth(chr(c)) for c in range(0x21, 0x7F) if chr(c).isalnum()})


def kana_as(hira: str, style: str) -> str:
    """Print a hiragana reading as hiragana, katakana or half-width katakana (jptext)."""
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


def _era(d: date) -> tuple[str, str, int]:
    """(era name, its initial, year of the era) from jptext's one era table."""
    name, n = format_era(d)
    return name, next(e.letter for e in ERAS if e.name == name), n


def format_date(d: date, style: str) -> str:
    """Styles: western, western_fw, era, era_fw (令和/平成, 元年), slash (2025/4/1), slash0 (2025/04/01),
    dot (2025.4.1), initial (R7.4.1, H31.4.1), era_sp (令和 7年 4月 1日, figures padded)."""
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "slash0":
        return f"{d.year}/{d.month:02d}/{d.day:02d}"
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "initial":
        _name, initial, n = _era(d)
        return f"{initial}{n}.{d.month}.{d.day}"
    if style == "era_sp":
        name, _initial, n = _era(d)
        return f"{name}{'元' if n == 1 else f'{n:2d}'}年{d.month:2d}月{d.day:2d}日"
    s = f"{d.year}年{d.month}月{d.day}日"
    if style.startswith("era"):
        era, _initial, n = _era(d)
        s = f"{era}{'元' if n == 1 else n}年{d.month}月{d.day}日"
    return s.translate(_FULLWIDTH) if style.endswith("_fw") else s


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
    vocab: Vocab
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

    def padded(self, p: Person, width: int = 4) -> str:
        """均等割り: the name padded with ideographic spaces to `width` characters (at least one)."""
        return p.family + "\u3000" * max(1, width - len(p.family) - len(p.given)) + p.given

    def named(self, p: Person, reading: bool) -> str:
        """The name as printed when a reading may follow: without a reading the name needs a split."""
        sep = self.name_sep if reading or self.name_sep else "\u3000"
        return self.name(p, sep)

    def ruby(self, p: Person) -> str:
        rsep = " " if self.reading == "half" else self.rng.choice((" ", "\u3000"))
        return kana_as(p.kana_family, self.reading) + rsep + kana_as(p.kana_given, self.reading)

    def dept_post(self, dept: tuple[str, str] | None = None, rank: int | None = None) -> str:
        name, kind = dept or self.rng.choice(self.vocab.depts)
        posts = self.vocab.posts[kind]
        post = posts[self.rng.randrange(len(posts)) if rank is None else min(rank, len(posts) - 1)]
        if self.joined and name.endswith("部") and post == "部長":
            return self.words(name + "長")
        return self.words(name, post)

    def change(self, kinds: str = "ptcohd") -> tuple[str, str, str]:
        """(new, old, departure word) for p=promotion t=transfer c=concurrent o=officer h=hire d=departure."""
        r, kind = self.rng, self.rng.choice(kinds)
        dept = r.choice(self.vocab.depts)
        ranks = len(self.vocab.posts[dept[1]])
        if kind == "p" and ranks > 1:
            hi = r.randrange(ranks - 1)
            return self.dept_post(dept, hi), self.dept_post(dept, r.randrange(hi + 1, ranks)), ""
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

    def __init__(self, ctx: Ctx, landscape: bool = False):
        self.ctx = ctx
        self.w, self.h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
        self.left, self.top = LEFT, TOP
        # Landscape keeps the portrait margins.
        self.right, self.bottom = (PAGE_H - (PAGE_W - RIGHT), PAGE_W - (PAGE_H - BOTTOM)) if landscape else (RIGHT, BOTTOM)
        self.doc = pymupdf.open()
        self.new_page()

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=self.w, height=self.h)
        self.y = self.top
        if self.ctx.header:
            self.text(self.right - tw(self.ctx.company, 8), 40, self.ctx.company, 8, color=GRAY)
            self.page.draw_line((self.left, 45), (self.right, 45), color=GRAY, width=0.5)
            self.y = self.top + 10

    def text(self, x: float, y: float, s: str, size: float = 10.5, bold: bool = False, color=BLACK) -> None:
        if not s:
            return
        extra = {"render_mode": 2, "border_width": 0.04, "fill": color} if bold else {}
        self.page.insert_text((x, y), s, fontname="japan", fontsize=size, color=color, **extra)

    def line_right(self, s: str, size: float = 10.5, gap: float = 17) -> None:
        self.y += gap
        self.text(self.right - tw(s, size), self.y, s, size)

    def line_left(self, s: str, size: float = 10.5, gap: float = 17, x: float | None = None) -> None:
        self.y += gap
        self.text(self.left if x is None else x, self.y, s, size)

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` more points fit above the bottom margin."""
        if self.y + height > self.bottom:
            self.new_page()

    def title(self, s: str, size: float = 14) -> None:
        self.y += 34
        self.text((self.w - tw(s, size)) / 2, self.y, s, size, bold=True)
        self.y += 8

    def center(self, s: str, size: float = 10.5, gap: float = 20) -> None:
        self.y += gap
        self.text((self.w - tw(s, size)) / 2, self.y, s, size)

    def para(self, *parts: str, size: float = 10.5, kinsoku: bool = False) -> None:
        """Prose wrapped at the right margin anywhere except inside an Atom (a date). With
        `kinsoku`, punctuation never starts a line (it hangs into the margin instead)."""
        tokens = [t for p in parts for t in ([p] if isinstance(p, Atom) else list(p))]
        line, width = "\u3000", tw("\u3000", size)
        for t in tokens:
            if width + tw(t, size) > self.right - self.left and not (kinsoku and t in "、。，．）」』"):
                self.line_left(line, size)
                line, width = "", 0.0
            line, width = line + t, width + tw(t, size)
        self.line_left(line, size)

    def finish(self, title: str) -> tuple[bytes, int]:
        pages = self.doc.page_count
        for page in self.doc:
            if self.ctx.numbered:
                s = f"- {page.number + 1} -"
                page.insert_text(((self.w - tw(s, 8.5)) / 2, self.h - 34), s, fontname="japan", fontsize=8.5)
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
    xs = [cv.left + sum(widths[:i]) for i in range(len(widths) + 1)]

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
        if r == break_after or cv.y + h > cv.bottom - 20:
            cv.text(cv.right - tw("（次頁へ続く）", 9), cv.y + 14, "（次頁へ続く）", 9)
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


# ---------------------------------------------------------------- forms and sets
@dataclass(frozen=True)
class Form:
    """One layout: `build(cv, ctx, n)` prints n records (or about n) and returns them."""
    name: str
    build: Callable[["Canvas", Ctx, int], list[Rec]]
    max_records: int = 12
    landscape: bool = False
    setup: Callable[[Ctx], None] | None = None  # adjust the printing choices before drawing


def dates(ctx: Ctx) -> tuple[date, date, date]:
    """(effective, announcement, board meeting): the last two are printed distractors."""
    r = ctx.rng
    year = r.choice((2019, 2019, 2021, 2023, 2024, 2025, 2025, 2026))
    eff = date(year, r.choice((1, 4, 4, 6, 7, 10, 12)), r.choice((1, 1, 1, 16)))
    announce = eff - timedelta(days=r.randint(8, 40))
    return eff, announce, announce - timedelta(days=r.randint(0, 6))


def letterhead(cv: Canvas, ctx: Ctx, announce: date, company: bool = True) -> None:
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_left(ctx.rng.choice(ctx.vocab.addressees))
    if company:
        cv.line_right(ctx.company)
        cv.line_right("人事部")


def make_context(rng: random.Random, form: Form, turn: int, vocab: Vocab) -> Ctx:
    """The per-document printing choices. The draw order is fixed: changing it changes every file."""
    layout = form.name
    people = [Person(f, g, fk, gk) for (f, fk), (g, gk) in
              zip(rng.sample(vocab.families, 20), (rng.choice(vocab.givens) for _ in range(20)))]
    # Rotated, not drawn, so any ten files show hiragana, katakana and half-width readings.
    reading = ("half", "hira", "kata")[(turn + (layout == "two_column")) % 3]
    name_sep = rng.choice((" ", "\u3000", ""))
    if layout == "roster_underline":
        name_sep, reading = rng.choice(("", "", "\u3000")), rng.choice(("hira", "kata"))
    elif layout in ("officer_text", "multi_date") and not name_sep:
        name_sep = "\u3000"  # no reading printed there, so the name must carry its own split
    ctx = Ctx(rng=rng, company=rng.choice(vocab.companies), people=people, vocab=vocab,
              sp=rng.choice((" ", "\u3000")), fw=rng.random() < 0.3, joined=rng.random() < 0.3,
              date_style=rng.choice(("western", "western_fw", "era", "era", "era_fw", "slash")),
              name_sep=name_sep, reading=reading, header=rng.random() < 0.4, numbered=rng.random() < 0.5)
    if form.setup:
        form.setup(ctx)
    return ctx


@dataclass(frozen=True)
class FormSet:
    """A family of forms with its own vocabulary and its own seed namespace."""
    namespace: str
    vocab: Vocab
    forms: dict[str, Form] = field(default_factory=dict)

    def build_document(self, seed: int, index: int, names: Sequence[str] | None = None
                       ) -> tuple[str, bytes, dict, int]:
        """One document: (form name, PDF bytes, ground truth, pages). `index` is 0-based and
        cycles through `names` (default: every form of the set, in order)."""
        names = tuple(names or self.forms)
        form = self.forms[names[index % len(names)]]
        rng = random.Random(f"{self.namespace}:{seed}:{index}")
        ctx = make_context(rng, form, seed + index // len(names), self.vocab)
        n = rng.randint(1, form.max_records)
        cv = Canvas(ctx, landscape=form.landscape)
        recs = form.build(cv, ctx, n)
        pdf, pages = cv.finish(f"personnel_change {form.name} {index + 1:02d}")
        truth = {"document_type": DOCUMENT_TYPE, "form": form.name, "records": [r.truth() for r in recs]}
        return form.name, pdf, truth, pages

    def build_samples(self, out_dir: Path, *, seed: int, count: int, names: Sequence[str] | None = None
                      ) -> list[Path]:
        """Write NN.pdf + NN.json (+ manifest.csv) to out_dir; returns the PDF paths in order."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        paths, manifest = [], [("stem", "layout", "records", "pages", "bytes")]
        for i in range(count):
            name, pdf, truth, pages = self.build_document(seed, i, names)
            stem = f"{i + 1:02d}"
            (out_dir / f"{stem}.pdf").write_bytes(pdf)
            (out_dir / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
            paths.append(out_dir / f"{stem}.pdf")
            manifest.append((stem, name, len(truth["records"]), pages, len(pdf)))
        with open(out_dir / "manifest.csv", "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(manifest)
        return paths


def held_out_set(package: str, names: Sequence[str], vocab: Vocab, seed: int
                 ) -> tuple[dict[str, Form], FormSet, Callable[..., None]]:
    """A held-out set package's forms (the `FORM` of each module `package.name`), its FormSet (namespace
    `twomatch-<package's last part>`) and its command line (`python -m package`)."""
    from importlib import import_module

    forms = {name: import_module(f"{package}.{name}").FORM for name in names}
    form_set = FormSet(namespace=f"twomatch-{package.rsplit('.', 1)[-1]}", vocab=vocab, forms=forms)

    def main(argv: list[str] | None = None) -> None:
        run_cli(form_set, {}, default_seed=seed, prog=f"python -m {package}", argv=argv)

    return forms, form_set, main


def parse_form_names(value: str, form_set: FormSet, groups: dict[str, Sequence[str]]) -> tuple[str, ...]:
    """`all`, a group name, or a comma-separated list of form names; unknown names are an error."""
    if value in ("", "all"):
        return tuple(form_set.forms)
    if value in groups:
        return tuple(groups[value])
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in form_set.forms]
    if unknown:
        raise ValueError(f"unknown form(s) {', '.join(unknown)}; known: {', '.join(form_set.forms)}")
    return names


def scanned_pdf(pdf: bytes) -> bytes:
    """A one-page PDF whose page is only an image of the first page (a 'scan'): no text layer."""
    with pymupdf.open("pdf", pdf) as src:
        pix = src[0].get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_image(page.rect, pixmap=pix)
    doc.set_metadata({"title": "scanned personnel_change", "producer": "TwoMatch samplegen",
                      "creationDate": "", "modDate": ""})
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


def run_cli(form_set: FormSet, groups: dict[str, Sequence[str]], *, default_seed: int, prog: str,
            argv: list[str] | None = None, scanned: Callable[[Path, int], Path] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog=prog, description="Write synthetic personnel-change PDFs with ground-truth JSON.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=default_seed)
    ap.add_argument("--count", type=int, default=10, help="documents to write; they cycle through the forms")
    ap.add_argument("--forms", default="all",
                    help=f"all, {', '.join(groups)} or comma-separated names of: {', '.join(form_set.forms)}")
    if scanned:
        ap.add_argument("--scanned", action="store_true", help="also write scanned.pdf (image only, no text)")
    args = ap.parse_args(argv)
    try:
        names = parse_form_names(args.forms, form_set, groups)
    except ValueError as exc:
        ap.error(str(exc))
    for p in form_set.build_samples(args.out_dir, seed=args.seed, count=args.count, names=names):
        print(p)
    if scanned and args.scanned:
        print(scanned(args.out_dir / "scanned.pdf", args.seed))
