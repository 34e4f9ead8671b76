"""Lines, cells, columns and tables rebuilt from words with positions and rules.

Everything here is geometry: no vocabulary except the table-header words that say which
column holds what (氏名, 新役職, 旧役職, …), which is how a reader finds a column too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from inference.layout import PageLayout, Rule, Word
from jptext import find_dates, nfkc, squeeze

CELL_GAP = 1.2       # em: a wider gap between two words separates two cells
PADDED_NAME_GAP = 4  # em: a name padded to equal width (林　　　浩) keeps its parts closer than this


class _Extent:
    """The box around the parts of a cell (its words) or of a line (its cells)."""

    def _parts(self) -> list:
        raise NotImplementedError

    @property
    def x0(self) -> float:
        return min(p.x0 for p in self._parts())

    @property
    def x1(self) -> float:
        return max(p.x1 for p in self._parts())

    @property
    def y0(self) -> float:
        return min(p.y0 for p in self._parts())

    @property
    def y1(self) -> float:
        return max(p.y1 for p in self._parts())


@dataclass
class Cell(_Extent):
    page: int
    words: list[Word]

    def _parts(self) -> list:
        return self.words

    @property
    def size(self) -> float:
        return max((w.size or (w.y1 - w.y0)) for w in self.words)

    @property
    def text(self) -> str:
        """NFKC, words joined by one space."""
        return " ".join(nfkc(w.text) for w in self.words)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)


@dataclass
class Line(_Extent):
    page: int
    cells: list[Cell]
    order: int = 0       # reading order over the whole document
    column: int = 0      # 1 / 2: left / right column of a two-column region
    box: int = 0         # a person's card (a framed box): the card the line is in (1, 2, … over the page)

    def _parts(self) -> list:
        return self.cells

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def size(self) -> float:
        return max(c.size for c in self.cells)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)

    @property
    def squeezed(self) -> str:
        return squeeze(self.text)


def _vertical_rule_between(rules: list[Rule], xa: float, xb: float, y: float) -> bool:
    return any(abs(r.x1 - r.x0) <= 2.5 and xa - 1 <= r.x0 <= xb + 1 and r.y0 - 1 <= y <= r.y1 + 1 for r in rules)


_BOX_HORIZONTAL = set("─━═┄┅┈┉╌╍")
_BOX = re.compile(r"[\u2500-\u257F]")


def _char_edges(w: Word) -> list[tuple[float, float]]:
    """Left and right edge of each character of a word (evenly spread when the source gives none)."""
    n = len(w.text)
    xs = list(w.char_x) if len(w.char_x) == n else [w.x0 + (w.x1 - w.x0) * k / n for k in range(n)]
    return [(xs[k], xs[k + 1] if k + 1 < n else w.x1) for k in range(n)]


_ASCII_BORDER = re.compile(r"[+|][-=+|]{2,}[+|]|[-=]{3,}")


def _ascii_boxes(page: PageLayout) -> PageLayout:
    """A table typed in ASCII (+------+-----+ / | 氏名 | 新役職 |), as plain-text mail prints it: its
    strokes read as the box-drawing characters they stand for, when the page has border lines
    (+---+) and cells parted by | on several lines."""
    borders = [w for w in page.words if _ASCII_BORDER.fullmatch(w.text)]
    bars = [w for w in page.words if w.text == "|" or (w.text.startswith("|") or w.text.endswith("|"))]
    if len(borders) < 2 or len(bars) < 4:
        return page

    def drawn(w: Word) -> Word:
        if _ASCII_BORDER.fullmatch(w.text):
            text = w.text.translate(str.maketrans("-=+|", "──┼│"))
        elif "|" in w.text:
            text = w.text.replace("|", "│")
        else:
            return w
        return Word(text, w.x0, w.y0, w.x1, w.y1, w.size, w.conf, w.char_x, w.char_conf, w.red)

    return PageLayout(page.number, page.width, page.height, [drawn(w) for w in page.words], page.rules, page.source)


def typed_rules(page: PageLayout) -> PageLayout:
    """A table typed with box-drawing characters (┌─┬─┐ │ … ├─┼─┤, as mail clients and plain-text
    reports print them) is a ruled table: the characters become rules and leave the words.
    A vertical stroke spans its line's height and a little more, so that the strokes of lines
    printed one under the other join into one column rule."""
    page = _ascii_boxes(page)
    if not any(_BOX.search(w.text) for w in page.words):
        return page
    words: list[Word] = []
    pieces: list[Rule] = []
    for w in page.words:
        if not _BOX.search(w.text):
            words.append(w)
            continue
        edges = _char_edges(w)
        h = w.y1 - w.y0
        cy = (w.y0 + w.y1) / 2
        run: list[int] = []

        def keep(ks: list[int]) -> None:
            if ks:
                a, b = ks[0], ks[-1]
                words.append(Word(w.text[a:b + 1], edges[a][0], w.y0, edges[b][1], w.y1, w.size, w.conf,
                                  tuple(x for x, _ in edges[a:b + 1]),
                                  w.char_conf[a:b + 1] if len(w.char_conf) == len(w.text) else (), w.red))
        for k, ch in enumerate(w.text):
            if not _BOX.match(ch):
                run.append(k)
                continue
            keep(run)
            run = []
            x0, x1 = edges[k]
            if ch in _BOX_HORIZONTAL:
                pieces.append(Rule(x0, cy, x1, cy))
            else:  # a vertical stroke or a junction: both a stroke and the rule through it
                xm = (x0 + x1) / 2
                pieces.append(Rule(xm, w.y0 - 0.6 * h, xm, w.y1 + 0.6 * h))
                if ch not in "│┃║":
                    pieces.append(Rule(x0, cy, x1, cy))
        keep(run)
    # Join the pieces: horizontal runs on one line into one rule, vertical strokes at one x into one.
    rules = list(page.rules)
    horizontal = sorted((r for r in pieces if r.y0 == r.y1), key=lambda r: (round(r.y0, 1), r.x0))
    vertical = sorted((r for r in pieces if r.y0 != r.y1), key=lambda r: (round(r.x0), r.y0))
    for group, is_h in ((horizontal, True), (vertical, False)):
        cur: Rule | None = None
        for r in group:
            if cur is not None and is_h and abs(r.y0 - cur.y0) < 0.5 and r.x0 <= cur.x1 + 1.5:
                cur = Rule(cur.x0, cur.y0, max(cur.x1, r.x1), cur.y1)
            elif cur is not None and not is_h and abs(r.x0 - cur.x0) < 1.5 and r.y0 <= cur.y1 + 1.5:
                cur = Rule(cur.x0, cur.y0, cur.x1, max(cur.y1, r.y1))
            else:
                if cur is not None:
                    rules.append(cur)
                cur = r
        if cur is not None:
            rules.append(cur)
    return PageLayout(page.number, page.width, page.height, words, rules, page.source)


def page_lines(page: PageLayout) -> list[Line]:
    """Words grouped into lines (vertical overlap) and each line into cells (wide gaps, rules)."""
    words = sorted(page.words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
    rows: list[list[Word]] = []
    anchors: list[tuple[float, float]] = []  # centre and height of each line's first word
    for w in words:
        cy, h = (w.y0 + w.y1) / 2, w.y1 - w.y0
        # Compared with the line's first word, not its growing extent, so that the tight rows of
        # a table without rules do not chain into one line.
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            acy, ah = anchors[k]
            if abs(cy - acy) <= 0.45 * max(h, ah):
                rows[k].append(w)
                if ah < 0.3 * h:
                    # a speck read first (a fax's dash a fifth of a glyph high, off the line's centre) is no
                    # anchor: the first word of the line's height is, or the name beside the labels of a
                    # card's line was parted from them into a line of its own
                    anchors[k] = (cy, h)
                break
        else:
            rows.append([w])
            anchors.append((cy, h))
    # Second pass: each word to the nearest line (a word met before its own line's first word
    # may have joined the line above).
    rows = [[] for _ in anchors]
    for w in words:
        cy, h = (w.y0 + w.y1) / 2, w.y1 - w.y0
        k = min(range(len(anchors)), key=lambda k: abs(cy - anchors[k][0]))
        rows[k].append(w)
    rows = [row for row in rows if row]
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        cells: list[Cell] = [Cell(page.number, [row[0]])]
        for prev, w in zip(row, row[1:]):
            em = max(prev.size or (prev.y1 - prev.y0), w.size or (w.y1 - w.y0), 1.0)
            gap = w.x0 - prev.x1
            cy = (w.y0 + w.y1) / 2
            # A word that runs past a column rule (a name set too wide for its cell) still ends its
            # cell where the next word starts right of that rule.
            # Two words overlapping across a column rule are two cells' texts colliding, each set too
            # wide for its cell (textlayer parts them where their characters overlap).
            if (gap > CELL_GAP * em or _vertical_rule_between(page.rules, min(prev.x1, w.x0 - 0.5 * em), w.x0, cy)
                    or (gap < 0 and _vertical_rule_between(page.rules, prev.x0 + 1.5, w.x1 - 1.5, cy))):
                cells.append(Cell(page.number, [w]))
            else:
                cells[-1].words.append(w)
        lines.append(Line(page.number, cells))
    lines.sort(key=lambda ln: (ln.y0, ln.x0))
    return lines


_QUOTE = re.compile(r"[>＞]{1,3}")


def unquoted(lines: list[Line]) -> list[Line]:
    """Mail quoted in a reply (> 山田 太郎 …): the quote marks starting lines one after another are
    no text. A line starting with > between lines that do not is an arrow (old post / > new post)."""
    marked = [bool(ln.cells) and _QUOTE.fullmatch(ln.cells[0].words[0].text) is not None for ln in lines]
    if not any(a and b for a, b in zip(marked, marked[1:])):
        return lines
    # only runs of marked lines are a quoted block
    in_run = [m and ((k > 0 and marked[k - 1]) or (k + 1 < len(marked) and marked[k + 1])) for k, m in enumerate(marked)]
    out = []
    for ln, quoted in zip(lines, in_run):
        if quoted:
            first = ln.cells[0]
            rest = [Cell(first.page, first.words[1:])] if len(first.words) > 1 else []
            ln = Line(ln.page, rest + ln.cells[1:], ln.order, ln.column, ln.box)
            if not ln.cells:
                continue
        out.append(ln)
    return out


def merge_padded_name(cells: list[Cell], rules: list[Rule]) -> list[Cell]:
    """林　　　浩: two short kanji cells printed close on one line are one padded name."""
    out: list[Cell] = []
    for c in cells:
        if out:
            p = out[-1]
            pt, ct = squeeze(p.text), squeeze(c.text)
            if (1 <= len(pt) <= 2 and 1 <= len(ct) <= 3 and _kanji_only(pt) and _kanji_only(ct)
                    and c.x0 - p.x1 <= PADDED_NAME_GAP * max(p.size, c.size)
                    and not _vertical_rule_between(rules, p.x1, c.x0, (c.y0 + c.y1) / 2)
                    and header_role(p.text) is None):  # 氏名 | 林 浩: a label, then the name
                p.words = p.words + c.words
                continue
        out.append(c)
    return out


_KANJI = re.compile(r"^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶ\U00020000-\U0002FFFF]+$")


def _kanji_only(s: str) -> bool:
    return bool(_KANJI.match(s))


# --- two-column text ----------------------------------------------------------------------------------


# Marks that start the entries of a list (▽ in a newsletter, ・ in a mail).
ENTRY_MARKS = "▽▼△▲◇◆□■○●◎☆★・"


def _entries_on_both_sides(both: list[Line], xg: float) -> bool:
    """Two columns of entries each hold names and other text; a block of 新/旧 lines with the
    names to their right (辞令) is one column of entries, not two."""
    from inference.local.names import find_names

    if _entries_read_apart(both, xg):
        return True
    sides, counts = [], []
    for left in (True, False):
        cells = [c for ln in both for c in ln.cells if (c.x1 <= xg) == left]
        with_name = sum(1 for c in cells if find_names(c.text))
        sides.append(0 < with_name < len(cells) or (with_name == 0 and not cells))
        counts.append((with_name, len(cells), any(c.text.lstrip()[:1] in ENTRY_MARKS for c in cells)))
    if not all(sides) and any(w == 0 and n >= 2 and marked for w, n, marked in counts) \
            and any(0 < w < n for w, n, _m in counts):
        # A column of marked entries (▽…) that all run on into the next column names nobody
        # itself; beside a column of entries (names and other text), not of names alone, it is a
        # column too.
        return True
    return all(sides)


def _entries_read_apart(both: list[Line], xg: float) -> bool:
    """OCR'd lines only: an entry's words parted at its full-width spaces (1.　中村　亮介（ナカムラ　リョウスケ）
    comes back as cells 1. | 中村 | 亮介(ナカムラ | リョウスケ), a scan's gaps being wider than the print's)
    hold no name cell by cell; each side's cells of a line read together do, and other lines of that
    side hold none (新：退職 / 旧：DX推進室 課長 under each name)."""
    from inference.local.names import find_names

    if not any(w.char_conf for ln in both for c in ln.cells for w in c.words):
        return False
    for left in (True, False):
        texts = [" ".join(c.text for c in ln.cells if (c.x1 <= xg) == left) for ln in both]
        texts = [t for t in texts if t]
        with_name = sum(1 for t in texts if find_names(t))
        if not 0 < with_name < len(texts):
            return False
    return True


def _labels_on_the_left_only(both: list[Line], xg: float) -> bool:
    """Labels (氏名 / 新役職 …) down the left and values on the right: one table turned on its
    side (one person per column), not two columns of entries."""
    left = [header_role(ln.cells[0].text) for ln in both if ln.cells[0].x1 <= xg]
    right = sum(1 for ln in both for c in ln.cells if c.x0 >= xg and header_role(c.text))
    return "name" in left and sum(1 for r in left if r) >= 2 and right == 0


def split_columns(lines: list[Line], width: float) -> list[Line]:
    """A page printed in two columns is read left column first: find a vertical gutter in the
    middle of the page that no cell crosses and that has text on both sides in several lines."""
    best = None
    candidates = sorted({round(c.x0 - 1, 1) for ln in lines for c in ln.cells if 0.3 * width <= c.x0 <= 0.7 * width})
    for xg in candidates:
        crossing = [k for k, ln in enumerate(lines) if any(c.x0 < xg < c.x1 for c in ln.cells)]
        both_idx = [k for k, ln in enumerate(lines) if k not in crossing
                    and any(c.x1 <= xg for c in ln.cells) and any(c.x0 >= xg for c in ln.cells)]
        if len(both_idx) < 2 or any(both_idx[0] < k < both_idx[-1] for k in crossing):
            continue
        both = [lines[k] for k in both_idx]
        if not _entries_on_both_sides(both, xg) or _labels_on_the_left_only(both, xg):
            continue
        # (the lines' median size: a scan's name line, its brackets read tall, made a gutter of 3 em too narrow)
        top, bottom, em = both[0].y0, both[-1].y1, sorted(ln.size for ln in both)[len(both) // 2]
        near = sum(1 for k in crossing if lines[k].y1 > top - 4 * em and lines[k].y0 < bottom + 4 * em)
        # Org-chart boxes side by side, each with a title column and a name column: the gap inside
        # a box has text on both sides on as many lines or more, but a gutter between columns is
        # a clear band of several em, the gap between a title and its holder is not.
        clear = (min(c.x0 for ln in both for c in ln.cells if c.x0 >= xg)
                 - max(c.x1 for ln in both for c in ln.cells if c.x1 <= xg))
        score = (len(both) >= 3, clear >= 3 * em, len(both), -near, xg)
        if best is None or score > best[2]:
            best = (xg, both, score)
    if best is None:
        return lines
    xg, both, _score = best
    # The region runs from the first to the last line with text on both sides, widened to the
    # neighbouring lines that do not cross the gutter (a column may start lower than the other).
    idx = [k for k, ln in enumerate(lines) if ln in both]
    a, b = idx[0], idx[-1]
    left_x = min(c.x0 for ln in both for c in ln.cells if c.x1 <= xg)
    right_x = min(c.x0 for ln in both for c in ln.cells if c.x0 >= xg)
    em = both[0].size

    starts = {side: [c.x0 for ln in both for c in ln.cells if (c.x1 <= xg) == (side == 1)] for side in (1, 2)}

    def in_a_column(ln: Line, indent: float) -> bool:
        """All of the line in one column, starting at that column's edge (an entry of it) or,
        below the entries, indented under it (a post continued on the next line) or where a cell
        of that column starts (a note under the name, in an org chart's box)."""
        for side, edge in ((1, left_x), (2, right_x)):
            if all((c.x1 <= xg) == (side == 1) for c in ln.cells):
                return (edge - em <= ln.x0 <= edge + indent
                        or any(abs(ln.x0 - x) <= 0.5 * em for x in starts[side]))
        return False

    # A column may run on below the other (an odd number of entries): as far apart as the
    # entries inside the region are.
    spacing = max((lines[k + 1].y0 - lines[k].y1 for k in range(a, b)), default=0.0) + 0.5 * em
    while a > 0 and in_a_column(lines[a - 1], 2 * em) and lines[a].y0 - lines[a - 1].y1 < 4 * lines[a].size:
        a -= 1
    # A heading dating a new section (退任・退職者（…付）) below the columns starts the next part of
    # the page, whole width: the columns end above it.
    while (b + 1 < len(lines) and in_a_column(lines[b + 1], 6 * em) and not _dated_heading(lines[b + 1])
           and lines[b + 1].y0 - lines[b].y1 < max(4 * lines[b].size, spacing)):
        b += 1
    before, middle, after = lines[:a], lines[a:b + 1], lines[b + 1:]
    out, used = [], 0
    for side in ([c for c in ln.cells if c.x1 <= xg] for ln in middle), ([c for c in ln.cells if c.x0 >= xg] for ln in middle):
        # A column may itself be two (a newsletter set in three columns): numbered on from the left.
        part = split_columns([Line(ln.page, cells) for ln, cells in zip(middle, side) if cells], width)
        out += [Line(ln.page, ln.cells, column=used + (ln.column or 1)) for ln in part]
        used = max(ln.column for ln in out)
    return before + out + after


def _frames(rules: list[Rule]) -> list[tuple[float, float, float, float]]:
    """Rectangles drawn by four rules (a frame's top and bottom of one width, a rule down each end)."""
    flat = [r for r in rules if abs(r.y1 - r.y0) <= 2.5 and r.x1 - r.x0 > 30]
    upright = [r for r in rules if abs(r.x1 - r.x0) <= 2.5 and r.y1 - r.y0 > 20]
    by_width: dict[tuple[int, int], list[Rule]] = {}
    for r in flat:
        by_width.setdefault((round(r.x0 / 2), round(r.x1 / 2)), []).append(r)
    out = []
    for group in by_width.values():
        group.sort(key=lambda r: r.y0)
        for top, bottom in zip(group, group[1:]):
            if bottom.y0 - top.y0 < 20:
                continue
            ends = [any(abs(v.x0 - x) <= 1.5 and v.y0 <= top.y0 + 1.5 and v.y1 >= bottom.y0 - 1.5 for v in upright)
                    for x in (top.x0, top.x1)]
            if all(ends):
                out.append((top.x0, top.y0, top.x1, bottom.y0))
    return out


def framed_cards(lines: list[Line], rules: list[Rule], one_person) -> list[Line]:
    """Person cards (a framed box naming one person; often a grid of them, side by side): each card
    is read by itself, its lines kept together and marked with the card (`Line.box`) — a printed
    line across a grid holds several persons' parts. Cards are read left to right and then row by
    row, as the page's text is, unless each card is numbered (No.3): then in their numbers' order.
    `one_person(texts)` says whether a frame's lines name one person; frames holding several (an
    org chart's department boxes, a table) are left to the column and table reading."""
    if len(rules) < 4 or not lines:
        return lines
    frames = _frames(rules)
    if not frames:
        return lines
    outer = [f for f in frames if not any(g != f and g[0] <= f[0] + 1 and g[1] <= f[1] + 1 and g[2] >= f[2] - 1
                                           and g[3] >= f[3] - 1 for g in frames)]
    page = lines[0].page

    def texts(f) -> list[str]:
        inside = ([c for c in ln.cells if f[0] < c.cx < f[2] and f[1] < (c.y0 + c.y1) / 2 < f[3]]
                  for ln in lines if ln.page == page)
        return [" ".join(c.text for c in cs) for cs in inside if cs]

    cards = [f for f in outer if one_person(texts(f))]
    if not cards:
        return lines
    numbers = [re.match(r"(?:No\.?|NO\.?|#)?\s*(\d+)(?!\d)", (texts(f) or [""])[0]) for f in cards]
    if all(numbers) and len({int(m.group(1)) for m in numbers}) == len(cards):
        ranked = sorted(zip(cards, numbers), key=lambda fm: int(fm[1].group(1)))
        cards = [f for f, _m in ranked]
        first = min(f[1] for f in cards)
        rows_of = {id(f): first for f in cards}  # numbered: all cards go where the first row starts
    else:
        cards.sort(key=lambda f: (round(f[1]), f[0]))
        rows_of = {id(f): f[1] for f in cards}

    def card_of(c: Cell) -> int:
        cx, cy = c.cx, (c.y0 + c.y1) / 2
        return next((k for k, f in enumerate(cards, 1) if f[0] < cx < f[2] and f[1] < cy < f[3]), 0)

    out: list[Line] = []
    inside: dict[int, list[Line]] = {}
    placed: set[float] = set()   # the rows of cards already written out (by their top)
    for ln in lines:
        if ln.page != page:
            out.append(ln)
            continue
        parts: dict[int, list[Cell]] = {}
        for c in ln.cells:
            parts.setdefault(card_of(c), []).append(c)
        if 0 in parts:
            out.append(Line(ln.page, parts.pop(0), ln.order, ln.column))
        for k, cells in parts.items():
            inside.setdefault(k, []).append(Line(ln.page, cells, ln.order, ln.column, box=k))
            top = rows_of[id(cards[k - 1])]
            if top not in placed:
                placed.add(top)
                out.append(Line(ln.page, [], box=-1 - len(placed)))  # where this row of cards goes
                out[-1].order = top
    result: list[Line] = []
    for ln in out:
        if ln.box < 0:
            for k, f in enumerate(cards, 1):
                if rows_of[id(f)] == ln.order:
                    result += inside.get(k, [])
        else:
            result.append(ln)
    return result


# --- tables -------------------------------------------------------------------------------------------

# Header words → the role of the column below (what a reader uses to find a column).
HEADER_ROLES: tuple[tuple[str, str], ...] = (
    (r"(氏名|名前|社員名|従業員名|役員名|候補者名|対象者|氏名・年齢|社員氏名|従業員氏名|職員氏名|役員氏名|候補者|候補者氏名"
     r"|異動者|異動者氏名|対象者氏名)(\(?(ふりがな|フリガナ|よみ|ヨミ|カナ)\)?)?", "name"),
    # A spreadsheet export: the family and the given name in columns of their own, their readings too.
    (r"(姓|名|氏名\(姓\)|氏名\(名\))", "name"),
    # A successor table (職位 | 前任者 | 後任者): each row a post changing hands, a name on each side.
    (r"(前任者?|旧任者|前任者氏名)", "outgoing"),
    (r"(後任者?|新任者|後任者氏名)", "incoming"),
    (r"(ふりがな|フリガナ|よみがな|ヨミガナ|読み|よみ|カナ|氏名カナ|カナ氏名|セイ|メイ|せい|めい|姓カナ|名カナ|カナ姓|カナ名)", "kana"),
    (r"(新|新任)?(会社|会社名|所属会社|社名|グループ会社)", "company"),
    # Where a person is sent (出向先, 転籍先): the company they belong to from now on.
    (r"(出向|転籍|派遣)先(会社|会社名|企業|企業名)?", "company"),
    (r"(新役職|新職|新|新職位|新役職名|新所属|新所属・役職|新所属役職|異動後|発令後|新担当|新ポスト|新任職|異動後役職|就任役職|新役職・担当"
     r"|新部署|新部署・役職|新役位|新ポジション|新任地|就任後|昇格後|昇進後|着任後|配属後|変更後"
     # what a person is told in private before the move (内示内容 | 営業部 部長): the post to come
     r"|内示内容|内示先|内示)", "new"),
    (r"(旧役職|旧職|旧|現|前|旧職位|旧役職名|旧所属|旧所属・役職|旧所属役職|異動前|発令前|現職|現役職|前職|旧担当|現所属|現担当|現職名"
     r"|旧部署|現部署|旧部署・役職|現部署・役職|旧役位|現役位|旧ポジション|現ポジション|就任前|昇格前|昇進前|現配属|変更前"
     # where a newcomer was before (前任地 | 北嶺大学病院 循環器内科 助教: the employer is dropped)
     r"|前任地|前勤務先|前任先|前所属先)", "old"),
    (r"(発令日|異動日|発効日|就任日|日付|異動年月日|発令年月日|効力発生日|実施日|着任日|適用日)", "date"),
    (r"(発令|異動|発効|就任|着任|実施|適用|適用開始|効力|効力発生)(予定)?(年月)?日(付)?", "date"),
    # The date a departure or a hire takes effect (退職日, 退任年月日, 入社日).
    (r"(退職|退任|辞任|入社|赴任|転任|配属|出向|復職|任命|昇任|昇格)(年月)?日(付)?", "date"),
    # The post a person leaves: 退職時所属・役職, 退任前役職 (the row is a departure).
    (r"(退職|退任|辞任)(時|前|者)?の?(所属|役職|職位|所属・役職|所属役職|役職名|職名|部署)", "left"),
    # What is ordered (発令事項 | 営業部長に任命する): read by rows.from_row as an order when it names a post.
    (r"(備考|異動区分|区分|摘要|異動内容|内容|種別|事由|発令事項|発令内容|異動事由|発令区分|変更内容|異動理由|発令種別|異動種別"
     r"|辞令|辞令内容|任免事項|任免内容|命令事項)", "remarks"),
    (r"(役職|職位|所属|所属・役職|役職名|担当|職名|部署|部署名|所属部署|役位|ポジション|部署・役職|所属・職位|部署・職位"
     r"|所属・役職名"
     # the unit alone, as a hospital or a school names it (診療科 | 職名)
     r"|診療科|診療科名|科名|部門|部門名|課名"
     # the place of work a school board or a builder posts people to (学校名 | 職名, 工事名 | 職)
     r"|学校名|校名|勤務校|所属校|新任校|赴任校|工事名|作業所|作業所名|現場名|店舗名|店名|店舗)", "post"),
    (r"(No\.?|NO\.?|番号|#|項番)", "number"),
    # Identifiers and personal data beside the change (社員番号, 所属コード, 社員ID, 年齢, 入社年):
    # columns a reader skips.
    (r".{0,6}(番号|コード|ID|No\.?|NO\.?|CD|記号)", "number"),
    (r"(年齢|性別|生年月日|入社年|入社年月|入社年月日|等級|資格|職能等級|勤続年数|社員区分|雇用区分|勤務地"
     # where a site stands and how long its works last (工事場所, 工期): no post of anyone's
     r"|工事場所|所在地|工期)", "number"),
    # Where a leaver goes outside (転出先 | 県立…医療センター, 転職先, 退職後の勤務先): no post of theirs.
    (r"(転出先|転職先|転籍後の勤務先|退職後の勤務先|退職後の進路|進路)", "number"),
)


# A label with its translation beside it (氏名 Name, 新役職 New Position, Name 氏名): the Latin words.
_TRANSLATION = re.compile(r"^[A-Za-z][A-Za-z.'’&/ -]*\s+(?=[^\x00-\x7F])|(?<=[^\x00-\x7F])\s*/?\s+[A-Za-z][A-Za-z.'’&/ -]*$")


# Columns whose cells start with a person's name (a successor table has two).
NAME_ROLES = ("name", "outgoing", "incoming")


@lru_cache(maxsize=8192)
def header_role(text: str) -> str | None:
    bare = _TRANSLATION.sub("", text.strip())
    if bare != text.strip() and bare:
        # A bilingual header reads by its Japanese label; the English only repeats it.
        return header_role(bare)
    t = squeeze(text).rstrip(":：")
    if re.fullmatch(r"[(（【\[].*[)）】\]]", t):
        t = t[1:-1]
    for pattern, role in HEADER_ROLES:
        if re.fullmatch(pattern, t):
            return role
    joined = re.fullmatch(r"(.+?)\s*[・／/]\s*(.+)", t)
    parts = (header_role(joined.group(1)), header_role(joined.group(2))) if joined else ()
    if "name" in parts and all(parts):
        return "name"  # 社員番号・氏名, 氏名・フリガナ: the name column, an identifier or reading beside it
    both = re.fullmatch(r"(.+?)\s*[(（](.+)[)）]", t)
    if both:
        # 新(異動後), 氏名（カナ）: a label with its synonym in brackets; the two must not disagree
        head, inner = header_role(both.group(1)), header_role(both.group(2))
        if head and (inner in (None, head) or {head, inner} == {"name", "kana"}):
            return head
        if (head, inner) == ("new", "old"):
            return "new"  # 新役職（現役職）: the new post with the old one in brackets (bracketed_role)
    # 新所属・役職名, 現所属・役職, 旧役職(兼務), 役職(新), 異動先: which side of the change it is.
    if 2 <= len(t) <= 12:
        if re.search(r"(異動先|就任先|配属先|着任先)|[(（]新[)）]", t):
            return "new"
        if re.search(r"(異動元|転出元)|[(（][旧現前][)）]", t):
            return "old"
        if re.search(r"(役職|職|所属|担当|ポスト|職位|肩書)", t):
            # 帰任後の所属・役職, 出向先での役職, 異動後の担当: the post after the move
            if re.search(r"(後|先で|先の)の?(所属|役職|職位|担当|ポスト)", t):
                return "new"
            if t.startswith(("新", "異動後", "発令後")):
                return "new"
            if t.startswith(("旧", "現", "前", "異動前", "発令前")):
                return "old"
    return None


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    cx: float
    # A header of two lines (新役職 over 旧役職): the role of each cell's second line.
    role2: str | None = None
    # 新役職（現役職）: the column's cells hold the new post with the old one in brackets after it.
    bracketed: str | None = None
    # 役職 over 旧 | 新: the role of the label over a column split by a second header line.
    under: str | None = None
    # 新役職／旧役職: the column's cells hold both posts parted by a slash, in the header's order.
    slashed: tuple[str, str] | None = None
    # ２０２５年７月１日付 as a column's label: its cells hold the posts taken on that day (ISO date).
    date: str = ""


@dataclass
class Table:
    page: int
    header: Line
    columns: list[Column]
    rows: list[list[Line]] = field(default_factory=list)  # each row: its lines (cells assigned by column)
    # Where the cells of a column start (left-aligned text), for tables without column rules.
    starts: list[float] = field(default_factory=list)
    underlined_rows: list[bool] = field(default_factory=list)
    has_underlines: bool = False
    horizontals: list[Rule] = field(default_factory=list)  # the horizontal rules inside the table's width
    rule_xs: list[float] = field(default_factory=list)  # where the column rules through the header stand
    marks: bool | None = None  # words struck through or in red in its rows (`marked_up`), once known

    def column_of(self, cell: Cell) -> Column | None:
        best, best_d = None, None
        x0, x1 = cell.x0, cell.x1  # once, not per column (wide tables)
        cx = (x0 + x1) / 2
        for col in self.columns:
            overlap = min(x1, col.x1) - max(x0, col.x0)
            d = -overlap if overlap > 0 else min(abs(cx - col.cx), abs(x0 - col.x0))
            if best_d is None or d < best_d:
                best, best_d = col, d
        if best is not None and best.role == "number" and not re.fullmatch(r"[\d.．()（）No#\s-]*", cell.text):
            # A No. column holds numbers: a name running over its edge is the next column's
            # (in a table without rules, the row's number set close to the name)
            other = max((col for col in self.columns if col is not best), default=None,
                        key=lambda col: min(x1, col.x1) - max(x0, col.x0))
            if other is not None and min(x1, other.x1) - max(x0, other.x0) > 0:
                return other
        return best


_POSITIONED = re.compile(r"(?P<pos1>上段?|下段?)[:：]?(?P<label1>[^上下:：()（）／/・、,]+)"
                         r"|(?P<label2>[^上下:：()（）／/・、,]+?)[(（](?P<pos2>上段?|下段?)[)）]")


def positioned_roles(text: str) -> tuple[str, str] | None:
    """A header saying which line of its cells holds which side of the change (新（上段）／旧（下段）,
    上段：新 下段：旧, 異動後（上）・異動前（下）): the roles of the upper and of the lower line."""
    found = {}
    for m in _POSITIONED.finditer(squeeze(text)):
        pos, label = (m["pos1"], m["label1"]) if m["pos1"] else (m["pos2"], m["label2"])
        role = header_role(label)
        if role in ("new", "old", "left"):
            found[pos[0]] = role
    if set(found) == {"上", "下"} and found["上"] != found["下"]:
        return found["上"], found["下"]
    return None


def dated_label(text: str) -> str:
    """The day a column labelled by a date alone (２０２５年７月１日付, 7月1日発令) stands for, "" if
    the label is no date: a schedule of moves in stages, each post in the column of its day."""
    t = squeeze(text)
    found = find_dates(t)
    if len(found) != 1 or found[0].start != 0 or not re.fullmatch(r"(付け?|発令|実施|異動|予定)*", t[found[0].end:]):
        return ""
    return found[0].iso


def find_header(line: Line) -> list[Column] | None:
    positioned = [positioned_roles(c.text) for c in line.cells]
    slashed = [slashed_roles(c.text) for c in line.cells]
    roles = [p[0] if p else (s[0] if s else header_role(c.text)) for c, p, s in zip(line.cells, positioned, slashed)]
    if "name" in roles:
        # 職 alone beside 氏名 (工事名 | 職 | 氏名): the title's column; not a label of its own
        # elsewhere, where it is half of a spaced-out 職 位
        roles = ["post" if not r and squeeze(c.text) == "職" else r for c, r in zip(line.cells, roles)]
    dated = [""] * len(roles)
    if "name" in roles and "date" not in roles:
        # (not 氏名 | 発令日 | ２０２５年４月１日: a form's label and its value)
        dated = [dated_label(c.text) if not r else "" for c, r in zip(line.cells, roles)]
        if sum(map(bool, dated)) >= 2 or any(dated) and "old" in roles:
            roles = ["new" if d else r for r, d in zip(roles, dated)]
        else:
            dated = [""] * len(roles)
    known = [r for r in roles if r]
    if len(line.cells) < 2 or len(known) < 2:
        return None
    if "name" not in known and not {"outgoing", "incoming"} <= set(known):
        return None
    if len(known) < len(line.cells) - 1:
        # Columns whose label is unknown (所属グループ, 等級区分): still a header when the known
        # labels name the change and every unknown one is a short label, not a value.
        unknown = [c.text for c, r in zip(line.cells, roles) if not r]
        if (not {"new", "old", "post", "remarks", "left"} & set(known) or len(unknown) > len(known)
                or any(len(squeeze(t)) > 8 or re.search(r"[0-9０-９]", t) for t in unknown)):
            return None
    if "name" in known and "outgoing" in known and "incoming" not in known:
        # 職 | 氏名 | 前任: beside the person's own name column, 前任 is where they served before
        # (their old post), not a predecessor's name (a successor table has no name column)
        roles = ["old" if r == "outgoing" else r for r in roles]
    cols = []
    for c, r, p, sl, d in zip(line.cells, roles, positioned, slashed, dated):
        cols.append(Column(r or "other", c.x0, c.x1, c.cx, role2=p[1] if p else None,
                           bracketed=bracketed_role(c.text, r), slashed=sl, date=d))
    _other_side(cols, line)
    return cols


def side_by_side(cols: list[Column]) -> float | None:
    """A header that is one table's header printed twice on a line (No. | 旧 | 氏名 | 新 | No. | 旧 |
    氏名 | 新): two tables side by side, read left then right. Where the right one begins."""
    roles = [c.role for c in cols]
    half = len(roles) // 2
    if len(roles) < 4 or len(roles) % 2 or roles[:half] != roles[half:] or "name" not in roles[:half]:
        return None
    return (cols[half - 1].x1 + cols[half].x0) / 2


def halves(lines: list[Line], x: float) -> tuple[list[tuple[int, Line]], list[tuple[int, Line]]]:
    """Each line's cells left and right of `x` as lines of their own, with the index of the line
    they come from (a line with no cell on a side is left out of that side)."""
    out: tuple[list, list] = ([], [])
    for k, ln in enumerate(lines):
        for side, cells in enumerate(([c for c in ln.cells if c.cx < x], [c for c in ln.cells if c.cx >= x])):
            if cells:
                out[side].append((k, Line(ln.page, cells, ln.order, ln.column)))
    return out


def _other_side(cols: list[Column], line: Line) -> None:
    """A header that names one side of the change (帰任後の所属・役職) and one more post column whose
    label does not say which side (出向先・役職): that column is the other side."""
    sides = {c.role for c in cols} & {"new", "old"}
    if len(sides) != 1:
        return
    unnamed = [k for k, (c, cell) in enumerate(zip(cols, line.cells))
               if c.role in ("other", "post") and re.search(r"(役職|所属|職位)", squeeze(cell.text))]
    if len(unnamed) == 1:
        cols[unnamed[0]].role = "old" if "new" in sides else "new"


def slashed_roles(text: str) -> tuple[str, str] | None:
    """新役職／旧役職, 旧所属・役職／新所属・役職, 新/旧: one label for each side parted by a slash."""
    parts = re.split(r"\s*[/／]\s*", squeeze(text))
    if len(parts) == 2:
        first, second = header_role(parts[0]), header_role(parts[1])
        if {first, second} == {"new", "old"}:
            return first, second
    return None


def bracketed_role(text: str, role: str | None) -> str | None:
    """新役職（現役職）, 異動後（異動前）: a new-post label with the old post's label in brackets."""
    both = re.fullmatch(r"(.+?)\s*[(（](.+)[)）]", squeeze(text))
    if role == "new" and both and header_role(both.group(1)) == "new" and header_role(both.group(2)) == "old":
        return "old"
    return None


def find_stacked_header(lines: list[Line], i: int) -> tuple[Line, list[Column]] | None:
    """A header printed on two lines, each column labelled twice (氏名 over ふりがな, 新役職 over
    旧役職): one header line whose columns know the role of a row's first and second line."""
    if i + 1 >= len(lines):
        return None
    top, bottom = lines[i], lines[i + 1]
    if bottom.page != top.page or bottom.y0 - top.y1 > 0.8 * top.size:
        return None
    roles_top = [header_role(c.text) for c in top.cells]
    roles_bottom = [header_role(c.text) for c in bottom.cells]
    if None in roles_top or None in roles_bottom or "name" not in roles_top + roles_bottom:
        return None
    cols: list[Column] = []
    paired: set[int] = set()
    for c, role in zip(top.cells, roles_top):
        k = min(range(len(bottom.cells)), key=lambda k: abs(bottom.cells[k].cx - c.cx))
        under = bottom.cells[k]
        if abs(under.cx - c.cx) <= max(c.x1 - c.x0, under.x1 - under.x0) and k not in paired:
            paired.add(k)
            second = roles_bottom[k]
            if {role, second} == {"name", "kana"}:
                role, second = "name", None  # the reading over the name, in one cell
            cols.append(Column(role, min(c.x0, under.x0), max(c.x1, under.x1), (c.cx + under.cx) / 2,
                               second if second != role else None))
        else:
            cols.append(Column(role, c.x0, c.x1, c.cx))
    cols += [Column(roles_bottom[k], c.x0, c.x1, c.cx) for k, c in enumerate(bottom.cells) if k not in paired]
    cols.sort(key=lambda col: col.x0)
    if not any(col.role2 for col in cols) and "name" in roles_top:
        return None  # a one-line header followed by something else
    return Line(top.page, top.cells + bottom.cells), cols


def find_banded_header(lines: list[Line], i: int) -> tuple[Line, list[Column], int] | None:
    """A header whose labels sit at different heights in one band (氏名 high and フリガナ low in
    one cell, the other labels centred between them): up to three close lines whose cells are
    all labels, read as one header. Labels over each other form one column (the reading label
    under the name label is the name column). Returns (header, columns, lines used)."""
    top = lines[i]
    band = [top]
    for k in range(i + 1, min(i + 3, len(lines))):
        ln = lines[k]
        if (ln.page != top.page or ln.y0 - band[-1].y1 > 0.8 * max(top.size, ln.size)
                or any(header_role(c.text) is None for c in ln.cells)):
            break
        band.append(ln)
    if len(band) < 2:
        return None
    cells = [c for ln in band for c in ln.cells]
    roles = [header_role(c.text) for c in cells]
    if None in roles or "name" not in roles or not ({"new", "old", "post"} & set(roles)):
        return None
    groups: list[list[int]] = []
    for k in sorted(range(len(cells)), key=lambda k: cells[k].x0):
        c = cells[k]
        g = next((g for g in groups if any(min(c.x1, cells[j].x1) - max(c.x0, cells[j].x0) > 0
                                           or abs(c.cx - cells[j].cx) < c.size for j in g)), None)
        if g is None:
            groups.append([k])
        else:
            g.append(k)
    cols: list[Column] = []
    for g in groups:
        rs = [roles[k] for k in sorted(g, key=lambda k: cells[k].y0)]
        if len(set(rs)) > 1 and set(rs) != {"name", "kana"}:
            return None  # two different labels over each other: a stacked header, not a band
        role = "name" if "name" in rs else rs[0]
        cols.append(Column(role, min(cells[k].x0 for k in g), max(cells[k].x1 for k in g),
                           sum(cells[k].cx for k in g) / len(g)))
    if len(cols) < 3:
        return None
    return Line(top.page, sorted(cells, key=lambda c: c.x0)), cols, len(band)


def _side_label(text: str) -> str | None:
    """A label naming one side of the change as a whole (現体制, 新体制, 異動前, 新): new or old."""
    role = header_role(text)
    if role in ("new", "old"):
        return role
    t = squeeze(text)
    if 2 <= len(t) <= 6 and not re.search(r"[0-9０-９]", t):
        if t.startswith(("新", "異動後", "発令後")):
            return "new"
        if t.startswith(("現", "旧", "前", "異動前", "発令前")):
            return "old"
    return None


def sides_above(columns: list[Column], above: list[Line], header: Line) -> None:
    """A line-up before and after (現体制: 役職 | 氏名 — 新体制: 役職 | 氏名): side labels on the line
    above the header. The post columns under each label become that side's post; every column
    remembers its side (the one person is named on both). A label merged over both header lines
    (備考 centred beside them) is read on a line of its own between the two: it is a column too."""
    merged: list[Cell] = []
    for ln in reversed(above[-2:]):
        if not (ln.y0 < header.y0 and header.y0 - ln.y1 < 1.5 * header.size + (ln.y1 - ln.y0)):
            return
        sides = [_side_label(c.text) for c in ln.cells]
        if len(ln.cells) >= 2 and None not in sides and set(sides) == {"new", "old"}:
            break
        if merged or not all(header_role(c.text) for c in ln.cells) or ln.y1 <= header.y0:
            return
        merged = list(ln.cells)  # overlaps the header's line: a label of both header lines
    else:
        return
    if sum(1 for col in columns if col.role == "name") < 2:
        return
    labels = sorted(zip((c.cx for c in ln.cells), sides))
    bounds = [(a[0] + b[0]) / 2 for a, b in zip(labels, labels[1:])]
    for c in merged:
        columns.append(Column(header_role(c.text), c.x0, c.x1, c.cx))
    columns.sort(key=lambda col: col.x0)
    for col in columns:
        side = labels[sum(1 for b in bounds if col.cx > b)][1]
        col.under = side
        if col.role == "post":
            col.role = side


def _split_by_subheader(columns: list[Column], line: Line) -> list[Column] | None:
    """A second header line of bare side labels (資格 | 役職 over 旧 | 新 | 旧 | 新): each label
    over two or more of them splits into one column per side. A post label's parts are that side's
    post; any other label's parts (a grade, 資格) keep its role."""
    if len(line.cells) < 2 or any(header_role(c.text) not in ("new", "old") or len(squeeze(c.text)) > 4
                                  for c in line.cells):
        return None
    out, split = [], False
    for col in columns:
        subs = [c for c in line.cells if col.x0 - 1 <= c.cx <= col.x1 + 1]
        if len(subs) < 2:
            out.append(col)
            continue
        split = True
        edges = [col.x0] + [(a.x1 + b.x0) / 2 for a, b in zip(subs, subs[1:])] + [col.x1]
        for c, x0, x1 in zip(subs, edges, edges[1:]):
            role = header_role(c.text) if col.role in ("post", "other") else col.role
            out.append(Column(role, x0, x1, c.cx, under=col.role))
    return out if split else None


def _column_bounds(cols: list[Column], rules: list[Rule], y: float, left: float, right: float) -> None:
    """Widen each column to the space up to its neighbours (midpoints), or to the vertical rules."""
    verticals = sorted({round((r.x0 + r.x1) / 2, 1) for r in rules if abs(r.x1 - r.x0) <= 2.5 and r.y0 - 2 <= y <= r.y1 + 2})
    labels = [(c.x0, c.x1) for c in cols]  # the header labels, before any column is widened
    for i, col in enumerate(cols):
        lo = (labels[i - 1][1] + labels[i][0]) / 2 if i else left
        hi = (labels[i][1] + labels[i + 1][0]) / 2 if i + 1 < len(cols) else right
        left_rules = [v for v in verticals if v <= col.x0 + 1]
        right_rules = [v for v in verticals if v >= col.x1 - 1]
        col.x0 = max(left_rules) if left_rules else lo
        col.x1 = min(right_rules) if right_rules else hi


def _horizontal_rules(rules: list[Rule], x0: float, x1: float) -> list[Rule]:
    """Horizontal rules, collinear pieces (a rule drawn cell by cell) merged into one."""
    pieces = sorted((r for r in rules if abs(r.y1 - r.y0) <= 2.5 and r.x1 - r.x0 > 2), key=lambda r: (round(r.y0), r.x0))
    merged: list[Rule] = []
    for r in pieces:
        # Any earlier piece of the same rule, not only the last: a scan's rule comes as a long
        # stretch a pixel row off its short broken pieces, which sort before it and would keep
        # it from spanning the table (its rows then ran together).
        near = [k for k in range(len(merged)) if abs(merged[k].y0 - r.y0) <= 1.0
                and r.x0 <= merged[k].x1 + 2 and merged[k].x0 <= r.x1 + 2]
        if not near:
            merged.append(r)
            continue
        first = merged[near[0]]
        for k in near:  # the piece joins every piece it meets into the first
            m = merged[k]
            first = Rule(min(first.x0, m.x0, r.x0), first.y0, max(first.x1, m.x1, r.x1), first.y1)
        merged[near[0]] = first
        for k in reversed(near[1:]):
            del merged[k]
    return merged


_END = re.compile(r"^(以上|以下余白|-\d+-|[-−‐]?\s*\d+\s*[-−‐]?|\d+/\d+|[(（]?[^()（）]*続[くき][^()（）]*[)）]?)$")
# A section heading between two tables: numbered, or naming the date it takes effect.
_SECTION = re.compile(r"^\s*([(（]\s*\d+\s*[)）]|\d+\s*[.．、]|[①-⑳]|[■●◆◇□【※])")


_NOTE_START = re.compile(r"^\s*([(（]\s*注\s*\d*\s*[)）]|注\s*\d+\s*[:：.．)）]|※)")


def is_section_heading(line: Line) -> bool:
    if len(line.cells) != 1:
        return False
    text = line.cells[0].text
    dates = find_dates(text)
    if any(text[m.end:].lstrip().startswith("付") for m in dates):
        return True
    # 2019.10.1 in a date cell starts like a numbered heading (2019.) but is a date
    return bool(_SECTION.match(text)) and not any(m.start == 0 for m in dates)


def _dated_heading(line: Line) -> bool:
    return len(line.cells) == 1 and any(line.cells[0].text[m.end:].lstrip().startswith("付")
                                        for m in find_dates(line.cells[0].text))


def is_end_line(line: Line) -> bool:
    return bool(_END.match(line.squeezed))


def build_table(page: PageLayout, lines: list[Line], start: int, columns: list[Column],
                span: tuple[float, float] | None = None) -> tuple[Table, int]:
    """The body of the table whose header is lines[start]; returns the table and the index after it.
    `span`: how far its outer columns may reach (a table beside another), else the page's width."""
    header = lines[start]
    em = header.size
    label_starts = [c.x0 for c in columns[1:]]
    # Headers are often centred over left-aligned cells: the outer columns reach to the page edges
    # (section headings and notes between tables end a table's body on their own).
    _column_bounds(columns, page.rules, header.cy, *(span or (0.0, page.width)))
    split = _split_by_subheader(columns, lines[start + 1]) if start + 1 < len(lines) else None
    if split:
        columns[:] = split
    t0, t1 = columns[0].x0, columns[-1].x1
    # Only rules over the table (not those of a table beside it)
    horizontals = [r for r in _horizontal_rules(page.rules, t0, t1) if min(r.x1, t1) - max(r.x0, t0) > 2]
    spanning = sorted(r.y0 for r in horizontals if (min(r.x1, t1) - max(r.x0, t0)) >= 0.8 * (t1 - t0))
    # A rule just under the header underlines the header; it is no bottom of the body (an unruled
    # list under a ruled header goes on below it).
    bottom = max((y for y in spanning if y > header.y1 + 0.8 * em), default=None)
    table = Table(page.number, header, columns, horizontals=horizontals)
    verticals = [r for r in page.rules if abs(r.x1 - r.x0) <= 2.5 and t0 - 2 <= r.x0 <= t1 + 2 and r.y1 - r.y0 > 3]
    crosses_header = any(r.y0 - 1 <= header.cy <= r.y1 + 1 for r in verticals)
    table.rule_xs = sorted({round(r.x0, 1) for r in verticals if r.y0 - 1 <= header.cy <= r.y1 + 1})
    body: list[Line] = []
    i = start + (2 if split else 1)
    prev_y1 = lines[start + 1].y1 if split else header.y1
    while i < len(lines):
        ln = lines[i]
        if ln.page != page.number or find_header(ln):
            break
        if is_section_heading(ln) and not (page.source == "ocr" and _framed(ln, bottom, crosses_header, verticals)):
            break  # (a scan's line read ※※… inside the frame, the column rules across it, is no heading between tables)
        if is_end_line(ln) and not _row_number(table, ln, bottom):
            if page.source == "ocr" and re.fullmatch(r"\d{1,4}", ln.squeezed) and _framed(ln, bottom, crosses_header, verticals):
                i += 1  # a scan's speck read as a digit inside the frame, the column rules across it: no page number
                continue
            if not (re.fullmatch(r"\d{1,4}", ln.squeezed) and _framed(ln, bottom, crosses_header, verticals)
                    and table.column_of(ln.cells[0]) is not columns[0]):
                break  # 以上, a page number; not a row's number printed between its lines
            # (しおかぜ社宅 / 203: a number alone inside the frame, under a later column, is a cell's second line)
        if (len(ln.cells) == 1 and i + 1 < len(lines) and lines[i + 1].page == ln.page
                and 0 <= lines[i + 1].y0 - ln.y1 < 2.5 * ln.size and find_header(lines[i + 1])):
            break  # the caption of the next table (its company's name in a row over it), not a row of this one
        cy = ln.cy  # computed once: a wide table has hundreds of rule pieces
        if crosses_header and not any(r.y0 - 1 <= cy <= r.y1 + 1 for r in verticals):
            break  # the column rules stop: a heading or text between two tables
        if bottom is not None:
            if ln.y0 > bottom + 1:
                break
        else:
            if ln.y0 - prev_y1 > 4 * em or ln.x0 < t0 - 2 * em or ln.x1 > t1 + 2 * em:
                break
            if len(ln.cells) == 1 and ln.cells[0].x0 < columns[0].x0 - em:
                break
            if (len(ln.cells) == 1 and not any(c.role == "date" for c in columns)
                    and any(m.start == 0 and m.end >= len(ln.cells[0].text.rstrip("付 "))
                            for m in find_dates(ln.cells[0].text))):
                break  # a date alone on its line under a list without a date column: the closing date
            if len(ln.cells) == 1 and _NOTE_START.match(ln.cells[0].text):
                break  # (注1) …, ※ …: the notes under the list
        body.append(ln)
        prev_y1 = ln.y1
        i += 1
    # Underlines: short horizontal rules under text (not the table's own rules).
    # A rule from one column rule to another is a drawn cell's edge (the 本務 and 兼務 lines of a
    # person beside a name cell merged over both), not an underline.
    underlines = [r for r in horizontals if (min(r.x1, t1) - max(r.x0, t0)) < 0.8 * (t1 - t0)
                  and header.y1 < r.y0 and (bottom is None or r.y0 < bottom)
                  and not (_meets_vertical(verticals, r.x0, r.y0) and _meets_vertical(verticals, r.x1, r.y0))]
    if underlines:
        # a rule through the middle of a word strikes it out (見え消し): no underline
        body_words = [w for ln in body for c in ln.cells for w in c.words]
        underlines = [r for r in underlines if not any(struck(w, [r]) for w in body_words)]
    table.has_underlines = bool(underlines)
    if not crosses_header:
        # Where a cell that is not the first of its line starts (the left edge of a later column),
        # and where a header label starts (a left-aligned header).
        # A line whose only words sit right of the first column (a wrapped cell, or a row whose
        # first cells are empty) starts a later column too.
        # So does a line's first cell starting right of the first header label's end (the No.
        # column's number printed on a line of its own, between the row's lines).
        first_end = header.cells[0].x1 + 0.5 * em if header.cells else columns[0].x1
        table.starts = sorted({round(c.x0) for ln in body for k, c in enumerate(ln.cells)
                               if k or c.x0 > min(columns[0].x1, first_end)}) + label_starts
        # Left-aligned cells under centred labels: a column begins where its cells begin, between
        # the previous label's centre and its own label.
        for prev, col, label_x0 in zip(columns, columns[1:], label_starts):
            begins = [x for x in table.starts if prev.cx < x <= label_x0 + 2]
            if begins:
                prev.x1 = col.x0 = min(begins) - 1
    # Row bands: the table's horizontal rules when it has inner ones, else one row per name.
    # Only rules between two of the body's lines part rows: the rules of a later table on the
    # page (under its own header, below a section heading) do not.
    inner = [y for y in spanning if header.y1 + 1 < y and (bottom is None or y < bottom - 1)
             and body and body[0].cy < y < body[-1].cy]
    if len(inner) >= 1 and body:
        edges = [header.y1] + inner + [bottom if bottom is not None else body[-1].y1 + 1]
        bands = [[ln for ln in body if a <= ln.cy < b] for a, b in zip(edges, edges[1:])]
        rows = [b for b in bands if b]
    else:
        rows = _rows_by_anchor(table, body)
    table.rows = rows
    for row in rows:
        table.underlined_rows.append(any(
            any(min(r.x1, c.x1) - max(r.x0, c.x0) > 2 and -0.25 * c.size <= r.y0 - c.y1 + 1 <= 0.6 * c.size + 2
                for c in ln.cells)
            for ln in row for r in underlines))
    return table, i


def _meets_vertical(verticals: list[Rule], x: float, y: float) -> bool:
    return any(abs(v.x0 - x) <= 1.5 and v.y0 - 1.5 <= y <= v.y1 + 1.5 for v in verticals)


def _framed(line: Line, bottom: float | None, crosses_header: bool, verticals: list[Rule]) -> bool:
    """The line sits inside a ruled table's frame (above its bottom rule), the column rules across it."""
    return (bottom is not None and line.y1 < bottom - 1 and crosses_header
            and any(r.y0 - 1 <= line.cy <= r.y1 + 1 for r in verticals))


def _rule_read_as_letters(w: Word, rules: list[Rule]) -> bool:
    """An OCR'd word of Latin letters only (one or more), spaced more than 1.5 of its height a letter (print's
    are half), a horizontal rule through its box along most of its width: the row rule read as letters
    (ERREEENT over a blank cell on an office scan, one E boxed 300 pt wide on a fax, keyed as a post's first word)."""
    text = w.text.strip()
    height = w.y1 - w.y0
    if not re.fullmatch(r"[A-Za-z]+", text) or w.x1 - w.x0 <= 1.5 * height * len(text):
        return False
    return any(abs(r.y1 - r.y0) <= 2.5 and w.y0 - 1 <= r.y0 <= w.y1 + 1
               and min(r.x1, w.x1) - max(r.x0, w.x0) >= 0.8 * (w.x1 - w.x0) for r in rules)


def _row_number(table: Table, line: Line, bottom: float | None) -> bool:
    """A number alone on its line under the No. column (printed between the row's lines): inside
    the table's frame, or without a frame inside the column."""
    if len(line.cells) != 1:
        return False
    cell = line.cells[0]
    col = table.column_of(cell)
    if col is None or col.role != "number":
        return False
    if bottom is not None:
        return line.y1 < bottom
    return col.x0 - 1 <= cell.x0 and cell.x1 <= col.x1 + 1


def continues(table: Table, line: Line) -> bool:
    """A body line of `table` printed with no header above it: the table runs on from the
    previous page. Each cell sits inside a column of its own and the name column holds a name."""
    from inference.local.names import looks_like_name_cell

    if len(line.cells) < 2:
        return False
    cols = [table.column_of(c) for c in line.cells]
    if any(col is None for col in cols) or len({id(col) for col in cols}) < 2:
        return False
    # Several cells may share a post column (所属 | 役職 under one 新 label), never the name column.
    if sum(1 for col in cols if col.role == "name") > 1:
        return False
    if any(not (col.x0 - 2 <= cell.cx <= col.x1 + 2) for cell, col in zip(line.cells, cols)):
        return False
    return any(col.role == "name" and looks_like_name_cell(cell.text) for cell, col in zip(line.cells, cols))


def continue_table(page: PageLayout, lines: list[Line], start: int, template: Table) -> tuple[Table, int]:
    """`template`'s columns over lines[start:] of the next page, under a header of no height."""
    first = lines[start]
    columns = [Column(c.role, c.x0, c.x1, c.cx) for c in template.columns]
    ghost = Word("", columns[0].x0, first.y0 - 2, columns[-1].x1, first.y0 - 1, size=first.size)
    header = Line(page.number, [Cell(page.number, [ghost])])
    table, end = build_table(page, lines[:start] + [header] + lines[start:], start, columns)
    return table, end - 1


def _rows_by_anchor(table: Table, body: list[Line]) -> list[list[Line]]:
    """Without inner rules: a row is anchored on each line with a name in the name column
    (kanji, not only a reading); other lines join the nearest anchor (a wrapped post below, a
    reading above)."""
    from inference.local.names import looks_like_name_cell  # names know what a name looks like

    anchors = []
    # A successor table has no 氏名 column: its rows start with a name on either side.
    roles = ("name",) if any(col.role == "name" for col in table.columns) else NAME_ROLES
    for k, ln in enumerate(body):
        for c in (part for whole in ln.cells for part in _split_at_columns(table, whole)):
            col = table.column_of(c)
            if col and col.role in roles and looks_like_name_cell(c.text):
                anchors.append(k)
                break
    if not anchors:
        return [[ln] for ln in body]
    rows: dict[int, list[Line]] = {a: [] for a in anchors}
    for k, ln in enumerate(body):
        nearest = min(anchors, key=lambda a: (abs(body[a].cy - ln.cy), -a if body[a].cy < ln.cy else a))
        rows[nearest].append(ln)
    return [rows[a] for a in anchors]


_KANA_WORD = re.compile(r"[\u3041-\u309F\u30A0-\u30FF\uFF66-\uFF9F・ー]+")
_KANJI_END = re.compile(r"[\u3400-\u9FFF\uF900-\uFAFF々]$")


def _split_at_columns(table: Table, cell: Cell) -> list[Cell]:
    """A cell with a word starting where other rows' cells of a column start is two cells
    (narrow gaps between the columns of a table without rules: 宮﨑 隆 | 退職)."""
    parts: list[Cell] = [Cell(cell.page, [cell.words[0]])]
    # A row's number set close to the name after it (1 戸田伸一) under a No. column: two cells.
    numbered = len(cell.words) > 1 and re.fullmatch(r"\d{1,3}[.．]?", nfkc(cell.words[0].text)) is not None \
        and any(col.role == "number" for col in table.columns)
    for k, (prev, w) in enumerate(zip(cell.words, cell.words[1:])):
        # a column rule between two words' centres parts them, even where one runs past it (a post
        # set too wide, a date wider than its column): the word right of the rule is the next cell's
        part = parts[-1].text
        open_bracket = part.count("(") + part.count("（") > part.count(")") + part.count("）")
        # a reading in smaller kana right after a name (勘解由小路 亜希子 かでのこうじ): the reading column's
        reading = (w.size and prev.size and w.size < prev.size - 1 and _KANA_WORD.fullmatch(w.text) is not None
                   and _KANJI_END.search(prev.text) is not None)
        if ((k == 0 and numbered) or reading or any(abs(w.x0 - edge) <= 2 and prev.x1 < edge for edge in table.starts)
                or (not open_bracket  # （あさの / かずお） run past the rule: one bracket, one cell
                    and any((prev.x0 + prev.x1) / 2 < x < (w.x0 + w.x1) / 2 for x in table.rule_xs))):
            parts.append(Cell(cell.page, [w]))
        else:
            parts[-1].words.append(w)
    return parts


_RULE_STROKES = "|｜ー－-―—‐─━_＿ 　"


def struck(word: Word, rules: list[Rule]) -> bool:
    """A word struck through: a horizontal rule across most of it, through its middle (an underline
    runs along its foot). A word of rule strokes only (`|`, `ーーー`) is a scan's reading of the rule itself,
    not a word it strikes: one such on a fax made a whole roster a marked-up copy, and its rows unmarked."""
    if not word.text.strip(_RULE_STROKES):
        return False
    h, w = word.y1 - word.y0, word.x1 - word.x0
    return any(abs(r.y1 - r.y0) <= 2.5 and word.y0 + 0.3 * h <= (r.y0 + r.y1) / 2 <= word.y1 - 0.3 * h
               and r.x0 <= word.x0 + 0.25 * w and r.x1 >= word.x1 - 0.25 * w for r in rules)


def marked_up(table: Table) -> bool:
    """A table marked up as a copy shows changes (見え消し): words struck through or printed in red."""
    if table.marks is None:
        table.marks = any(w.red or struck(w, table.horizontals)
                          for row in table.rows for ln in row for c in ln.cells for w in c.words)
    return table.marks


def row_cells(table: Table, row: list[Line]) -> dict[str, list[Cell]]:
    """The cells of a row by column role, top to bottom."""
    out: dict[str, list[Cell]] = {}
    by_column: dict[int, list[Cell]] = {}
    for ln in row:
        for whole in ln.cells:
            for c in _split_at_columns(table, whole):
                col = table.column_of(c)
                if col is not None:
                    out.setdefault(col.role, []).append(c)
                    by_column.setdefault(id(col), []).append(c)
    stacked = {col.role: col.role2 for col in table.columns if col.role2}
    ordered = {role: _reading_order(cells) for role, cells in out.items()}
    for role in ordered:
        cols = [col for col in table.columns if col.role == role and id(col) in by_column]
        if len(cols) > 1 and role not in stacked:
            # 新所属 | 新役職: one post over two columns, each column's lines read before the next column
            ordered[role] = [c for col in sorted(cols, key=lambda col: col.x0) for c in _reading_order(by_column[id(col)])]
    for role, role2 in stacked.items():
        # The row's first line holds the upper label's value, the lines below the lower one's.
        groups = line_groups(ordered.get(role, []))
        if len(groups) > 1:
            ordered[role] = groups[0]
            ordered[role2] = ordered.get(role2, []) + [c for g in groups[1:] for c in g]
    for role, cells in ordered.items():
        if any(not c.text.isascii() for c in cells):
            # A bilingual table repeats each cell in English under the Japanese (UNO Keita,
            # Director, Naha Sales Office): the Japanese is the value.
            ordered[role] = [c for c in cells if not _translation(c.text)]
    return ordered


def _translation(text: str) -> bool:
    """English words (a romanised name, a translated post), not a Latin abbreviation (DX, IT)."""
    return text.isascii() and len(re.findall(r"[A-Za-z]", text)) >= 4 and re.search(r"[a-z]", text) is not None


def line_groups(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped by visual line (about the same centre), top to bottom, left to right."""
    groups: list[list[Cell]] = []
    for c in sorted(cells, key=lambda c: (c.y0 + c.y1) / 2):
        cy = (c.y0 + c.y1) / 2
        if groups and abs(cy - (groups[-1][0].y0 + groups[-1][0].y1) / 2) <= 0.5 * max(c.size, groups[-1][0].size):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [sorted(g, key=lambda c: c.x0) for g in groups]


def _reading_order(cells: list[Cell]) -> list[Cell]:
    """Cells of one column top to bottom; cells on about the same line (a scan's uneven
    baselines) left to right."""
    return [c for g in line_groups(cells) for c in g]


def merged_cell_text(table: Table, index: int, role: str, parted: bool = False) -> str:
    """The text of a cell merged over several rows (one 発令日 printed in the middle of a group of
    rows): the `role` cell of another row with no rule across that column between the two.
    `parted`: only where a rule parts the two rows in other columns (the merged cell is drawn, not
    an empty cell of an unruled list, whose emptiness may say something: no remark, no change)."""
    col = next((c for c in table.columns if c.role == role), None)
    if col is None or not table.horizontals or not (0 <= index < len(table.rows)):
        return ""
    x = (col.x0 + col.x1) / 2
    across = [r.y0 for r in table.horizontals if r.x0 - 1 <= x <= r.x1 + 1]
    elsewhere = [r.y0 for r in table.horizontals if not r.x0 - 1 <= x <= r.x1 + 1]
    mine = table.rows[index]
    y = (min(ln.y0 for ln in mine) + max(ln.y1 for ln in mine)) / 2
    for j, row in enumerate(table.rows):
        if j == index:
            continue
        cells = row_cells(table, row).get(role, [])
        if not cells:
            continue
        cy = sum((c.y0 + c.y1) / 2 for c in cells) / len(cells)
        if any(min(y, cy) < r < max(y, cy) for r in across):
            continue
        if parted and not any(min(y, cy) < r < max(y, cy) for r in elsewhere):
            continue
        return " ".join(c.text for c in cells)
    return ""


# --- header labels read badly (OCR) ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _header_vocabulary() -> tuple[str, ...]:
    """The literal labels HEADER_ROLES names (氏名, 新役職, 異動後, ふりがな …): each stretch of its
    patterns between regex signs that is a label on its own."""
    words = set()
    for pattern, _role in HEADER_ROLES:
        for piece in re.split(r"[()|?*+{}\[\]\\.]+", pattern):
            if len(piece) >= 2 and not re.search(r"[A-Za-z0-9#]", piece) and header_role(piece):
                words.add(piece)
    return tuple(sorted(words))


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_HEADER_NOISE = re.compile(r"[\s。、.,・:：;'\"”“’‘`~〃]+")


# Latin letters glued to the ends of a Japanese label: on a fax the dotted column rules beside a header's
# labels read as letters joined to them (torn旧所属, I旧役職a, r発人日a, メイs); no label the tables know
# starts or ends with a small Latin letter (or I, l, |: a rule) against a Japanese one (社員ID, 社員No are kept).
_GLUED_LATIN = re.compile(r"^[a-z|Il]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[a-z|Il]+$")


# A glyph a fax's engine read two or three times over (ふりりりがな, ぶりりうがな for ふりがな): no label the tables
# know prints a glyph twice in a row, so a label is compared with its runs of one glyph read once.
_STUTTER = re.compile(r"(.)\1+")
_STROKE = re.compile(r"[lIｌＩ|｜!！丨]")


def _nearest_label(text: str, loose: bool) -> str | None:
    """The known label `text` was read for: within one edit (two for four characters and more;
    `loose`: half the label) of it, and of no label of another role as near; Latin letters glued to
    its ends (`_GLUED_LATIN`) are not read."""
    t = _GLUED_LATIN.sub("", _HEADER_NOISE.sub("", squeeze(text)))
    if not 2 <= len(t) <= 8:
        return None
    t = _STUTTER.sub(r"\1", t)
    best: list[tuple[int, str]] = []
    for w in _header_vocabulary():
        if abs(len(w) - len(t)) > 1:
            continue
        d = _edits(t, w)
        limit = (len(w) + 1) // 2 if loose else (1 if len(w) < 4 else 2)
        if d == 0 or (d <= limit and d < len(w) - 0):
            best.append((d, w))
    if not best:
        return None
    d = min(x for x, _ in best)
    nearest = [w for x, w in best if x == d]
    if len({header_role(w) for w in nearest}) != 1:
        return None
    if d and len(t) <= 2 and not loose:
        return None  # two characters with one wrong: too little to go by, but in a line of labels
    return nearest[0]


_HALVES = {"名": "姓", "姓": "名"}


def _radicals(c: Cell, t: str) -> bool:
    """A one-glyph label read as two glyphs, its radicals parted (姓 read 本 妊 on a fax: 女 and 生): two kanji
    or kana in no wider a box than two ems."""
    em = max(w.size for w in c.words)
    return len(t) == 2 and bool(re.fullmatch(r"[\u3041-\u30FF\u4E00-\u9FFF]{2}", t)) and c.x1 - c.x0 <= 2.2 * em


def _name_halves(cells: list[Cell], labels: list[str | None]) -> list[str | None]:
    """`labels` with a cell of one glyph or of specks read as small letters, no label read for it, beside a
    lone half of a name (a fax's 姓 read "ら" or "sles" left of 名) read as the other half: 姓 and 名 head
    their columns as a pair, and one alone took the whole name from the given name's column (陽子 parted
    into 陽 / 子, one-kanji given names lost)."""
    texts = [lab or squeeze(c.text) for c, lab in zip(cells, labels)]
    out = list(labels)
    for i, (c, lab) in enumerate(zip(cells, labels)):
        t = _HEADER_NOISE.sub("", squeeze(c.text))
        if lab is not None or not (len(t) == 1 or re.fullmatch(r"[a-z|Il]+", t) or _radicals(c, t)):
            continue
        for j, side in ((i + 1, "名"), (i - 1, "姓")):
            if 0 <= j < len(cells) and texts[j] == side and _HALVES[side] not in texts:
                out[i] = _HALVES[side]
    return out


def _two_labels_apart(line: Line) -> Line:
    """`line` with a cell holding two labels of a header as words apart parted into one cell a label (a
    fax's dotted rule between 旧役職 and 区分 read ■ 丁, the rule itself not found: one cell, so the kind of
    change was keyed as part of the old post). Glyphs alone between the labels are the rule's specks."""
    cells: list[Cell] = []
    for c in line.cells:
        labelled = [header_role(w.text) is not None and _nearest_label(w.text, loose=False) is not None
                    for w in c.words]
        if sum(labelled) < 2:
            cells.append(c)
            continue
        for w, lab in zip(c.words, labelled):
            if lab or len(squeeze(w.text)) >= 2:
                cells.append(Cell(c.page, [w]))
    return replace(line, cells=cells) if len(cells) != len(line.cells) else line


def read_header(line: Line) -> Line:
    """An OCR'd line that is a table's header whose labels were read badly (a fax's bold labels:
    異動後 → 興動後, 異動前 → 真生前): each cell replaced by the known label it stands for, when
    at least two cells are labels or one edit from one and the line is then a header (or the
    header's unknown labels, 新職 read as 新得, when it is one already). Only the
    labels the tables already know are read this way; a line of values stays as read."""
    line = _two_labels_apart(line)
    if len(line.cells) < 2:
        return line
    found = find_header(line)
    if found and all(col.role != "other" for col in found):
        return line
    firm = [_nearest_label(c.text, loose=False) for c in line.cells]
    if sum(1 for f in firm if f) < 2:
        return line
    labels = [f or _nearest_label(c.text, loose=True) for c, f in zip(line.cells, firm)]
    labels = _name_halves(line.cells, labels)
    cells = []
    for c, label in zip(line.cells, labels):
        if label is None and (not re.search(r"[^\W_]", squeeze(c.text)) or _STROKE.fullmatch(squeeze(c.text))):
            # specks read as marks (。。), or a column rule's stroke read as a letter of its own (l, |)
            # where the rule itself was not found: no label, and as a column they would take the
            # values under them (a roster's names under an "l" column left 氏名 empty)
            continue
        # a header already found keeps the labels it knows (新役職（現役職）, a dated label)
        if label is None or squeeze(c.text) == label or (found and header_role(c.text)):
            cells.append(c)
            continue
        w0, w1 = c.words[0], c.words[-1]
        word = Word(label, w0.x0, min(w.y0 for w in c.words), w1.x1, max(w.y1 for w in c.words),
                    size=max(w.size for w in c.words), conf=min(w.conf for w in c.words))
        cells.append(Cell(c.page, [word]))
    repaired = replace(line, cells=cells)
    return repaired if find_header(repaired) and repaired.text != line.text else line


def _aligned(a: Cell, b: Cell, em: float) -> bool:
    # a card's labels are centred in their box (氏名 and 新所属 share a middle, not a left edge)
    return abs(a.x0 - b.x0) <= 0.5 * em or abs(a.cx - b.cx) <= 0.5 * em


def read_form_labels(lines: list[Line]) -> list[Line]:
    """An OCR'd form's labels read badly (a fax: ぶり)がな for ふりがな, 発信日 or 発日 for 発令日, 旧所雇 for
    旧所属), so a person's block or card broke at them and its reading or posts were lost. A form prints
    its labels in a column, each followed by its value; a cell standing in such a column (at least
    three labels printed there whole, each with a value after it), itself no label and followed by
    no label, is read as the label of that column it is nearest (up to half of it wrong, and no
    other label of the column as near), else as the vocabulary's label one edit away (two for four
    characters and more). 発信日 is a word, but not in a column of 発令日: there it is the label misread."""
    if len(lines) < 3:
        return lines
    sizes = sorted(c.size for ln in lines for c in ln.cells)
    em = sizes[len(sizes) // 2] if sizes else 10.0

    def label(c: Cell) -> bool:
        return len(squeeze(c.text)) <= 12 and header_role(c.text) is not None

    anchors: list[tuple[Cell, str]] = []
    for ln in lines:
        for i, c in enumerate(ln.cells):
            if label(c) and i + 1 < len(ln.cells) and not label(ln.cells[i + 1]):
                anchors.append((c, _HEADER_NOISE.sub("", squeeze(c.text))))
    if len(anchors) < 3:
        return lines
    out = []
    for ln in lines:
        cells: list[Cell] = []
        for i, c in enumerate(ln.cells):
            # the label's own cell, or its first word where a label's box reached its value (発信日 2025年4月1日,
            # 新所属 製造部 課長 in one cell: a scan's gap narrower than the print's)
            whole = _HEADER_NOISE.sub("", squeeze(c.text)) in _header_vocabulary()  # 新所属 ・ 役職 is one label
            heads = [c] + ([Cell(c.page, c.words[:1])] if len(c.words) >= 2 and not whole else [])
            for head in heads:
                rest = c.words[len(head.words):]
                after = Cell(c.page, rest) if rest else (ln.cells[i + 1] if i + 1 < len(ln.cells) else None)
                if rest and label(head) and not label(after) and sum(_aligned(a, head, em) for a, _t in anchors) >= 3:
                    cells += [head, after]
                    break
                new = _form_label(head, after, anchors, label, em)
                if new:
                    w0, w1 = head.words[0], head.words[-1]
                    word = Word(new, w0.x0, min(w.y0 for w in head.words), w1.x1, max(w.y1 for w in head.words),
                                size=max(w.size for w in head.words), conf=min(w.conf for w in head.words))
                    cells += [Cell(c.page, [word])] + ([Cell(c.page, rest)] if rest else [])
                    break
            else:
                cells.append(c)
        out.append(replace(ln, cells=cells) if cells != ln.cells else ln)
    return out


def _form_label(c: Cell, after: Cell | None, anchors: list[tuple[Cell, str]], label, em: float) -> str | None:
    """The label of a form's label column `c` was read for (`read_form_labels`), or None."""
    t = _HEADER_NOISE.sub("", squeeze(c.text))
    if not 2 <= len(t) <= 8 or label(c) or (after is not None and label(after)):
        return None
    t = _STUTTER.sub(r"\1", t)
    column = [a for cell, a in anchors if _aligned(cell, c, em)]
    if len(column) < 3:
        return None
    near = sorted((_edits(t, a), a) for a in set(column) if abs(len(a) - len(t)) <= 1)
    near = [(d, a) for d, a in near if d <= (len(a) + 1) // 2 and d < len(a)]
    if near and (len(near) == 1 or near[1][0] > near[0][0]):
        return near[0][1]
    # the column's label whole with a speck read as a glyph at either end or both (凍旧所属F for 旧所属)
    inside = {a for a in column if len(a) >= 2 and (i := t.find(a)) in (0, 1) and len(t) - i - len(a) <= 1 and len(t) > len(a)}
    if len(inside) == 1:
        return inside.pop()
    return _nearest_label(c.text, loose=False)


def read_page(page: PageLayout) -> tuple[PageLayout, list[Line]]:
    """A page as every reader of it starts (the keyer's pipeline, the learned tagger): its rules
    typed, its lines with quotes unwrapped, padded names merged and an OCR'd header's labels repaired."""
    page = typed_rules(page)
    if page.source == "ocr":
        page = replace(page, words=[w for w in page.words if not _rule_read_as_letters(w, page.rules)])
    lines = unquoted(page_lines(page))
    for ln in lines:
        ln.cells = merge_padded_name(ln.cells, page.rules)
    if page.source == "ocr":
        lines = read_form_labels(_repeated_headers([read_header(ln) for ln in lines]))
    return page, lines


def _repeated_headers(lines: list[Line]) -> list[Line]:
    """OCR'd headers of one page printed alike (a table a date, each under the same header): a label read
    as noise in one (旧職 read as に on a fax, the old posts of that table lost) is read as the label of
    the same column in another, where every cell of both lines stands in the same column (centres within
    an em) and that label is known. Nothing is read from outside the page."""
    headers = [(k, [header_role(c.text) for c in ln.cells]) for k, ln in enumerate(lines)
               if len(ln.cells) >= 3 and find_header(ln)]
    out = list(lines)
    for k, roles in headers:
        if all(roles):
            continue
        ln = out[k]
        for j, other in headers:
            there = lines[j]
            if j == k or len(there.cells) != len(ln.cells):
                continue
            em = max(w.size for c in ln.cells for w in c.words)
            if any(abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) > em for a, b in zip(ln.cells, there.cells)):
                continue
            if any(r and r != q for r, q in zip(roles, other)):
                continue  # another table's header
            cells = []
            for c, r, b, q in zip(ln.cells, roles, there.cells, other):
                if r or not q:
                    cells.append(c)
                    continue
                w0, w1 = c.words[0], c.words[-1]
                cells.append(Cell(c.page, [Word(squeeze(b.text), w0.x0, min(w.y0 for w in c.words), w1.x1,
                                                max(w.y1 for w in c.words), size=max(w.size for w in c.words),
                                                conf=min(w.conf for w in c.words))]))
            repaired = replace(ln, cells=cells)
            if find_header(repaired):
                out[k] = repaired
                break
    return out
