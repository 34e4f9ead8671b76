"""The PDF text layer as words with positions (`inference.layout.PageLayout`), visible text only.

A word is a run of characters with no whitespace and no visible gap between them, with the
left edge of each character (`Word.char_x`). Rules are the straight lines of the vector
drawings (table rules, underlines).

Text a reader cannot see is dropped, because the keyer and the reviewer's evidence must
see what a person sees (issue 12, hole 10: hidden text steering the machine keyer):

* render mode 3 (invisible) and fill opacity 0 — PyMuPDF reports both as ``alpha == 0``;
* text clipped away by a clip path or outside the page (``TEXT_CLIP``, ``TEXT_MEDIABOX_CLIP``),
  double-checked against the page rectangle;
* text whose colour equals the background it is printed on (white on white, or a filled
  rectangle of the text's own colour), and glyphs too small to read (< 2 pt).
"""
from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from inference.layout import PageLayout, Rule, Word

_FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
          | pymupdf.TEXT_CLIP)
MIN_SIZE = 2.0          # points: smaller glyphs cannot be read on paper
SAME_COLOUR = 0.12      # max channel difference of "the same colour" (0..1)
RULE_THICKNESS = 2.5    # a filled rectangle thinner than this is a line


@dataclass(frozen=True)
class Char:
    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    line: int           # index of the text line the character belongs to
    red: bool = False   # printed in red


def _rgb(value) -> tuple[float, float, float]:
    if isinstance(value, int):
        return ((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255
    if not value:
        return (0.0, 0.0, 0.0)
    if len(value) == 1:
        return (value[0],) * 3
    if len(value) == 4:  # CMYK
        c, m, y, k = value
        return (1 - min(1, c + k), 1 - min(1, m + k), 1 - min(1, y + k))
    return tuple(value[:3])


def _red(colour: tuple[float, float, float]) -> bool:
    """Red as a marked-up copy prints changes: a strong red channel, green and blue well below it."""
    r, g, b = colour
    return r >= 0.55 and r - max(g, b) >= 0.35


def _close(a, b) -> bool:
    return max(abs(x - y) for x, y in zip(a, b)) <= SAME_COLOUR


class _Background:
    """The colour under a point: the smallest filled shape that contains it, else white paper."""

    def __init__(self, drawings: list[dict]):
        self.fills = []
        for d in drawings:
            if d.get("fill") is None or (d.get("fill_opacity") or 1.0) < 0.5:
                continue
            r = d["rect"]
            self.fills.append((r.width * r.height, r, _rgb(d["fill"])))
        self.fills.sort(key=lambda f: f[0])

    def at(self, x: float, y: float) -> tuple[float, float, float]:
        for _area, r, colour in self.fills:
            if r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1:
                return colour
        return (1.0, 1.0, 1.0)


def _rules(drawings: list[dict]) -> list[Rule]:
    rules: list[Rule] = []

    def add(x0, y0, x1, y1):
        if abs(y1 - y0) <= RULE_THICKNESS or abs(x1 - x0) <= RULE_THICKNESS:
            rules.append(Rule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    for d in drawings:
        stroked = d.get("color") is not None
        for item in d.get("items", []):
            if item[0] == "l":
                if stroked:
                    add(item[1].x, item[1].y, item[2].x, item[2].y)
            elif item[0] == "re":
                r = item[1]
                if min(r.width, r.height) <= RULE_THICKNESS and d.get("fill") is not None:
                    add(r.x0, (r.y0 + r.y1) / 2, r.x1, (r.y0 + r.y1) / 2) if r.width > r.height else \
                        add((r.x0 + r.x1) / 2, r.y0, (r.x0 + r.x1) / 2, r.y1)
                elif stroked:
                    for a, b in ((r.tl, r.tr), (r.bl, r.br), (r.tl, r.bl), (r.tr, r.br)):
                        add(a.x, a.y, b.x, b.y)
            elif item[0] == "qu" and stroked:
                q = item[1]
                for a, b in ((q.ul, q.ur), (q.ll, q.lr), (q.ul, q.ll), (q.ur, q.lr)):
                    add(a.x, a.y, b.x, b.y)
    return rules


def _unrotated(page: pymupdf.Page) -> pymupdf.Rect:
    return (page.rect * page.derotation_matrix).normalize() if page.rotation else page.rect


def visible_chars(page: pymupdf.Page, drawings: list[dict] | None = None) -> list[Char]:
    """The characters a reader sees on `page`, in the text layer's order, whitespace included."""
    drawings = page.get_drawings() if drawings is None else drawings
    background = _Background(drawings)
    # The text layer's coordinates are the unrotated page's: a page turned by /Rotate (a landscape
    # page stored upright) keeps its text where it was written, so that is the page's area.
    area = _unrotated(page)
    out: list[Char] = []
    line_no = 0
    for block in page.get_text("rawdict", flags=_FLAGS).get("blocks", []):
        for line in block.get("lines", []):
            line_no += 1
            for span in line.get("spans", []):
                if span.get("alpha", 255) == 0 or span["size"] < MIN_SIZE:
                    continue
                colour = _rgb(span.get("color", 0))
                for ch in span.get("chars", []):
                    x0, y0, x1, y1 = ch["bbox"]
                    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                    if not (area.x0 <= cx <= area.x1 and area.y0 <= cy <= area.y1):
                        continue
                    if not ch["c"].isspace() and _close(colour, background.at(cx, cy)):
                        continue
                    out.append(Char(ch["c"], x0, y0, x1, y1, span["size"], line_no, _red(colour)))
    return out


def _words(chars: list[Char], rules: list[Rule] = ()) -> list[Word]:
    words: list[Word] = []
    run: list[Char] = []
    # A column rule between two characters of different sizes ends a word: a cell's text set too
    # wide runs up to the next cell's text (（きしもと しゅうへい）| 輸出部, 7 pt then 9 pt, no visible
    # gap at the rule). One string of one size running past a rule is one word that overflows.
    verticals = [(r.x0, r.y0, r.y1) for r in rules if abs(r.x1 - r.x0) <= 2.5 and r.y1 - r.y0 > 3]

    def rule_between(a: Char, b: Char) -> bool:
        # Two characters overlapping at a rule are two strings colliding (a cell's text set too wide
        # runs into the next cell's): one string's characters never overlap.
        overlap = b.x0 - a.x1 < -0.5
        if abs(a.size - b.size) < 0.5 and not overlap:
            return False
        xa, xb, cy = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        if overlap:
            xa, xb = a.x0, b.x1  # the overrunning character may reach past the rule
        return any(xa < x < xb and y0 - 1 <= cy <= y1 + 1 for x, y0, y1 in verticals)

    def flush():
        if run:
            words.append(Word(text="".join(c.c for c in run), x0=min(c.x0 for c in run), y0=min(c.y0 for c in run),
                              x1=max(c.x1 for c in run), y1=max(c.y1 for c in run),
                              size=max(c.size for c in run), char_x=tuple(c.x0 for c in run),
                              red=all(c.red for c in run)))
            run.clear()

    for ch in chars:
        if ch.c.isspace():
            flush()
            continue
        if run:
            prev = run[-1]
            gap = ch.x0 - prev.x1
            if (ch.line != prev.line or gap > 0.35 * max(ch.size, prev.size) or gap < -0.5 * ch.size
                    # the type changes size: another string set against this one (亜希子 / かでのこうじ,
                    # a name and its reading in smaller type with no gap between them)
                    or abs(ch.size - prev.size) >= max(1.5, 0.15 * max(ch.size, prev.size))
                    or ch.red != prev.red  # red set against black: a change marked in the text
                    or (verticals and rule_between(prev, ch))):
                flush()
        run.append(ch)
    flush()
    return words


def _vertical_runs(chars: list[Char]) -> list[list[Char]] | None:
    """Vertical writing (縦書き, a 辞令 set top to bottom in columns read right to left): the runs of
    characters stacked in columns, when most of the page is so set; None for a page set across."""
    ink = [c for c in chars if not c.c.isspace()]
    if len(ink) < 12:
        return None
    columns: dict[int, list[Char]] = {}
    for c in chars:
        columns.setdefault(round((c.x0 + c.x1) / 4), []).append(c)  # 2-point bands of the centre
    stacked = 0
    runs: list[list[Char]] = []
    for key in sorted(columns):
        col = sorted(columns[key], key=lambda c: c.y0)
        run: list[Char] = []
        for c in col:
            if run and not (-0.3 * c.size <= c.y0 - run[-1].y1 < 0.8 * c.size):
                runs.append(run)
                run = []
            if run and not c.c.isspace() and not run[-1].c.isspace():
                stacked += 1
            run.append(c)
        if run:
            runs.append(run)
    beside = sum(1 for a, b in zip(chars, chars[1:]) if a.line == b.line and not a.c.isspace() and not b.c.isspace()
                 and abs((a.y0 + a.y1) - (b.y0 + b.y1)) < 0.6 * a.size and 0 <= b.x0 - a.x1 < 0.6 * a.size)
    if stacked < 0.6 * len(ink) or beside > 0.15 * len(ink):
        return None
    return runs


def _upward(chars: list[Char]) -> bool:
    """Text turned to run bottom to top (a line rotated 90° counter-clockwise): within a line of the
    text layer the characters climb. Characters stacked one by one (縦書き) run downward."""
    climbs = falls = 0
    for a, b in zip(chars, chars[1:]):
        if a.line == b.line and abs(a.x0 - b.x0) < 0.3 * a.size:
            climbs += b.y0 < a.y0 - 0.3 * a.size
            falls += b.y0 > a.y0 + 0.3 * a.size
    return climbs > falls


def _turned(runs: list[list[Char]], width: float, height: float, upward: bool) -> list[Char]:
    """The characters of vertical runs turned a quarter so each column reads as a line across:
    downward columns read from the right, (x, y) → (y, width − x); upward ones from the left,
    (x, y) → (height − y, x)."""
    out: list[Char] = []
    for k, run in enumerate(runs):
        for c in run:
            if upward:
                out.append(Char(c.c, height - c.y1, c.x0, height - c.y0, c.x1, c.size, k, c.red))
            else:
                out.append(Char(c.c, c.y0, width - c.x1, c.y1, width - c.x0, c.size, k, c.red))
    return sorted(out, key=lambda c: (round((c.y0 + c.y1) / 2), c.line, c.x0))


def page_layout(page: pymupdf.Page) -> PageLayout:
    drawings = page.get_drawings()
    rules = _rules(drawings)
    chars = visible_chars(page, drawings)
    area = _unrotated(page)
    runs = _vertical_runs(chars)
    if runs is not None:
        # 縦書き, or text turned a quarter: read as if the page were turned so the columns run
        # across (rules turned too)
        w, h = area.width, area.height
        up = _upward(chars)
        turned = [Rule(h - r.y1, r.x0, h - r.y0, r.x1) if up else Rule(r.y0, w - r.x1, r.y1, w - r.x0) for r in rules]
        return PageLayout(number=page.number + 1, width=h, height=w,
                          words=_words(_turned(runs, w, h, up), turned), rules=turned, source="text")
    return PageLayout(number=page.number + 1, width=area.width, height=area.height,
                      words=_words(chars, rules), rules=rules, source="text")


def pdf_layouts(pdf: pymupdf.Document) -> list[PageLayout]:
    return [page_layout(page) for page in pdf]
