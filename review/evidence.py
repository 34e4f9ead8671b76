"""Evidence boxes for reviewers: where on the page each candidate value of a conflict is printed.

For every conflict the *visible* text of the stored original PDF is searched (the keyer's own
extractor, `inference.local.textlayer.visible_chars`: hidden text is no evidence) for the
first and the second keyer's value, in the forms a document prints them (full-width digits, an ideographic space between words, katakana or half-width
katakana for a reading, 和暦 or 西暦 for a date). Hits are returned in the pixel coordinates
of the stored page image (`Page.width`/`Page.height`), so the browser can draw them over the
image at any zoom. A page without a text layer yields no boxes: nothing is guessed.

Shown to reviewers only: the operator keys blind and must not learn where anybody found what.
"""
from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass

import pymupdf

from dataentry.normalization import norm_kana, norm_name, norm_text, parse_date
from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec
from inference.local.textlayer import visible_chars
from jptext import date_forms, fullwidth, to_halfwidth_katakana, to_katakana

MAX_HITS_PER_VALUE = 20


@dataclass(frozen=True)
class Box:
    page: int        # 1-based page number
    x: float         # left, top, width, height in pixels of the stored page image
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


# --- the forms a value may be printed in (widths, kana scripts, dates: jptext) ---------------------

def _spacings(value: str) -> list[str]:
    """A value with words as keyed, joined by an ideographic space, and joined without space."""
    words = value.split(" ")
    if len(words) == 1:
        return [value]
    return [value, "\u3000".join(words), "".join(words)]


def _date_forms(value: str) -> list[str]:
    day = parse_date(value)
    return date_forms(day) if day else []


def search_forms(value: str, field: FieldSpec) -> list[str]:
    """Strings to search for, most literal first, without duplicates."""
    value = (value or "").strip()
    if not value:
        return []
    forms: list[str] = []
    if field.kind == FieldKind.DATE:
        forms += [value] + _date_forms(value)
    elif field.kind == FieldKind.KANA:
        hira = norm_kana(value)
        forms += [value, hira, to_katakana(hira), to_halfwidth_katakana(hira)]
    elif field.kind == FieldKind.NAME:
        name = norm_name(value)
        forms += [value, name]
        if len(name) == 2:  # 均等割り: 林　太 printed with padding
            forms.append(name[0] + "\u3000" + name[1])
    else:
        forms += _spacings(norm_text(value))
        forms.append(value)
    forms += [fullwidth(f) for f in list(forms)]
    unique: list[str] = []
    for form in forms:
        if form and form not in unique:
            unique.append(form)
    return unique


# --- searching the PDF -----------------------------------------------------------------------------

def _fold(text: str, kana: bool) -> str:
    """The comparison form of page text and of a needle: NFKD (so ｶﾞ, ガ and が line up as
    base + mark), whitespace removed, katakana → hiragana for readings."""
    out = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in out if not c.isspace())
    if kana:
        out = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in out)
    return out


class _PageText:
    """A page's *visible* characters (the keyer's own extractor: invisible, white-on-white and
    clipped text is not evidence) as one string, each character keeping the box and line of
    the printed character it came from.

    Folded (see `_fold`), so a value broken over two lines of a table cell, or printed with
    other spacing, is still found; ``literal``: characters as printed, lines separated by a
    newline, found the way PyMuPDF's ``search_for`` finds them."""

    def __init__(self, page: pymupdf.Page, kana: bool, literal: bool = False):
        self.chars: list[str] = []
        self.rects: list[tuple[float, float, float, float]] = []
        self.lines: list[int] = []
        previous_line = None
        chars = visible_chars(page)
        if not any(not ch.c.isspace() for ch in chars):
            from inference.local.ocr import ocr_chars  # a scan: the words the OCR keyer read

            chars = ocr_chars(page)
        for ch in chars:
            if literal:
                if previous_line is not None and ch.line != previous_line:
                    self._add("\n", ch)
                self._add(ch.c, ch)
            else:
                for folded in _fold(ch.c, kana):
                    self._add(folded, ch)
            previous_line = ch.line
        self.text = "".join(self.chars)

    def _add(self, c: str, ch) -> None:
        self.chars.append(c)
        self.rects.append((ch.x0, ch.y0, ch.x1, ch.y1))
        self.lines.append(ch.line)

    def find(self, needle: str) -> list[pymupdf.Rect]:
        """One rectangle per printed line of each occurrence."""
        rects: list[pymupdf.Rect] = []
        start = self.text.find(needle) if needle else -1
        while start != -1 and len(rects) < MAX_HITS_PER_VALUE:
            by_line: dict[int, pymupdf.Rect] = {}
            for k in range(start, start + len(needle)):
                r = pymupdf.Rect(self.rects[k])
                by_line[self.lines[k]] = by_line[self.lines[k]] | r if self.lines[k] in by_line else r
            rects.extend(by_line.values())
            start = self.text.find(needle, start + len(needle))
        return rects


class PdfSearcher:
    """Searches an open PDF's visible text and converts PDF points to pixels of the stored
    page images: first each printed form of the value literally, then, when none is found,
    the folded character stream of each page (see `_PageText`)."""

    def __init__(self, pdf: pymupdf.Document, image_sizes: dict[int, tuple[int, int]]):
        self.pdf = pdf
        self.image_sizes = {n: wh for n, wh in image_sizes.items() if 1 <= n <= pdf.page_count and wh[0] and wh[1]}
        self._cache: dict[tuple[str, str], list[Box]] = {}
        self._streams: dict[tuple[int, bool], _PageText] = {}
        self._literal: dict[int, _PageText] = {}

    def _literal_stream(self, number: int) -> _PageText:
        if number not in self._literal:
            self._literal[number] = _PageText(self.pdf[number - 1], kana=False, literal=True)
        return self._literal[number]

    @property
    def has_text_layer(self) -> bool:
        return any(self._literal_stream(n).text.strip() for n in self.image_sizes)

    def _box(self, page: pymupdf.Page, number: int, rect: pymupdf.Rect) -> Box:
        img_w, img_h = self.image_sizes[number]
        sx, sy = img_w / page.rect.width, img_h / page.rect.height
        r = pymupdf.Rect(rect) * page.rotation_matrix  # unrotated PDF space → the rendered (rotated) page
        r.normalize()
        return Box(page=number, x=round(r.x0 * sx, 1), y=round(r.y0 * sy, 1), w=round(r.width * sx, 1),
                   h=round(r.height * sy, 1))

    def find(self, needle: str) -> list[Box]:
        """Literal hits of `needle` in the visible text."""
        key = ("literal", needle)
        if key not in self._cache:
            boxes = []
            for number in sorted(self.image_sizes):
                page = self.pdf[number - 1]
                boxes += [self._box(page, number, r) for r in self._literal_stream(number).find(needle)]
            self._cache[key] = boxes
        return self._cache[key]

    def _folded_pages(self) -> list[int]:
        return sorted(self.image_sizes)

    def _folded_stream(self, number: int, kana: bool) -> _PageText:
        return _PageText(self.pdf[number - 1], kana)

    def _folded_box(self, number: int, rect: pymupdf.Rect) -> Box:
        return self._box(self.pdf[number - 1], number, rect)

    def find_folded(self, value: str, kana: bool = False) -> list[Box]:
        needle = _fold(value, kana)
        key = ("folded-kana" if kana else "folded", needle)
        if key not in self._cache:
            boxes = []
            for number in self._folded_pages():
                stream = self._streams.get((number, kana))
                if stream is None:
                    stream = self._streams[(number, kana)] = self._folded_stream(number, kana)
                boxes += [self._folded_box(number, r) for r in stream.find(needle)]
            self._cache[key] = boxes
        return self._cache[key]

    def find_value(self, value: str, field: FieldSpec) -> list[Box]:
        """Hits of the first printed form that is found, or none."""
        forms = search_forms(value, field)
        for form in forms:
            hits = self.find(form)
            if hits:
                return hits
        kana = field.kind == FieldKind.KANA
        for form in forms:
            hits = self.find_folded(form, kana)
            if hits:
                return hits
        return []

    def find_person(self, record: dict, spec: DocumentTypeSpec) -> list[Box]:
        names = [norm_name(str(record.get(f.key, ""))) for f in spec.fields if f.kind == FieldKind.NAME]
        names = [n for n in names if n]
        if not names:
            return []
        full = [" ".join(names), "\u3000".join(names), "".join(names)]
        for needle in full + [fullwidth(n) for n in full]:
            hits = self.find(needle)
            if hits:
                return hits
        return self.find_folded("".join(names)) or self.find(names[0])


def _nearest(boxes: list[Box], anchors: list[Box]) -> Box | None:
    if not boxes:
        return None
    if not anchors:
        return boxes[0]
    anchor = anchors[0]

    def distance(b: Box) -> float:
        # Another page is far away; on the same page rows matter more than columns.
        return (0 if b.page == anchor.page else 1e9) + abs(b.cy - anchor.cy) * 3 + abs(b.cx - anchor.cx)

    return min(boxes, key=distance)


def _region(near: Box, boxes: list[Box]) -> Box:
    """`near` grown by every box on about the same lines (the rest of a value broken over two
    lines, the other candidate, the person's name), so the zoom shows them together."""
    x0, y0, x1, y1 = near.x, near.y, near.x + near.w, near.y + near.h
    for b in boxes:
        if b.page == near.page and abs(b.cy - near.cy) <= 2.5 * max(b.h, near.h):
            x0, y0 = min(x0, b.x), min(y0, b.y)
            x1, y1 = max(x1, b.x + b.w), max(y1, b.y + b.h)
    return Box(page=near.page, x=x0, y=y0, w=round(x1 - x0, 1), h=round(y1 - y0, 1))


# --- per review task ---------------------------------------------------------------------------------

def conflict_evidence(searcher: PdfSearcher, parsed, first_records: list[dict], second_records: list[dict],
                      spec: DocumentTypeSpec) -> list[dict]:
    """For each conflict: boxes of the first and second value, the person's name (anchor),
    and `focus`, the region to zoom to (the hits nearest the person, else the person)."""
    out = []
    for index, conflict in enumerate(parsed.conflicts):
        pair = parsed.pairs[conflict.pair]
        a = first_records[pair.a_index] if pair.a_index is not None and pair.a_index < len(first_records) else {}
        b = second_records[pair.b_index] if pair.b_index is not None and pair.b_index < len(second_records) else {}
        anchor = searcher.find_person(b or a, spec) or searcher.find_person(a, spec)
        if conflict.field:
            field = spec.field(conflict.field)
            first, second = searcher.find_value(conflict.a, field), searcher.find_value(conflict.b, field)
        else:  # a person only one side keyed: show where that person is printed
            first = searcher.find_person(a, spec) if a else []
            second = searcher.find_person(b, spec) if b else []
        near = _nearest(first, anchor) or _nearest(second, anchor)
        if near is not None:
            focus = _region(near, first + second + anchor[:1])
        else:
            focus = anchor[0] if anchor else None
        out.append({
            "index": index,
            "first": [asdict(x) for x in first],
            "second": [asdict(x) for x in second],
            "anchor": [asdict(x) for x in anchor[:1]],
            "focus": asdict(focus) if focus else None,
        })
    return out


def evidence_for_task(task) -> dict:
    """Everything the reviewer page draws for one review task (JSON-ready)."""
    document = task.document
    spec = document.document_type.spec()
    comparison = task.comparison
    sizes = {p.number: (p.width, p.height) for p in document.pages.all()}
    try:
        pdf = pymupdf.open(document.original.path)
    except Exception:  # the original is checked at upload; a missing file must not break the page
        return {"text_layer": False, "conflicts": []}
    with pdf:
        searcher = PdfSearcher(pdf, sizes)
        if not searcher.has_text_layer:
            return {"text_layer": False, "conflicts": []}
        conflicts = conflict_evidence(searcher, comparison.parsed(), comparison.first_entry.records,
                                      comparison.second_entry.records, spec)
    return {"text_layer": True, "conflicts": conflicts}
