"""Text-layer keyer: extracts personnel-change records from a PDF's text layer by rules.

It needs no GPU and serves as the baseline the VLM keyer is compared against. It reads
the positioned characters of each page (PyMuPDF ``rawdict``) and the vector drawings
(``get_drawings``: table rules and underlines), rebuilds phrases, lines and table cells
from geometry, then applies the keying rules of ``samples/README.md`` (one record per
person whose post changes, values normalised with NFKC and folded whitespace, kana in
hiragana, ISO dates).

Nothing here knows the sample contents: layouts are recognised by generic cues
(column headers such as 氏名 / 新役職 / 旧役職, ``新：`` / ``旧：`` labels, numbered
sections with a ``…付`` date) and values come from positions. When the rules cannot
tell a value, the record is left out rather than guessed; when nothing is recognised
the keyer raises ``KeyerFailure(UNAVAILABLE)`` and the document goes to a second human.

Layouts (each has an extractor below whose docstring gives its rules):

* ``table_kana``, ``roster_underline``, ``multi_date`` — tables: ``_extract_tables``.
* ``two_column`` — entries with ``新：`` / ``旧：`` lines, one or two columns:
  ``_extract_label_list``.
* ``officer_text`` — press-release sections of free-text lines: ``_extract_officer_text``.

Document-wide rules shared by all layouts: ``_find_company`` (announcing company),
``_find_date_markers`` (which dates are effective dates) and ``_split_name``
(family / given split, guided by the printed reading).

A name printed without a space (佐藤次郎) is split where its kanji read as the two parts
of the printed reading (さとう じろう), using pykakasi's kanji dictionary. Without pykakasi
installed the split falls back to a two-kanji family name and the record is listed in
``KeyerOutput.meta["uncertain_name_splits"]``; records left out are listed, with the
reason, in ``meta["skipped"]``; ``meta["layout"]`` names the layout recognised.
"""
from __future__ import annotations

import datetime
import json
import re
import statistics
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from inference.base import FailureKind, Keyer, KeyerFailure, KeyerInput, KeyerOutput
from dataentry.normalization import norm_kana, norm_text  # the one written-down rule set

MODEL = "textlayer-rules"
PROMPT_VERSION = "rules-1"
SUPPORTED_SLUG = "personnel_change"
DEPARTURE = "退任"

# ---------------------------------------------------------------------------
# Normalisation (the ground-truth rules of samples/README.md)
# ---------------------------------------------------------------------------


def _nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


_KANA_RE = re.compile(r"^[\u3041-\u309F\u30A0-\u30FF\uFF66-\uFF9F\s・ー]+$")
_NAME_CHAR_RE = re.compile(r"^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶヵ\u3041-\u309F\u30A1-\u30FFー]+$")
_KANJI_RE = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶ]")


def unbracket(s: str) -> str:
    """（やまだ たろう） → やまだ たろう: a reading may be printed in brackets."""
    t = unicodedata.normalize("NFKC", s).strip()
    m = re.fullmatch(r"[(\[【]\s*(.*?)\s*[)\]】]", t)
    return m.group(1) if m else t


def is_kana_text(s: str) -> bool:
    """Only kana (hiragana, katakana, half-width katakana), possibly in brackets."""
    t = unbracket(s)
    return bool(t) and bool(_KANA_RE.match(t))


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_RE = re.compile(
    r"(?:(?P<era>令和|平成|昭和)\s*(?P<ey>元|\d{1,2})|(?P<y>\d{4}))\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<y2>\d{4})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<d2>\d{1,2})(?!\d)"
    r"|(?<![A-Za-z])(?P<era3>[RHS])\s*(?P<ey3>\d{1,2})\s*[/.]\s*(?P<m3>\d{1,2})\s*[/.]\s*(?P<d3>\d{1,2})(?!\d)"
)
# The date applies to the change: "…付", or after a label such as 発令日：.
_EFFECTIVE_LABEL_RE = re.compile(
    r"(発令日?|発令年月日|効力発生日|異動日|実施日|就任日|発効日|適用日)\s*[:：]?\s*[(（【]?\s*$")


def _kanji_number(s: str) -> int:
    """一〇 / 十二 / 二十五 style numerals (only what dates need)."""
    if "十" not in s:
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _prepare_date_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[〇零一二三四五六七八九十]+(?=\s*[年月日])", lambda m: str(_kanji_number(m.group())), s)


def _date_from_match(m: re.Match) -> str | None:
    g = m.groupdict()
    try:
        if g["m"]:
            if g["era"]:
                year = _ERA_BASE[g["era"]] + (1 if g["ey"] == "元" else int(g["ey"]))
            else:
                year = int(g["y"])
            d = datetime.date(year, int(g["m"]), int(g["d"]))
        elif g["m2"]:
            d = datetime.date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        else:
            d = datetime.date(_ERA_BASE[g["era3"]] + int(g["ey3"]), int(g["m3"]), int(g["d3"]))
    except ValueError:
        return None
    return d.isoformat()


def parse_date(s: str) -> str | None:
    """The first date in ``s`` as ISO ``YYYY-MM-DD`` (western, 和暦, 元年, full-width, 2025/4/1)."""
    m = _DATE_RE.search(_prepare_date_text(s))
    return _date_from_match(m) if m else None


def effective_dates_in(s: str) -> list[str]:
    """Dates in ``s`` that state when a change takes effect (…付, 発令日：…).

    Announcement dates, board-meeting dates (…開催) and dates of organisational
    changes (a sentence about 組織) are not effective dates.
    """
    text = _prepare_date_text(s)
    if "組織" in text and "人事" not in text:
        return []
    out = []
    for m in _DATE_RE.finditer(text):
        after = text[m.end():].lstrip()
        before = text[: m.start()]
        if after.startswith("付") or _EFFECTIVE_LABEL_RE.search(before):
            iso = _date_from_match(m)
            if iso:
                out.append(iso)
    return out


# ---------------------------------------------------------------------------
# Page model: phrases rebuilt from positioned characters, rules from drawings
# ---------------------------------------------------------------------------


@dataclass
class Phrase:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str  # as printed, spaces between words kept as " " or "\u3000"
    # (index in text, x0, x1) of each printed character, so that a phrase can be cut where
    # two table cells ran into one span
    chars: list[tuple[int, float, float]] = field(default_factory=list)

    @property
    def norm(self) -> str:
        return norm_text(self.text)

    def append(self, sep: str, other: "Phrase") -> None:
        offset = len(self.text) + len(sep)
        self.chars += [(i + offset, a, b) for i, a, b in other.chars]
        self.text += sep + other.text
        self.x1, self.y0, self.y1 = max(self.x1, other.x1), min(self.y0, other.y0), max(self.y1, other.y1)

    def split_near(self, x: float) -> tuple["Phrase", "Phrase"] | None:
        """Cut at a visible gap between two characters within a few points of ``x`` (a column edge)."""
        best: tuple[float, int] | None = None
        for k in range(1, len(self.chars)):
            gap_from, gap_to = self.chars[k - 1][2], self.chars[k][1]
            if gap_to - gap_from < 1.5:
                continue  # characters of one word touch
            distance = 0.0 if gap_from <= x <= gap_to else min(abs(x - gap_from), abs(x - gap_to))
            if distance <= 4.0 and (best is None or distance < best[0]):
                best = (distance, k)
        if best is None:
            return None
        k = best[1]
        i, a = self.chars[k][0], self.chars[k][1]
        left = Phrase(self.page, self.x0, self.y0, self.chars[k - 1][2], self.y1, self.size,
                      self.text[:i].rstrip(), self.chars[:k])
        right = Phrase(self.page, a, self.y0, self.x1, self.y1, self.size, self.text[i:],
                       [(j - i, a2, b2) for j, a2, b2 in self.chars[k:]])
        return left, right

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Segment:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= 1.5 and self.x1 - self.x0 > 2

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= 1.5 and self.y1 - self.y0 > 2


@dataclass
class Page:
    number: int  # 0-based
    width: float
    height: float
    phrases: list[Phrase]
    segments: list[Segment]

    def lines(self, phrases: list[Phrase] | None = None) -> list[Phrase]:
        """Phrases on one visual line joined left to right (used for running text)."""
        return _join_lines(self.phrases if phrases is None else phrases)


def _phrases_from_rawdict(raw: dict, pno: int, walls: list["Segment"]) -> list[Phrase]:
    """Split spans at wide gaps (table cells) and join close characters into phrases.

    A gap counts as a cell break when it is wider than the space characters printed in it
    allow for (more than ~1 em unexplained), or when a vertical rule runs through it.
    """
    out: list[Phrase] = []
    for block in raw.get("blocks", []):
        if block.get("type") != 0:
            continue
        for line in block.get("lines", []):
            direction = line.get("dir", (1, 0))
            if abs(direction[1]) > 0.1:  # vertical or rotated text is not part of these layouts
                continue
            for span in line.get("spans", []):
                size = float(span.get("size") or 10.0)
                cur: Phrase | None = None
                pending_space, space_width = "", 0.0
                for ch in span.get("chars", []):
                    c = ch["c"]
                    x0, y0, x1, y1 = ch["bbox"]
                    if not c or c.isspace():
                        if cur is not None:
                            pending_space = pending_space or c
                            space_width += max(x1 - x0, 0.0)
                        continue
                    if cur is not None and (x0 - cur.x1 - space_width > 0.9 * size
                                            or _wall_between(walls, cur.x1, x0, y0, y1)):
                        out.append(cur)
                        cur = None
                    one = Phrase(pno, x0, y0, x1, y1, size, c, [(0, x0, x1)])
                    if cur is None:
                        cur = one
                    else:
                        gap = x0 - cur.x1
                        cur.append(pending_space or (" " if gap > 0.3 * size else ""), one)
                    pending_space, space_width = "", 0.0
                if cur is not None:
                    out.append(cur)
    return _merge_adjacent(out, walls)


def _wall_between(walls: list["Segment"], xa: float, xb: float, ya: float, yb: float) -> bool:
    mid = (ya + yb) / 2
    return any(xa - 0.5 <= w.x0 <= xb + 0.5 and w.y0 - 1 <= mid <= w.y1 + 1 for w in walls)


def _same_line(a: Phrase, b: Phrase) -> bool:
    h = min(a.y1 - a.y0, b.y1 - b.y0)
    return abs(a.cy - b.cy) < 0.4 * max(h, 1.0)


def _merge_adjacent(phrases: list[Phrase], walls: list["Segment"]) -> list[Phrase]:
    """Join phrases from separate spans that continue each other on one line (a small gap)."""
    out: list[Phrase] = []
    for p in sorted(phrases, key=lambda p: (p.page, p.x0)):
        for q in out:
            gap = p.x0 - q.x1
            if q.page == p.page and _same_line(q, p) and -0.5 <= gap <= 0.6 * max(p.size, q.size) \
                    and not _wall_between(walls, q.x1, p.x0, p.y0, p.y1):
                q.append(" " if gap > 0.3 * q.size else "", p)
                break
        else:
            out.append(Phrase(p.page, p.x0, p.y0, p.x1, p.y1, p.size, p.text, list(p.chars)))
    return sorted(out, key=lambda p: (p.page, p.y0, p.x0))


def _join_lines(phrases: list[Phrase]) -> list[Phrase]:
    lines: list[list[Phrase]] = []
    for p in sorted(phrases, key=lambda p: (p.page, p.cy, p.x0)):
        if lines and lines[-1][0].page == p.page and _same_line(lines[-1][0], p):
            lines[-1].append(p)
        else:
            lines.append([p])
    out = []
    for group in lines:
        group.sort(key=lambda p: p.x0)
        out.append(Phrase(
            group[0].page, min(p.x0 for p in group), min(p.y0 for p in group), max(p.x1 for p in group),
            max(p.y1 for p in group), max(p.size for p in group), " ".join(p.text for p in group),
        ))
    return out


def _segments(drawings: list[dict], pno: int) -> list[Segment]:
    out = []
    for d in drawings:
        for item in d.get("items", []):
            kind = item[0]
            if kind == "l":
                p1, p2 = item[1], item[2]
                out.append(Segment(pno, min(p1.x, p2.x), min(p1.y, p2.y), max(p1.x, p2.x), max(p1.y, p2.y)))
            elif kind == "re":
                r = item[1]
                if r.height <= 1.5:  # a thin filled bar: drawn underline or rule
                    out.append(Segment(pno, r.x0, r.y0 + r.height / 2, r.x1, r.y0 + r.height / 2))
                elif r.width <= 1.5:
                    out.append(Segment(pno, r.x0 + r.width / 2, r.y0, r.x0 + r.width / 2, r.y1))
                else:
                    out += [Segment(pno, r.x0, r.y0, r.x1, r.y0), Segment(pno, r.x0, r.y1, r.x1, r.y1),
                            Segment(pno, r.x0, r.y0, r.x0, r.y1), Segment(pno, r.x1, r.y0, r.x1, r.y1)]
    return out


def load_pages(pdf_path: Path) -> list[Page]:
    """Open the PDF and read every page's text layer; UNAVAILABLE when it cannot be read."""
    import pymupdf

    try:
        doc = pymupdf.open(str(pdf_path))
    except Exception as exc:  # any broken/unsupported file
        raise KeyerFailure(FailureKind.UNAVAILABLE, f"cannot open PDF: {exc}") from exc
    try:
        if doc.needs_pass:
            raise KeyerFailure(FailureKind.UNAVAILABLE, "PDF is encrypted")
        if not doc.is_pdf or doc.page_count == 0:
            raise KeyerFailure(FailureKind.UNAVAILABLE, "not a PDF with pages")
        pages = []
        for page in doc:
            raw = page.get_text("rawdict")
            segments = _segments(page.get_drawings(), page.number)
            phrases = _phrases_from_rawdict(raw, page.number, [s for s in segments if s.vertical])
            if not phrases:
                has_image = any(b.get("type") == 1 for b in raw.get("blocks", [])) or bool(page.get_images())
                if has_image or doc.page_count == 1:
                    raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {page.number + 1} has no text layer")
            text = "".join(p.text for p in phrases)
            if text and text.count("\ufffd") > 0.2 * len(text):
                raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {page.number + 1} has an unreadable text layer")
            pages.append(Page(page.number, page.rect.width, page.rect.height, phrases, segments))
    except KeyerFailure:
        raise
    except Exception as exc:  # damaged content streams surface here
        raise KeyerFailure(FailureKind.UNAVAILABLE, f"cannot read PDF text layer: {exc}") from exc
    finally:
        doc.close()
    if not any(p.phrases for p in pages):
        raise KeyerFailure(FailureKind.UNAVAILABLE, "the PDF has no text layer")
    return pages


# ---------------------------------------------------------------------------
# Document-wide rules
# ---------------------------------------------------------------------------

_CORP_RE = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|ホールディングス|"
                      r"Co\.,?\s?Ltd|Inc\.|Corporation|Corp\.")
_PAGE_NO_RE = re.compile(r"^(-\s*\d+\s*-|\d+\s*/\s*\d+|\d+|page\s*\d+.*|\d+\s*頁)$", re.I)
_NUMBERING_RE = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}\s*[.、)](?!\d)|\d{1,2}(?=\s)|第\s*\d{1,2}\s*[.、]?|"
                           r"[一二三四五六七八九十]{1,3}\s*[、.]|[■□◆◇●○◎▼▽【<])\s*")
_BULLET_RE = re.compile(r"^\s*[・\-‐]\s*")


def _title(pages: list[Page]) -> Phrase | None:
    first = pages[0].phrases
    if not first:
        return None
    biggest = max(first, key=lambda p: p.size)
    return biggest if biggest.size >= 1.2 * statistics.median(p.size for p in first) else None


def _company_from_text(t: str) -> str:
    """Keep the tokens that name the company: drop a department after it (… 人事部)."""
    tokens = t.split(" ")
    for i, tok in enumerate(tokens):
        if _CORP_RE.search(tok):
            if _CORP_RE.fullmatch(tok) and i == 0 and len(tokens) > 1:
                return " ".join(tokens[:2])
            if _CORP_RE.fullmatch(tok) and i > 0:
                return " ".join(tokens[i - 1:i + 1])
            return tok
    return t


def _find_company(pages: list[Page]) -> str:
    """The announcing company.

    1. A 会社名 label (also spaced out as 会 社 名) in the letterhead or footer: the text
       after it, up to 代表者名 or a wide gap.
    2. Otherwise a short stand-alone line naming a company (株式会社, 合同会社, …)
       above the title (running header, sender block) or in the footer zone.
    """
    for page in pages:
        for line in page.lines():
            t = line.norm
            m = re.search(r"会\s*社\s*名\s*[:：]?\s*(.*)", t)
            if not m:
                continue
            value = re.split(r"\s*代\s*表\s*者|\s*問\s*合|\s*所\s*在\s*地", m.group(1))[0].strip()
            if value and not any(_header_role(tok) for tok in value.split(" ")):  # not a table's header row
                return _company_from_text(value)
    title = _title(pages)
    candidates: list[tuple[int, Phrase]] = []
    for page in pages:
        for p in page.phrases:
            t = p.norm
            if not _CORP_RE.search(t) or len(t) > 40 or re.search(r"[、。]", t) or t.startswith("("):
                continue
            in_header = page.number == 0 and title is not None and p.y1 <= title.y0
            in_footer = p.y0 >= 0.85 * page.height
            if in_header or in_footer:
                candidates.append((0 if in_header else 1, p))
    if not candidates:
        return ""
    candidates.sort(key=lambda c: (c[0], c[1].page, c[1].y0))
    return _company_from_text(candidates[0][1].norm)


@dataclass(frozen=True, order=True)
class Pos:
    """Reading position: page, then column, then height on the page."""
    page: int
    column: int
    y: float


@dataclass
class DateMarker:
    page: int
    y: float
    iso: str


def _find_date_markers(pages: list[Page]) -> list[DateMarker]:
    markers = []
    for page in pages:
        for line in page.lines():
            for iso in effective_dates_in(line.text):
                markers.append(DateMarker(page.number, line.y0, iso))
    return markers


def _date_for(pos: Pos, markers: list[DateMarker]) -> str:
    """The latest effective-date marker above the record (reading order); else the next one below."""
    before = [m for m in markers if (m.page, m.y) <= (pos.page, pos.y + 0.5)]
    if before:
        return before[-1].iso
    after = [m for m in markers if (m.page, m.y) > (pos.page, pos.y)]
    return after[0].iso if after else ""


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

# Reading lookup for variant kanji uses the standard form (the value keeps the variant).
_VARIANT_FOR_READING = str.maketrans("髙﨑嵜濵濱德邉邊栁齋齊澤櫻廣眞", "高崎崎浜浜徳辺辺柳斎斉沢桜広真")
_VOICED = str.maketrans("がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ",
                        "かきくけこさしすせそたちつてとはひふへほはひふへほ")


@lru_cache(maxsize=1)
def _kanwa():
    """pykakasi's kanji dictionary (word -> readings), when installed; None otherwise.

    Optional: it lets names printed without a space be split where the kanji read as the
    printed kana. Without it the split falls back to the commonest name shape.
    """
    try:
        from pykakasi.kanji import Itaiji, Kanwa

        return Kanwa(), Itaiji()
    except Exception:
        return None


@lru_cache(maxsize=8192)
def _word_readings(ch: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Dictionary words starting with ``ch`` and their readings (unvoiced hiragana)."""
    kw = _kanwa()
    if kw is None:
        return ()
    try:
        table = kw[0].load(ch) or {}
    except Exception:
        return ()
    out = []
    for word, readings in table.items():
        ys = set()
        for yomi, con in readings:
            if con is None and yomi:  # entries with okurigana context are verb stems, not name readings
                y = norm_kana(yomi).translate(_VOICED)
                ys.add(y)
                if y[-1] in "つちくき" and len(y) > 1:
                    ys.add(y[:-1] + "っ")  # 服部 = はっとり
        if ys:
            out.append((word, tuple(sorted(ys))))
    return tuple(out)


@lru_cache(maxsize=4096)
def _reads_as(word: str, kana: str) -> bool:
    """Whether the kanji of ``word`` can be read as ``kana`` word by word (rendaku allowed)."""
    if not word or not kana or _kanwa() is None:
        return False
    try:
        word = _kanwa()[1].convert(word.translate(_VARIANT_FOR_READING))
    except Exception:
        word = word.translate(_VARIANT_FOR_READING)
    kana = norm_kana(kana).translate(_VOICED)
    reach = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if i == len(word):
            if j == len(kana):
                return True
            continue
        steps: list[tuple[int, int]] = []
        c = word[i]
        if is_kana_text(c):
            steps.append((1, 1) if norm_kana(c).translate(_VOICED) == kana[j:j + 1] else (0, 0))
        elif c == "々" and i > 0:
            for w, ys in _word_readings(word[i - 1]):
                if len(w) == 1:
                    steps += [(1, len(y)) for y in ys if kana.startswith(y, j)]
        else:
            for w, ys in _word_readings(c):
                if word.startswith(w, i):
                    steps += [(len(w), len(y)) for y in ys if kana.startswith(y, j)]
        for di, dj in steps:
            nxt = (i + di, j + dj)
            if di and nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    return False


def _kanji_count(s: str) -> int:
    return sum(1 for c in s if _KANJI_RE.match(c))


def _plausible(part: str, kana: str) -> bool:
    """Each kanji reads 1–5 kana; kana in the name are read as themselves."""
    k = _kanji_count(part)
    rest = len(part) - k
    return k + rest <= len(kana) <= 5 * k + rest


def _split_joined(name: str, fam_kana: str, giv_kana: str) -> tuple[int, bool] | None:
    """Where a name printed without a space splits, from its reading (さとう じろう).

    A split must be plausible for the kana lengths; a split whose parts read as the
    printed kana (dictionary readings, when pykakasi is installed) wins; otherwise the
    most common shape, a two-kanji family name. Returns (split, backed by the reading).
    """
    best: tuple[float, int, bool] | None = None
    for k in range(1, len(name)):
        fam, giv = name[:k], name[k:]
        if not (_plausible(fam, fam_kana) and _plausible(giv, giv_kana)):
            continue
        fam_ok, giv_ok = _reads_as(fam, fam_kana), _reads_as(giv, giv_kana)
        score = {2: 1.0, 1: 0.4, 3: 0.4}.get(k, 0.0) + 4 * fam_ok + 4 * giv_ok
        if is_kana_text(name[k - 1]) != is_kana_text(name[k]):
            score += 2  # script change (佐藤ゆかり) marks the boundary
        if best is None or score > best[0]:
            best = (score, k, fam_ok and giv_ok)
    return (best[1], best[2]) if best else None


def _split_name(name_text: str, reading: str = "") -> tuple[str, str, str, str, bool] | None:
    """(family, given, family kana, given kana, split is certain) or None when unknown.

    The printed space splits the name; without one, the space in the printed reading
    does. Kana come only from a printed reading.
    """
    name = norm_text(name_text)
    reading = unbracket(reading) if reading else ""
    kana_parts = [norm_kana(x) for x in norm_text(reading).split(" ") if x] if reading else []
    fam_kana, giv_kana = (kana_parts[0], "".join(kana_parts[1:])) if len(kana_parts) >= 2 else ("", "")
    if len(kana_parts) == 1:  # reading without a space: split it like the name, by dictionary
        fam_kana = giv_kana = ""
    tokens = name.split(" ") if name else []
    if not tokens or not all(_NAME_CHAR_RE.match(t) for t in tokens):
        return None
    certain = True
    if len(tokens) == 2:
        fam, giv = tokens
    elif len(tokens) > 2 or len(tokens) == 1:
        joined = "".join(tokens)
        if not fam_kana:
            return _split_at_widest_gap(name_text) if len(tokens) > 2 else None
        split = _split_joined(joined, fam_kana, giv_kana)
        if split is None:
            return None
        k, certain = split
        fam, giv = joined[:k], joined[k:]
    if len(kana_parts) == 1:
        fam_kana, giv_kana = _split_reading(kana_parts[0], fam, giv)
    return fam, giv, fam_kana, giv_kana, certain


def _split_at_widest_gap(printed: str) -> tuple[str, str, str, str, bool] | None:
    """均等割り (佐 藤　　太 郎): the widest run of spaces separates family and given name."""
    text = unicodedata.normalize("NFKC", printed.replace("\u3000", "  ")).strip()
    runs = list(re.finditer(r"\s+", text))
    if not runs:
        return None
    widest = max(len(m.group()) for m in runs)
    at = [m for m in runs if len(m.group()) == widest]
    if len(at) != 1:
        return None
    fam, giv = _nospace(text[: at[0].start()]), _nospace(text[at[0].end():])
    return (fam, giv, "", "", True) if fam and giv else None


def _split_reading(kana: str, fam: str, giv: str) -> tuple[str, str]:
    """A reading printed without a space: split where the family name's kanji stop reading."""
    cuts = [j for j in range(1, len(kana)) if _reads_as(fam, kana[:j]) and _reads_as(giv, kana[j:])]
    return (kana[:cuts[0]], kana[cuts[0]:]) if len(cuts) == 1 else ("", "")


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------

_DEPARTURE_RE = re.compile(r"^[(]?(退任|退任予定|退職|退職予定|辞任|辞任予定|退社)[)]?$")
# An outside employer: a token that ends like an organisation's name (not a department).
_ORG_TOKEN_RE = re.compile(r"^(株式会社|有限会社|合同会社)|"
                           r"(株式会社|有限会社|合同会社|合資会社|法人|銀行|信用金庫|大学|大学院|事務所|協会|機構|組合|財団|庁|省|Inc\.?|Ltd\.?|Corporation|Corp\.?|LLC|"
                           r"ホールディングス)$")


def clean_new_post(s: str) -> str:
    s = norm_text(s)
    return DEPARTURE if _DEPARTURE_RE.match(_nospace(s)) else s


def clean_old_post(s: str) -> str:
    """Drop 現 / 現職 / 当社 and an outside employer's name in front of the post."""
    s = norm_text(s)
    for _ in range(3):
        before = s
        s = re.sub(r"^(現職|当社)\s*[:：]?\s*", "", s)
        s = re.sub(r"^現(?:\s*[:：]\s*|\s+|(?=[^場業地在況代物像金役]))", "", s)
        s = s.strip()
        if s == before:
            break
    tokens = s.split(" ")
    if len(tokens) >= 2 and _ORG_TOKEN_RE.search(tokens[0]):
        s = " ".join(tokens[1:])
    return s


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass
class Found:
    pos: Pos
    name: str
    reading: str = ""
    new_post: str = ""
    old_post: str = ""
    company: str = ""
    date: str = ""


@dataclass
class Extraction:
    layout: str
    found: list[Found] = field(default_factory=list)


def _to_records(ex: Extraction, company: str, markers: list[DateMarker], notes: dict[str, list[str]]) -> list[dict]:
    skipped = notes.setdefault("skipped", [])
    uncertain = notes.setdefault("uncertain_name_splits", [])
    records = []
    for f in sorted(ex.found, key=lambda f: f.pos):
        split = _split_name(f.name, f.reading)
        if split is None:
            skipped.append(f"cannot split name {norm_text(f.name)!r}")
            continue
        new_post = clean_new_post(f.new_post)
        if not new_post:
            skipped.append(f"no new post for {norm_text(f.name)!r}")
            continue
        fam, giv, fam_kana, giv_kana, certain = split
        if not certain:  # shape-based split (two-kanji family name) that no dictionary reading backs
            uncertain.append(f"{fam} {giv}")
        person_company = norm_text(f.company)
        if not person_company or _nospace(person_company) == "当社":
            person_company = company
        records.append({
            "effective_date": f.date or _date_for(f.pos, markers),
            "family_name": fam,
            "given_name": giv,
            "company": person_company,
            "family_name_kana": fam_kana,
            "given_name_kana": giv_kana,
            "new_post": new_post,
            "old_post": clean_old_post(f.old_post),
        })
    return records


# ---------------------------------------------------------------------------
# Layout: tables (table_kana, roster_underline, multi_date)
# ---------------------------------------------------------------------------


def _header_role(label: str) -> str | None:
    t = _nospace(unicodedata.normalize("NFKC", label))
    if not t or len(t) > 12:
        return None
    if re.search(r"ふりがな|フリガナ|よみがな|ヨミガナ|^読み|^カナ$", t):
        return "kana"
    if re.match(r"^(氏名|名前|氏名\(.*\)|社員名|対象者)$", t):
        return "name"
    if "会社" in t:
        return "company"
    if re.search(r"発令日|異動日|発令年月日|効力発生日|^日付$", t):
        return "date"
    if re.match(r"^(備考|摘要|No\.?|番号|区分|NO\.?)$", t):
        return "other"
    if re.search(r"異動前|^(旧|現|前)|[(（](旧|現|前)[)）]", t):
        return "old"
    if re.search(r"異動後|発令後|^(新|発令|就任)|[(（]新[)）]", t):
        return "new"
    return None


@dataclass
class Column:
    role: str
    lo: float
    hi: float
    label_cx: float = 0.0


@dataclass
class Header:
    page: int
    y0: float
    y1: float
    columns: list[Column]
    ruled: bool = False       # column bounds come from vertical rules
    by_left: bool = False     # bounds are the cells' left edges: assign phrases by their left edge

    def column_of(self, p: Phrase) -> Column | None:
        x = p.x0 + 1 if self.by_left else p.cx
        for c in self.columns:
            if c.lo <= x < c.hi:
                return c
        return None

    def fits(self, p: Phrase) -> bool:
        """A cell lies in one column; a sentence across the table covers other columns' labels."""
        c = self.column_of(p)
        if c is None:
            return False
        return not any(o is not c and p.x0 + 2 < o.label_cx < p.x1 - 2 for o in self.columns)

    def refined(self, body: list[Phrase]) -> "Header":
        """Without vertical rules, put each column boundary at the left edge of that column's cells."""
        if self.ruled or not body:
            return self
        cols = [Column(c.role, c.lo, c.hi, c.label_cx) for c in self.columns]
        for i in range(1, len(cols)):
            xs = [p.x0 for p in body if self.column_of(p) is self.columns[i]]
            if not xs:
                continue
            edge = max(min(xs) - 1, cols[i - 1].label_cx + 1)
            cols[i].lo = cols[i - 1].hi = edge
        return Header(self.page, self.y0, self.y1, cols, self.ruled, by_left=True)


def _find_headers(page: Page) -> list[Header]:
    headers = []
    for line in _group_lines(page.phrases):
        roles = [(_header_role(p.text), p) for p in line]
        labelled = [(r, p) for r, p in roles if r]
        kinds = {r for r, _ in labelled}
        if "name" not in kinds or not kinds & {"new", "old"} or len(labelled) < max(2, len(line) - 1):
            continue
        labelled.sort(key=lambda rp: rp[1].x0)
        vx = sorted({round(s.x0, 1) for s in page.segments if s.vertical
                     and s.y0 - 2 <= line[0].cy <= s.y1 + 2})
        cols = []
        for i, (role, p) in enumerate(labelled):
            lo = float("-inf") if i == 0 else cols[-1].hi
            if i + 1 < len(labelled):
                nxt = labelled[i + 1][1]
                between = [x for x in vx if p.x1 - 1 <= x <= nxt.x0 + 1]
                mid = (p.cx + nxt.cx) / 2
                hi = min(between, key=lambda x: abs(x - mid)) if between else mid
            else:
                hi = float("inf")
            cols.append(Column(role, lo, hi, p.cx))
        ruled = bool(vx) and all(
            any(a.x1 - 1 <= x <= b.x0 + 1 for x in vx) for (_, a), (_, b) in zip(labelled, labelled[1:], strict=False))
        if vx:  # the outer rules bound the table
            if vx[0] < labelled[0][1].x0:
                cols[0].lo = vx[0] - 2
            if vx[-1] > labelled[-1][1].x1:
                cols[-1].hi = vx[-1] + 2
        headers.append(Header(page.number, min(p.y0 for p in line), max(p.y1 for p in line), cols, ruled))
    return headers


def _group_lines(phrases: list[Phrase]) -> list[list[Phrase]]:
    groups: list[list[Phrase]] = []
    for p in sorted(phrases, key=lambda p: (p.page, p.cy, p.x0)):
        if groups and groups[-1][0].page == p.page and _same_line(groups[-1][0], p):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


_STOP_RE = re.compile(r"^(以\s*上|※|注\s*[:：)])")
_CONTINUED_RE = re.compile(r"続く|続き|次頁|次ページ|前頁|前ページ")


def _is_footer(p: Phrase, page: Page) -> bool:
    t = p.norm
    return bool(_PAGE_NO_RE.match(t)) or p.y0 >= 0.94 * page.height or bool(re.search(r"会\s*社\s*名|代\s*表\s*者", t))


def _table_body(page: Page, header: Header, start_y: float, header_ys: list[float],
                markers: list[DateMarker]) -> tuple[list[Phrase], str]:
    """Phrases of the table below ``start_y``; and why it ended (end / continued / page)."""
    marker_ys = [m.y for m in markers if m.page == page.number]
    has_date_col = any(c.role == "date" for c in header.columns)
    body: list[Phrase] = []
    for p in sorted(page.phrases, key=lambda p: (p.y0, p.x0)):
        if p.y0 < start_y - 0.5:
            continue
        if any(abs(p.y0 - hy) < 2 and hy > header.y0 for hy in header_ys):
            return body, "end"
        t = p.norm
        if _CONTINUED_RE.search(t) and len(t) < 20:
            return body, "continued"
        if _is_footer(p, page):
            return body, "page"
        in_date_col = has_date_col and getattr(header.column_of(p), "role", "") == "date"
        if _STOP_RE.match(t):
            return body, "end"
        if not in_date_col and (any(abs(p.y0 - y) < 2 for y in marker_ys) or effective_dates_in(t)):
            return body, "end"
        parts = _split_run_together([p], header)  # two cells that ran into one span
        if not all(header.fits(q) for q in parts):  # a sentence or heading across the columns: the table is over
            return body, "end"
        body.extend(parts)
    return body, "page"


def _rules(page: Page, header: Header) -> list[float]:
    """Heights of horizontal rules that run across the table (underlines stay within one cell)."""
    first, last = header.columns[0].label_cx, header.columns[-1].label_cx
    by_y: dict[float, list[Segment]] = {}
    for s in page.segments:
        if s.horizontal:
            by_y.setdefault(round(s.y0), []).append(s)
    return sorted(float(y) for y, segs in by_y.items()
                  if min(s.x0 for s in segs) <= first and max(s.x1 for s in segs) >= last)


def _is_reading(p: Phrase, name_phrases: list[Phrase]) -> bool:
    if not is_kana_text(p.text):
        return False
    others = [q for q in name_phrases if q is not p and not is_kana_text(q.text)]
    if any(q.size - p.size > 1.0 for q in others):
        return True
    return any(abs(q.cy - p.cy) < 2.5 * p.size and (q.y0 >= p.y1 - 1 or p.y0 >= q.y1 - 1) for q in others)


def _rows(body: list[Phrase], header: Header, rules: list[float]) -> list[list[Phrase]]:
    """Group body phrases into rows, one per name cell.

    First into bands: with horizontal rules, a band is the space between two rules;
    without them, a vertical gap of more than a third of the font size starts a new band
    (the lines of one cell sit closer). A band holding several names is cut between them
    (each phrase goes to the nearest name; a reading to the name it sits above or below);
    a band without a name continues the row above.
    """
    if not body:
        return []
    size = statistics.median(p.size for p in body)
    bands: list[list[Phrase]] = []
    for p in sorted(body, key=lambda p: p.y0):
        if bands:
            last_y1 = max(q.y1 for q in bands[-1])
            if rules:
                split = any(last_y1 - 1.5 <= r <= p.y0 + 1.5 for r in rules) and p.y0 > last_y1 - 1.5
            else:
                split = p.y0 - last_y1 > 0.35 * size
            if not split:
                bands[-1].append(p)
                continue
        bands.append([p])
    name_col = next(c for c in header.columns if c.role == "name")
    rows: list[list[Phrase]] = []
    for band in bands:
        in_name = [p for p in band if header.column_of(p) is name_col]
        anchors = [p for p in in_name if not _is_reading(p, in_name)]
        if not anchors:
            if rows:
                rows[-1].extend(band)
            continue
        if len(anchors) == 1:
            rows.append(band)
            continue
        groups: list[list[Phrase]] = [[a] for a in sorted(anchors, key=lambda a: a.y0)]
        ordered = [g[0] for g in groups]
        readings_above = _readings_above(in_name, anchors)
        for p in band:
            if p in anchors:
                continue
            if p in in_name and is_kana_text(p.text):
                below = [a for a in ordered if a.y0 >= p.y1 - 1] if readings_above else []
                above = [a for a in ordered if a.y1 <= p.y0 + 1] if not readings_above else []
                target = below[0] if below else (above[-1] if above else min(ordered, key=lambda a: abs(a.cy - p.cy)))
            else:
                target = min(ordered, key=lambda a: abs(a.cy - p.cy))
            groups[ordered.index(target)].append(p)
        rows.extend(groups)
    return rows


def _readings_above(in_name: list[Phrase], anchors: list[Phrase]) -> bool:
    readings = [p for p in in_name if p not in anchors and is_kana_text(p.text)]
    if not readings:
        return True
    return min(r.y0 for r in readings) < min(a.y0 for a in anchors)


def _underlined(row: list[Phrase], page: Page, rules: list[float]) -> bool:
    for s in page.segments:
        if not s.horizontal or any(abs(s.y0 - r) < 1.0 for r in rules):
            continue
        for p in row:
            if p.y1 - 2.5 <= s.y0 <= p.y1 + 3.0 and s.x0 >= p.x0 - 2 and s.x1 <= p.x1 + 2 and s.x1 - s.x0 >= 2:
                return True
    return False


def _cell(row: list[Phrase], header: Header, role: str, readings: bool | None = None) -> str:
    parts = []
    for p in sorted(row, key=lambda p: (round(p.y0), p.x0)):
        c = header.column_of(p)
        if c is None or c.role != role:
            continue
        if readings is not None:
            same_col = [q for q in row if header.column_of(q) is c]
            if _is_reading(p, same_col) != readings:
                continue
        parts.append(p.text)
    return " ".join(parts)


def _extract_tables(pages: list[Page], markers: list[DateMarker], underline_hint: bool) -> Extraction | None:
    """Tables with a header row 氏名 / 新役職 / 旧役職 (labels vary; any column order).

    ``table_kana``: one table under a title such as 人事異動（…付）. The reading is
    printed small above (or below) each name in the name cell — hiragana, katakana or
    half-width katakana — or in a ふりがな column. A table that runs onto the next page
    continues there (header row repeated or not; （次頁へ続く） / （前頁より続く） are skipped).

    ``roster_underline``: the whole line-up with the changed parts underlined
    (下線部：変更箇所). Only rows with an underline (a short horizontal stroke right
    under the text of a cell, not a table rule) are records. Without the 下線 note the
    same applies when some rows are underlined and others are not.

    ``multi_date``: several sections 1．/2．… each with its own …付 date and table; each
    row takes the date of the section above it. 新職 / 現所属・役職 style labels and
    tables whose name column comes last are handled by the header roles.

    Rows are found from horizontal rules when the table has them, else from vertical
    gaps; a cell broken over lines is joined with a space. A company column gives the
    person's company (当社 = the announcing company); a 発令日 column gives the row's date.
    """
    all_headers = {p.number: _find_headers(p) for p in pages}
    if not any(all_headers.values()):
        return None
    ex = Extraction("table_kana")
    rows_out: list[tuple[Pos, list[Phrase], Header, Page, list[float]]] = []
    carry: Header | None = None
    for page in pages:
        headers = sorted(all_headers[page.number], key=lambda h: h.y0)
        header_ys = [h.y0 for h in headers]
        segments: list[tuple[Header, float]] = []
        if carry is not None:
            first_header_y = headers[0].y0 if headers else page.height
            start = _continuation_start(page, carry, first_header_y)
            if start is not None:
                segments.append((Header(page.number, start - 1, start - 1, carry.columns, carry.ruled,
                                        carry.by_left), start))
        segments += [(h, h.y1 + 0.5) for h in headers]
        carry = None
        for header, start_y in segments:
            body, ended = _table_body(page, header, start_y, header_ys, markers)
            header = header.refined(body)
            body = _split_run_together(body, header)
            rules = _rules(page, header)
            for row in _rows(body, header, rules):
                rows_out.append((Pos(page.number, 0, min(p.y0 for p in row)), row, header, page, rules))
            carry = header if ended in ("continued", "page") else None
    underlined = [_underlined(r, pg, rules) for _, r, _, pg, rules in rows_out]
    roster = underline_hint or (any(underlined) and not all(underlined))
    dated_sections = {m.iso for m in markers}
    if roster:
        ex.layout = "roster_underline"
    elif len(dated_sections) > 1:
        ex.layout = "multi_date"
    for (pos, row, header, _, _), has_line in zip(rows_out, underlined, strict=True):
        if roster and not has_line:
            continue
        name = _cell(row, header, "name", readings=False)
        reading = _cell(row, header, "name", readings=True) or _cell(row, header, "kana")
        name, reading = _name_with_paren_reading(name, reading)
        date_cell = _cell(row, header, "date")
        ex.found.append(Found(
            pos=pos, name=name, reading=reading,
            new_post=_cell(row, header, "new"), old_post=_cell(row, header, "old"),
            company=_cell(row, header, "company"), date=parse_date(date_cell) or "" if date_cell else "",
        ))
    return ex


def _split_run_together(body: list[Phrase], header: Header) -> list[Phrase]:
    """Cut phrases in which two cells ran together, at the gap on a column boundary."""
    edges = [c.lo for c in header.columns[1:]]
    out: list[Phrase] = []
    todo = list(body)
    while todo:
        p = todo.pop(0)
        for x in edges:
            if p.x0 + 2 < x < p.x1 - 2:
                parts = p.split_near(x)
                if parts:
                    todo[:0] = list(parts)
                    break
        else:
            out.append(p)
    return out


def _continuation_start(page: Page, carry: Header, first_header_y: float) -> float | None:
    """Where a table carried over from the previous page resumes (no repeated header)."""
    for p in sorted(page.phrases, key=lambda p: (p.y0, p.x0)):
        if p.y0 >= first_header_y - 1:
            return None
        t = p.norm
        if _CONTINUED_RE.search(t) or _PAGE_NO_RE.match(t) or p.y1 < 0.08 * page.height:
            continue
        if carry.fits(p) and not _STOP_RE.match(t) and not effective_dates_in(t):
            return p.y0
        return None
    return None


def _name_with_paren_reading(name: str, reading: str) -> tuple[str, str]:
    """佐藤 次郎（さとう じろう） in one cell: the parenthesised kana is the reading."""
    m = re.match(r"^(.*?)\s*[(（]([^()（）]+)[)）]\s*$", norm_text(name))
    if m and is_kana_text(m.group(2)):
        return m.group(1), reading or m.group(2)
    return name, reading


# ---------------------------------------------------------------------------
# Layout: labelled lists in one or two columns (two_column)
# ---------------------------------------------------------------------------

_LABEL_RE = re.compile(r"^(?:[【\[<]\s*)?(新役職|新職|新|異動後|旧役職|旧職|旧|現職|現|異動前)"
                       r"(?:\s*[】\]>]\s*[:：]?|\s*[:：])\s*(.*)$")


def _extract_label_list(pages: list[Page]) -> Extraction | None:
    """Entries of a name line followed by ``新：…`` and ``旧：…`` lines (``two_column``).

    The name line is ``1. 酒井 浩二(ｻｶｲ ｺｳｼﾞ)``: numbering, the name, and the reading in
    parentheses (optional). Lines under a label that carry no label of their own
    (``兼 マーケティング部 部長``) continue that label's value. Entries set in two
    columns are read down the left column first, then the right one: the columns are
    found from the left edges of the entries.
    """
    ex = Extraction("two_column")
    for page in pages:
        label_phrases = [p for p in page.phrases if _LABEL_RE.match(p.norm)]
        if not label_phrases:
            continue
        heads = _list_heads(page, label_phrases)
        if not heads:
            continue
        lefts = sorted({round(h.top.x0) for h in heads})
        columns: list[float] = []
        for x in lefts:
            if not columns or x - columns[-1] > 60:
                columns.append(x)
        if len(columns) < 2:
            ex.layout = "list"
        for ci, cx in enumerate(columns):
            lo = cx - 8
            hi = columns[ci + 1] - 8 if ci + 1 < len(columns) else page.width
            col_heads = sorted([h for h in heads if lo <= h.top.x0 < hi], key=lambda h: h.top.y0)
            if not col_heads:
                continue
            col_phrases = sorted([p for p in page.phrases if lo <= p.x0 < hi and p.y0 >= col_heads[0].top.y0 - 1],
                                 key=lambda p: (p.y0, p.x0))
            ex.found += _parse_list_column(col_phrases, col_heads, page, ci)
    return ex if ex.found else None


@dataclass
class ListHead:
    top: Phrase            # the name line; gives the entry's position
    text: str              # name and reading, "name(reading)" when printed on two lines
    sources: tuple[int, ...]  # ids of the phrases it was built from


def _list_heads(page: Page, label_phrases: list[Phrase]) -> list[ListHead]:
    """The name line right above each run of labelled lines (with its reading line, if separate)."""
    heads = []
    for lab in label_phrases:
        m = _LABEL_RE.match(lab.norm)
        if not m or not re.match(r"^(新|異動後)", m.group(1)):
            continue
        above = [p for p in page.phrases if p.y1 <= lab.y0 + 1 and lab.y0 - p.y1 < 3 * lab.size
                 and abs(p.x0 - lab.x0) < 40 and not _LABEL_RE.match(p.norm)]
        if not above:
            continue
        head = max(above, key=lambda p: p.y1)
        if is_kana_text(head.text):  # reading printed on its own line under the name
            higher = [p for p in page.phrases if p.y1 <= head.y0 + 1 and head.y0 - p.y1 < 2 * lab.size
                      and abs(p.x0 - head.x0) < 40 and not is_kana_text(p.text)]
            if higher:
                top = max(higher, key=lambda p: p.y1)
                heads.append(ListHead(top, f"{top.text}({unbracket(head.text)})", (id(top), id(head))))
                continue
        heads.append(ListHead(head, head.text, (id(head),)))
    return heads


def _parse_list_head(text: str) -> tuple[str, str]:
    t = norm_text(text)
    t = _BULLET_RE.sub("", _NUMBERING_RE.sub("", t, count=1), count=1).strip()
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", t)
    if m and is_kana_text(m.group(2)):
        return m.group(1), m.group(2)
    return t, ""


def _parse_list_column(phrases: list[Phrase], heads: list[ListHead], page: Page, column: int) -> list[Found]:
    found: list[Found] = []
    current: Found | None = None
    slot = ""
    starts = {id(h.top): h for h in heads}
    parts = {i for h in heads for i in h.sources}
    for p in phrases:
        t = p.norm
        if id(p) in starts:
            name, reading = _parse_list_head(starts[id(p)].text)
            current = Found(Pos(page.number, column, p.y0), name, reading)
            found.append(current)
            slot = ""
            continue
        if id(p) in parts or current is None:
            continue
        if _STOP_RE.match(t) or _is_footer(p, page):
            current, slot = None, ""
            continue
        m = _LABEL_RE.match(t)
        if m:
            slot = "new" if re.match(r"^(新|異動後)", m.group(1)) else "old"
            _append(current, slot, m.group(2))
        elif slot:
            _append(current, slot, t)
    return found


def _append(f: Found, slot: str, text: str) -> None:
    if slot == "new":
        f.new_post = (f.new_post + " " + text).strip()
    else:
        f.old_post = (f.old_post + " " + text).strip()


# ---------------------------------------------------------------------------
# Layout: officer announcements in free text (officer_text)
# ---------------------------------------------------------------------------

_POST_WORDS = ("役員", "取締役", "監査役", "社長", "会長", "部長", "室長", "所長", "店長", "課長", "係長", "局長",
               "本部長", "支店長", "センター長", "工場長", "顧問", "相談役", "参与", "理事", "監事", "担当", "主任",
               "主査", "主幹", "委員", "補佐", "代理", "パートナー", "フェロー", "マネージャー", "リーダー",
               "CEO", "CFO", "COO", "CTO", "部", "室", "課", "本部", "支店", "支社", "センター", "事業部",
               "グループ", "チーム", "営業所", "工場", "研究所", "専務", "常務", "頭取", "執行役", "役", "長", "員")
_HEADING_NO_POST = {"昇任", "昇格", "異動", "重任", "再任", "選任", "就任", "担当変更", "委嘱変更", "役職変更",
                    "新任", "役員の異動", "人事異動", ""}


def _post_like(token: str) -> float:
    if re.search(r"[A-Za-z0-9・/]", token) or re.search(r"[\u30A1-\u30FA]{2,}", token):
        return 1.0
    for w in _POST_WORDS:
        if token.endswith(w) and (len(w) >= 2 or len(token) >= 3):
            return 1.0
    return 0.0


def _heading_text(line: str) -> str:
    """A section heading without its numbering, date and bracketed notes: 新任取締役候補."""
    t = _NUMBERING_RE.sub("", norm_text(line), count=1)
    t = re.split(r"[【\[]|\(\s*[^)]*(?:付|現職)|(?:令和|平成|昭和)\s*(?:\d{1,2}|元)\s*年|\d{4}\s*[年/]", t)[0]
    return _nospace(t).strip("・:：】>()")


def _heading_post(heading: str) -> str | None:
    """新任取締役候補 → 取締役; 退任予定監査役 → 退任; 昇任 → None (the entry prints the post)."""
    t = _heading_text(heading)
    if re.search(r"退任|退職|辞任|退社", t):
        return DEPARTURE
    t = re.sub(r"^(新任|昇任|重任|再任|選任)", "", t)
    t = re.sub(r"(候補者|候補|就任予定|予定|の異動)$", "", t)
    t = re.sub(r"(候補者|候補|予定)$", "", t)
    return None if t in _HEADING_NO_POST else t


def _split_trailing_paren(t: str) -> tuple[str, str]:
    """``body（paren）`` → (body, paren), matching nested brackets; ('t', '') when none."""
    t = re.sub(r"\s*(※\d*)+\s*$", "", t).strip()
    if not t.endswith(")"):
        return t, ""
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        if t[i] == ")":
            depth += 1
        elif t[i] == "(":
            depth -= 1
            if depth == 0:
                return t[:i].strip(), t[i + 1:-1].strip()
    return t, ""


def _join_wrapped(lines: list[Phrase]) -> list[Phrase]:
    """An entry broken inside its parentheses continues on the next line: join the two."""
    out: list[Phrase] = []
    for line in lines:
        prev = out[-1] if out else None
        opened = prev is not None and prev.norm.count("(") > prev.norm.count(")")
        closes = line.norm.count(")") > line.norm.count("(") and not _NUMBERING_RE.match(line.text.strip())
        if opened and closes and line.y0 - prev.y1 < 1.5 * line.size:
            out[-1] = Phrase(prev.page, min(prev.x0, line.x0), prev.y0, max(prev.x1, line.x1), line.y1,
                             prev.size, prev.text + " " + line.text)
        else:
            out.append(line)
    return out


def _parse_officer_entry(line: str) -> tuple[str, str, str, str] | None:
    """(name, new post printed, old post, reading) from one entry line, or None."""
    t = _BULLET_RE.sub("", norm_text(line), count=1)
    body, paren = _split_trailing_paren(t)
    parens = [paren] if paren else []
    if body.endswith(")"):  # 田中 太郎(たなか たろう)(現 取締役): a reading and the current post
        body, first = _split_trailing_paren(body)
        parens.insert(0, first)
    readings = [x for x in parens if is_kana_text(x)]
    posts = [x for x in parens if not is_kana_text(x)]
    if len(readings) > 1 or len(posts) > 1:
        return None
    reading, paren = (readings or [""])[0], (posts or [""])[0]
    body = re.sub(r"\s*(氏|様|殿)$", "", body)
    tokens = [x for x in body.split(" ") if x]
    if not tokens or re.search(r"[()]", body):  # unbalanced brackets: a broken or cut-off line
        return None
    if len(tokens) == 1:
        return (tokens[0], "", paren, reading) if reading else None
    if len(tokens) == 2:
        if not all(_NAME_CHAR_RE.match(x) and len(x) <= 5 for x in tokens) or all(_post_like(x) for x in tokens):
            return None
        return " ".join(tokens), "", paren, reading
    start, end = tokens[:2], tokens[-2:]

    def name_like(pair: list[str]) -> bool:
        return all(_NAME_CHAR_RE.match(x) and len(x) <= 5 and not _post_like(x) for x in pair)
    # The name is the pair of tokens at the start or at the end that does not look like a post.
    if name_like(start) and not name_like(end):
        return " ".join(start), " ".join(tokens[2:]), paren, reading
    if name_like(end) and not name_like(start):
        return " ".join(end), " ".join(tokens[:-2]), paren, reading
    return None


def _extract_officer_text(pages: list[Page], markers: list[DateMarker]) -> Extraction | None:
    """Numbered sections of free-text entries (``officer_text``, 役員の異動に関するお知らせ).

    A section heading is a numbered line — (1) / （１） / ① / 1. — such as
    ``(1) 新任取締役候補【2025年6月22日付 （）内は現職】``; its …付 date applies to the
    entries under it. Entry lines until the next heading or 以上:

    * ``田中 太郎（Yonyonシステムズ株式会社 取締役）※`` — name and, in parentheses, the
      current post; 現 / 現職 / 当社 and an outside employer's name are dropped from it.
    * ``執行役員 財務部 部長 田中 太郎（財務部 部長）`` and
      ``田中 太郎 専務執行役員 海外事業本部長(現 常務執行役員 …)`` — a printed new post
      before or after the name; the name is the pair of space-separated tokens at the
      start or the end that does not look like a post.

    The new post is the printed one, else the post the heading names without 新任 /
    候補 / 予定 (新任監査役候補 → 監査役), and 退任 under a departure heading
    (退任予定監査役). Lines starting with ※ are notes, never records. The letterhead
    (代表者名, 問合せ先) is never read: entries start at the first section heading.
    """
    ex = Extraction("officer_text")
    heading: str | None = None
    for page in pages:
        for line in _join_wrapped(page.lines()):
            t = line.norm
            if _is_footer(line, page) or t.startswith("※"):
                continue
            if re.match(r"^以\s*上$", t):
                heading = None
                continue
            numbered = _NUMBERING_RE.match(t)
            if numbered and _parse_officer_entry(t[numbered.end():]) is None:
                if _heading_text(t):  # a line that only repeats the section's date keeps the heading
                    heading = t
                continue
            if heading is None:
                continue
            parsed = _parse_officer_entry(t[numbered.end():] if numbered else t)
            if parsed is None:
                continue
            name, printed, old, reading = parsed
            new_post = printed or _heading_post(heading) or ""
            ex.found.append(Found(Pos(page.number, 0, line.y0), name, reading, new_post, old))
    return ex if ex.found else None


# ---------------------------------------------------------------------------
# Keyer
# ---------------------------------------------------------------------------


def extract_records(pages: list[Page]) -> tuple[list[dict], dict]:
    """Records (README field keys) and diagnostics for a personnel-change document."""
    company = _find_company(pages)
    markers = _find_date_markers(pages)
    underline_hint = any("下線" in p.text for page in pages for p in page.phrases)
    notes: dict[str, list[str]] = {}
    for extract in (lambda: _extract_tables(pages, markers, underline_hint),
                    lambda: _extract_label_list(pages),
                    lambda: _extract_officer_text(pages, markers)):
        ex = extract()
        if ex is None:
            continue
        # The first layout recognised decides: reading a table's rows as free text would be a guess.
        records = _to_records(ex, company, markers, notes)
        return records, {"layout": ex.layout, "company": company, **notes}
    return [], {"layout": None, "company": company, **notes}


class TextLayerKeyer(Keyer):
    """Rule-based keyer over the PDF text layer (see the module docstring)."""

    name = "textlayer"

    def key(self, doc: KeyerInput) -> KeyerOutput:
        started = time.monotonic()
        if doc.spec.slug != SUPPORTED_SLUG:
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"no text-layer rules for document type {doc.spec.slug!r}")
        pages = load_pages(Path(doc.pdf_path))
        try:
            records, meta = extract_records(pages)
        except KeyerFailure:
            raise
        except Exception as exc:  # a rule tripping on an odd layout must not crash the worker
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"text-layer rules failed: {exc!r}") from exc
        if not records:
            raise KeyerFailure(FailureKind.UNAVAILABLE, "no personnel-change records recognised in the text layer")
        keys = doc.spec.keys
        records = [{k: r.get(k, "") for k in keys} for r in records[: doc.spec.max_records]]
        raw = json.dumps({"records": records}, ensure_ascii=False)
        return KeyerOutput(
            records=records, keyer=self.name, model=MODEL, prompt_version=PROMPT_VERSION,
            confidence=None, raw_response=raw[:20000], latency_ms=int((time.monotonic() - started) * 1000),
            meta=meta,
        )
