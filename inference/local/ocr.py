"""OCR: a page image as words with positions (`inference.layout.PageLayout`, ``source="ocr"``).

The engine is Tesseract (LSTM) through tesserocr, chosen by measurement on the scanned corpus
(docs/keyer.md, "OCR"). Its Japanese model is tessdata_best's ``jpn`` that `make ocr-models`
fetches into `settings.OCR_MODEL_DIR` (SHA-256 pinned, never at run time), else Debian's
``tesseract-ocr-jpn`` (the `fast` model: the OCR works without the fetched one). The page is
rendered at `settings.OCR_DPI` in greyscale; the engine's symbols (characters with boxes and
confidences) are regrouped into words by the same geometry as the text layer's characters
(no whitespace and no visible gap), because Tesseract's own Japanese "words" are arbitrary
runs. Table rules and underlines are found in the image (long straight dark runs). Runs of text
read with little confidence, and lines of ink the engine's layout analysis skipped, are read again
alone as single lines (PSM 7); marks the model hardly knows (〃, →, ▶, ■) are read from the shape
of their ink.

Characters are corrected only by `jptext.ocr` (confusions that depend on the script around
them); the pipeline never learns it read a scan, except through `Word.conf`/`char_conf`.

If tesserocr or the Japanese data is missing, `ocr_unavailable()` says why in one line and
the keyers fail with that line: the document then goes to two humans.
"""
from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf

from inference.layout import PageLayout, Rule, Word
from jptext.ocr import _KANJI_OF, _KATA_OF, fix_line, fix_word

LANG = "jpn"
# Debian's script model (tesseract-ocr-script-jpan), a second opinion: Tesseract reads each word
# with both and keeps the likelier reading. Measured on the scanned corpus: field accuracy clean
# 0.612 → 0.688 (seed 1), 0.595 → 0.645 (seed 7) for ~0.3 s per page (docs/keyer.md, "OCR").
# Used when installed; `jpn` alone still works.
SECOND_LANG = "Japanese"
# Debian/Ubuntu's tessdata folders (tesseract 5, then 4): the tesserocr wheel bundles the
# library but no language data.
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
INSTALL_HINT = "apt-get install tesseract-ocr-jpn && pip install tesserocr==2.13.0"

INK = 140  # grey level: darker is ink
OCR_VERSION = "ocr-20"  # in the cache key: a changed word grouping must not reuse old words
_lock = threading.Lock()
# The resolution the engine was always told (tesserocr passed images as BMPs, which PIL writes at 96
# dpi): the pages are 300 dpi, but every figure in docs/keyer.md was measured with this one.
BMP_DPI = 96
_apis: dict[tuple, object] = {}  # (folder, languages) → engine: greyscale and bilevel pages keep one each


def tessdata_dir(bilevel: bool = False) -> str | None:
    """The folder Tesseract reads its data from: OCR_TESSDATA_DIR when set; else, for a greyscale
    page, the fetched `best` model (clean scans: field accuracy 0.705 → 0.773 on seed 1, 0.740 →
    0.755 on seed 7), for a bilevel page Debian's `fast` model (the `best` one reads fax pages no
    better and slower: p95 3.1–3.4 s against 2.4–2.6 s per page); else whichever is there
    (docs/keyer.md, "OCR")."""
    from django.conf import settings

    if settings.OCR_TESSDATA_DIR:  # set: that folder only
        candidates = [settings.OCR_TESSDATA_DIR]
    else:
        debian = [os.environ.get("TESSDATA_PREFIX", "")] + list(TESSDATA_DIRS)
        fetched = [str(settings.OCR_MODEL_DIR)]
        candidates = debian + fetched if bilevel else fetched + debian
    for d in candidates:
        if d and (Path(d) / f"{LANG}.traineddata").is_file():
            return d
    return None


def ocr_unavailable() -> str | None:
    """None when OCR can run here, else the one line that says why not."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return f"OCR not installed (no tesserocr; {INSTALL_HINT})"
    if tessdata_dir() is None:
        return f"OCR not installed (no Japanese Tesseract data; {INSTALL_HINT})"
    return None


def languages(folder: str) -> str:
    """Tesseract's language string: `jpn`, with the Japanese script model when installed."""
    return f"{LANG}+{SECOND_LANG}" if (Path(folder) / f"{SECOND_LANG}.traineddata").is_file() else LANG


def _engine(psm: int, folder: str):
    """The engine of this model folder, set to page segmentation mode `psm`. One engine per folder
    whatever the mode: loading the models takes ~0.4–0.5 s, and a page read again in line or block
    mode (`_reread`, `_uncovered`, `_empty_cells`) loaded them once more per mode (the first page of a
    process paid up to three loads). The mode is a plain variable of the engine; the language last
    used, its only state between readings, is reset at the start of each reading."""
    # One core per page: the worker's concurrency, not OpenMP, spreads pages over cores.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import tesserocr

    key = (folder, languages(folder))
    if key not in _apis:
        # Interword spaces are kept: a space in Japanese text marks a gap a reader sees.
        api = tesserocr.PyTessBaseAPI(path=key[0] + "/", lang=key[1], psm=psm, oem=tesserocr.OEM.LSTM_ONLY)
        api.SetVariable("preserve_interword_spaces", "1")
        _apis[key] = api
    api = _apis[key]
    api.SetPageSegMode(psm)
    return api


@dataclass(frozen=True)
class Symbol:
    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float
    line: int
    line_y0: float
    line_y1: float
    word_start: bool   # the engine started a new word here (it saw a space)


def _symbols(image, psm: int, folder: str) -> list[Symbol]:
    import tesserocr

    RIL = tesserocr.RIL
    out: list[Symbol] = []
    if image.mode != "L":
        image = image.convert("L")
    with _lock:
        api = _engine(psm, folder)
        # the grey pixels as they are: tesserocr's SetImage writes a PIL image as a BMP that Leptonica
        # decodes again (~1 % of the page's reading, docs/keyer.md, "OCR"). The BMP said 96 dpi (PIL's
        # default), which the engine's layout analysis and noise sizes go by: told the same, the engine
        # reads the same symbols (told nothing, it guessed and 17 of 26 clean pages read otherwise).
        pixels = image.tobytes()
        api.SetImageBytes(pixels, image.width, image.height, 1, image.width)
        api.SetSourceResolution(BMP_DPI)
        api.Recognize()
        it = api.GetIterator()
        line_no = 0
        line_box = (0, 0, 0, 0)
        it.Begin()
        while True:
            if it.Empty(RIL.SYMBOL):
                if not it.Next(RIL.SYMBOL):
                    break
                continue
            if it.IsAtBeginningOf(RIL.TEXTLINE):
                line_no += 1
                line_box = it.BoundingBox(RIL.TEXTLINE) or line_box
            text = it.GetUTF8Text(RIL.SYMBOL) or ""
            box = it.BoundingBox(RIL.SYMBOL)
            if text.strip() and box:
                out.append(Symbol(text.strip(), *box, max(0.0, min(1.0, it.Confidence(RIL.SYMBOL) / 100)), line_no,
                                  line_box[1], line_box[3], it.IsAtBeginningOf(RIL.WORD)))
            if not it.Next(RIL.SYMBOL):
                break
    return out


def _collapsed_boxes(symbols: list[Symbol], ink) -> list[Symbol]:
    """Symbols the engine boxed a pixel or two wide at the right edge of the symbol before them, spread
    over the ink that follows, up to the next symbol of their line.

    The engine reads spaced-out full-width digits (（２０２４年４月１日付）) right but can box the last of them
    collapsed onto the one before (２ and ４ each a pixel wide at the right edge of ０), leaving their own ink
    uncovered: that ink was then read a second time as a line of its own (`_uncovered`) and the date came
    out 202424年4月1日 (roster_underline seed 11: the year 2424 on all ten persons). The collapsed symbols
    take the glyphs of that ink, one each (its runs of inked columns; else equal shares of it), unless the box
    before them is wider than a glyph: then it holds their ink (藤田 boxed as 藤 over both, 田 collapsed at its
    right edge; spread, 田 went to the next word, officer_text seed 64)."""
    import numpy as np

    by_line: dict[int, list[int]] = {}
    for k, s in enumerate(symbols):
        by_line.setdefault(s.line, []).append(k)
    out = list(symbols)
    for idx in by_line.values():
        first = out[idx[0]]
        em = max(8.0, float(first.line_y1 - first.line_y0))
        thin = max(2.0, 0.1 * em)
        i = 1
        while i < len(idx):
            prev = out[idx[i - 1]]
            if out[idx[i]].x1 - out[idx[i]].x0 > thin or abs(out[idx[i]].x1 - prev.x1) > thin:
                i += 1
                continue
            j = i
            while j < len(idx) and out[idx[j]].x1 - out[idx[j]].x0 <= thin and abs(out[idx[j]].x1 - prev.x1) <= thin:
                j += 1
            n = j - i
            if prev.x1 - prev.x0 > 1.2 * em:
                i = j  # the box before spans their glyphs too (藤田 boxed as 藤, 田 collapsed at its edge)
                continue
            a = int(prev.x1) + 1
            b = int(out[idx[j]].x0) if j < len(idx) else int(a + 1.5 * em * n)
            b = min(b, a + int(1.5 * em * n), ink.shape[1])
            band = ink[max(0, int(first.line_y0)):int(first.line_y1), a:max(a, b)]
            cols = np.nonzero(band.sum(axis=0) >= 2)[0] if band.size else np.zeros(0, dtype=int)
            if len(cols) and 0.3 * em * n <= cols[-1] - cols[0] + 1:
                blobs = [[int(cols[0]), int(cols[0])]]
                for c in cols[1:].tolist():
                    if c - blobs[-1][1] > 0.2 * em:
                        blobs.append([c, c])
                    else:
                        blobs[-1][1] = c
                if len(blobs) != n:
                    lo, hi = blobs[0][0], blobs[-1][1] + 1
                    blobs = [[lo + (hi - lo) * m // n, lo + (hi - lo) * (m + 1) // n - 1] for m in range(n)]
                for m, k in enumerate(idx[i:j]):
                    out[k] = replace(out[k], x0=a + blobs[m][0], x1=a + blobs[m][1] + 1)
            i = j
    return out


_POINTS = set(".．,，、。:：;；")


def _lines(symbols: list[Symbol]) -> list[list[Symbol]]:
    """Symbols grouped into printed lines by vertical overlap (the engine's own lines break
    at table rules and tall glyphs), each sorted left to right."""
    lines: list[list[Symbol]] = []
    centres: list[tuple[float, float]] = []
    lefts: list[float] = []
    for x, s in sorted(zip(_engine_lefts(symbols), symbols), key=lambda p: (p[0], p[1].y0)):
        cy, h = (s.y0 + s.y1) / 2, s.y1 - s.y0
        best = None
        for k in range(len(lines) - 1, -1, -1):
            lcy, lh = centres[k]
            last = lines[k][-1]
            # a small glyph the engine read in this line (．, 、) sits at its foot, off its centre, but
            # inside its band (2024.12.16 came apart as "20241216" and ". "); only points: kana printed
            # small above a name (a reading) can be in the engine's line of the name
            inside = (s.c in _POINTS and h < 0.5 * lh and s.line == last.line and s.y0 >= lcy - 0.6 * lh
                      and s.y1 <= lcy + 0.6 * lh)
            if (abs(cy - lcy) <= 0.4 * max(h, lh) or inside) and x >= lefts[k]:
                if best is None or abs(cy - lcy) < abs(cy - centres[best][0]):
                    best = k
        if best is None:
            lines.append([s])
            centres.append((cy, h))
            lefts.append(x)
        else:
            lines[best].append(s)
            lefts[best] = x
            tallest = max(u.y1 - u.y0 for u in lines[best])
            tall = [t for t in lines[best] if t.y1 - t.y0 >= 0.6 * tallest]
            centres[best] = (sorted((t.y0 + t.y1) / 2 for t in tall)[len(tall) // 2],
                             sorted(t.y1 - t.y0 for t in tall)[len(tall) // 2])
    return lines


def _engine_lefts(symbols: list[Symbol]) -> list[float]:
    """Each symbol's left edge, never left of the symbol the engine read before it in its line by less
    than half the line's height: the LSTM's boxes of narrow letters overlap and are approximate, so
    sorted by their left edges the letters of a word came out of the engine's order (Yonyon → Yonyno, its
    last n boxed from left of the o before it). A symbol further left is the engine's next column or a
    line read again, and keeps its place. `symbols` are in the engine's order within each of its lines."""
    out: list[float] = []
    last: dict[int, float] = {}
    for s in symbols:
        x = s.x0
        before = last.get(s.line)
        if before is not None and before - 0.5 * max(1.0, s.line_y1 - s.line_y0) < x < before:
            x = before + 1e-3
        last[s.line] = x
        out.append(x)
    return out


RULE_LINE = 0.75  # share of a line's symbols read as dashes above which it is a rule's (`_band`)


def _band(line: list[Symbol]) -> tuple[float, float]:
    """The line's text band: median top and bottom of its symbols (a few engine boxes reach into
    a table rule or the next line). Points and dashes are left out where the line has other glyphs: they
    sit low or midway in the band and tell nothing of its height (a fax's specks read 。-. beside a name,
    more of them than the name's glyphs, made the name's line half its height, and the name a reading).
    A line of dashes but a few glyphs (`RULE_LINE` of them) is a rule read as text (ーーーペーー): its band
    stays the dashes', so that it is found thin and dropped with its rule (`_off_flat_rules`)."""
    if sum(s.c in _DASHES for s in line) < RULE_LINE * len(line):
        line = [s for s in line if s.c not in _POINTS and s.c not in _DASHES] or line
    tops = sorted(s.y0 for s in line)
    bottoms = sorted(s.y1 for s in line)
    return tops[len(tops) // 2], bottoms[len(bottoms) // 2]


_LOW_LINES = {"_", "＿", "__"}
_NARROW = re.compile(r"[\u3041-\u30FF\uFF66-\uFF9F0-9０-９]")
_DIGIT = re.compile(r"[0-9０-９]")
# Between two digits: a full-width 1 leaves half an em of paper on either side, and a number split
# there is no longer a number (２０１９年１０月 read as "201 9年1 0月" is no date). Digits of two
# table cells stand further apart, or a rule parts them. Measured on the clean scans (docs/keyer.md).
DIGIT_GAP = 1.2


def _splits(ink, line: list[Symbol], y0: float, y1: float, em: float) -> list[float]:
    """x positions (pixels) of the blank gaps a reader sees as spaces on this line.

    Measured in the image, not from the engine's symbol boxes (the LSTM engine's boxes are
    approximate and overlap): a run of blank columns in the line's band at least 0.55 em wide,
    0.7 em between two kana or digits (narrower than their em square: a word's own kana or
    full-width digits leave up to ~0.5 em of paper between them), `DIGIT_GAP` between two
    digits. The spaces of the forms measured leave ~1 em (docs/keyer.md)."""
    import numpy as np

    x0, x1 = int(max(0, min(s.x0 for s in line))), int(min(ink.shape[1], max(s.x1 for s in line) + 1))
    m = max(1, int((y1 - y0) * 0.1))
    band = ink[int(y0) + m:max(int(y0) + m + 1, int(y1) - m), x0:x1]
    if band.size == 0:
        return []
    inked = band.sum(axis=0) >= max(2, int(em * 0.06))
    splits: list[float] = []
    start = None
    for i, v in enumerate(np.append(inked, True).tolist()):
        if not v and start is None:
            start = i
        elif v and start is not None:
            x = x0 + (start + i) / 2
            left = [s for s in line if (s.x0 + s.x1) / 2 < x]
            right = [s for s in line if (s.x0 + s.x1) / 2 >= x]
            a, b = (left[-1].c[-1], right[0].c[0]) if left and right else ("", "")
            if (_DIGIT.match(a) or a in ".．") and (_DIGIT.match(b) or b in ".．") and a + b not in ("..", "．．"):
                need = DIGIT_GAP  # digits, and the points of a date (2024.12.16) between them
            elif _NARROW.match(a) and _NARROW.match(b):
                need = 0.7
            else:
                need = 0.55
            if i - start >= need * em and start > 0:
                splits.append(x)
            start = None
    return splits


def _no_echoes(line: list[Symbol], em: float) -> list[Symbol]:
    """The line without ink read twice by two readings (the page's and a line read again,
    `_reread`/`_uncovered`): the same character side by side within 0.6 em (課長 came back as 課課長,
    支店 as 支店店) — the wider box is kept —, or two characters over the same ink (真由美 as 真由半由美:
    boxes overlapping by half both ways) — the likelier reading is kept. A character printed twice
    is one reading's."""
    out: list[Symbol] = []
    for s in line:
        out.append(s)
        while len(out) >= 2 and out[-2].line != out[-1].line:
            p, q = out[-2], out[-1]
            if p.c == q.c and q.x0 - p.x1 < 0.6 * em and p.x0 - q.x1 < 0.6 * em:
                out[-2:] = [q if q.x1 - q.x0 > p.x1 - p.x0 else p]
                continue
            ox = min(p.x1, q.x1) - max(p.x0, q.x0)
            oy = min(p.y1, q.y1) - max(p.y0, q.y0)
            if ox > 0.5 * min(p.x1 - p.x0, q.x1 - q.x0) and oy > 0.5 * min(p.y1 - p.y0, q.y1 - q.y0):
                out[-2:] = [q if q.conf > p.conf else p]
                continue
            break
    return out


def _off_rules(line: list[Symbol], xs: list[float], em: float) -> list[Symbol]:
    """The line without the symbols that are a vertical table rule read as a character (|, ], l, 1):
    a glyph narrower than a third of the em standing on a rule that crosses the line."""
    tol = max(2.0, 0.12 * em)
    return [s for s in line
            if not (s.x1 - s.x0 < 0.34 * em and any(s.x0 - tol <= x <= s.x1 + tol for x in xs))]


def _on_band(s: Symbol) -> Symbol:
    """A glyph the engine boxed as a sliver of its line (card_rows' 日 of a bold 発令日, 4 px tall at the
    foot of the card's row, made a line and a word of its own between the card's rows and the card came
    apart) stands on its engine line's band: no letter is a quarter of its line tall and four times as
    wide as tall. Flat glyphs (ー, 一, points, low lines) keep their boxes."""
    h = s.y1 - s.y0
    if h < 0.25 * (s.line_y1 - s.line_y0) and h < 0.25 * (s.x1 - s.x0) and s.c not in _DASHES \
            and _LETTER.fullmatch(s.c) and s.line_y0 <= s.y0 and s.y1 <= s.line_y1:
        return replace(s, y0=s.line_y0, y1=s.line_y1)
    return s


def _words(symbols: list[Symbol], scale: float, ink=None, vrules: list[tuple[float, float, float]] = (),
           bilevel: bool = False) -> list[Word]:
    """Symbols regrouped into words: one printed line, no gap a reader sees as a space.

    Every word of a line gets the line's vertical extent, widened to the em the ink suggests
    (a text layer's boxes span the em; flat ink such as ー or 一 must not make its own line).
    A vertical rule crossing a line (`vrules`: x, top, bottom in pixels) ends a word: a cell's
    text never runs on into the next cell, and the engine's reading of the rule itself is dropped."""
    import bisect

    words: list[Word] = []
    for line in _lines([_on_band(s) for s in symbols]):
        ly0, ly1 = _band(line)
        em = max(1.0, (ly1 - ly0) / 0.88)
        line = _no_echoes(line, em)
        crossing = sorted(x for x, top, bottom in vrules if top <= ly0 + 0.2 * em and bottom >= ly1 - 0.2 * em)
        if crossing:
            line = _off_rules(line, crossing, em)
            if not line:
                continue
        fixed = fix_line("".join(s.c if len(s.c) == 1 else "\0" for s in line))
        line = [replace(s, c=f) if len(s.c) == 1 else s for s, f in zip(line, fixed)]
        ly0, ly1 = _band(line)
        em = max(1.0, (ly1 - ly0) / 0.88)
        pad = (em - (ly1 - ly0)) / 2
        if ink is not None:
            splits = _splits(ink, line, ly0, ly1, em)
        else:
            splits = [(p.x1 + s.x0) / 2 for p, s in zip(line, line[1:]) if s.x0 - p.x1 > 0.38 * em]
        splits = sorted(set(splits) | set(crossing))
        if bilevel:
            line = _straddling(line, splits, em)
        runs: dict[int, list[Symbol]] = {}
        for s in line:
            runs.setdefault(bisect.bisect(splits, (s.x0 + s.x1) / 2), []).append(s)
        if ink is not None:
            runs = _onto_ink(ink, runs, splits, crossing, ly0, ly1, em)
            if bilevel:
                runs = _wide_boxes(runs, em)
            runs = _marks(ink, runs, ly0 - pad, ly1 + pad, em)
            if bilevel:
                runs = _flat_strokes(ink, runs, ly0 - pad, ly1 + pad, em)
                runs = _inserted(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _variants(ink, runs, ly0 - pad, ly1 + pad, em,
                             floor=VARIANT_FLOOR_BILEVEL if bilevel else VARIANT_FLOOR, line_em=bilevel)
            runs = _vocab_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _joiners(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _label_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _remark_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _kana_digits(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _name_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
            runs = _post_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
            if bilevel:  # the candidates' shapes cost ~0.1 s a page once drawn, more while they are drawn
                runs = _person_shapes(ink, runs, ly0 - pad, ly1 + pad, em)
                runs = _lone_given(ink, runs, ly0 - pad, ly1 + pad, em)
                runs = _given_pairs(ink, runs, ly0 - pad, ly1 + pad, em)
                if PAIR_SHORTLIST:
                    runs = _name_pairs(ink, runs, ly0 - pad, ly1 + pad, em)
        for _k, run in sorted(runs.items()):
            # a low line at either end of a word is the engine's reading of blank paper or of an
            # underline (found as a rule): no Japanese word begins or ends with one
            while run and run[0].c in _LOW_LINES:
                run = run[1:]
            while run and run[-1].c in _LOW_LINES:
                run = run[:-1]
            # a fax's speck read as a Western point before a Japanese word (.測部長): no word begins with one
            while bilevel and len(run) > 1 and run[0].c in ".．,，" and _FULL_WIDTH.match(run[1].c):
                run = run[1:]
            if not run:
                continue
            if bilevel and len(run) == 1 and run[0].c in _SPECK_MARKS:
                continue
            raw = "".join(s.c for s in run)
            char_x = tuple(s.x0 * scale for s in run for _ in s.c)
            char_conf = tuple(s.conf for s in run for _ in s.c)
            text = _latin_unit(fix_word(raw))
            if len(text) != len(raw):  # a correction merged characters: keep the ends of the run
                char_x, char_conf = _fit(char_x, len(text)), _fit(char_conf, len(text))
            words.append(Word(text=text, x0=run[0].x0 * scale, y0=(ly0 - pad) * scale,
                              x1=max(s.x1 for s in run) * scale, y1=(ly1 + pad) * scale, size=em * scale,
                              conf=min(char_conf) if char_conf else 0.0, char_x=char_x, char_conf=char_conf))
    return words


# A fax's speck is read as 。 or 、 standing alone, a word gap from any text (池田 直樹 。 | いけだ): kept, it
# joined the cell's name (直樹。) or reading (おかもと 。 けい, the name then parted by it as 岡 | 本). Printed,
# these marks close the text before them, with no gap (a run of their own is none of the page's text).
_SPECK_MARKS = "。、"


# A unit named with Latin capitals (ＩＴ本部) whose serifed Ｉ a fax's `fast` model read as the digit 1
# (1T本部: IT本部 lost as the old post in three documents of fax seed 1). A unit or title (the post
# grammar's suffixes) does not begin with 1 straight before a capital; a floor (1F) would, hence
# not F. At the word's start or after a label's colon (旧:1T本部).
_ONE_BEFORE_CAPITAL = re.compile(r"(?:^|(?<=[:：]))[1l|](?=[A-EG-Z][A-Z]?[\u3005\u4E00-\u9FFF\u30A1-\u30FA])")


def _latin_unit(text: str) -> str:
    m = _ONE_BEFORE_CAPITAL.search(text)
    if not m:
        return text
    from inference.local.posts import is_post_word

    return text[:m.start()] + "I" + text[m.end():] if is_post_word(text[m.start():]) else text


# What the engine reads for marks its models hardly know, in Japanese print: the ditto mark 〃 (a
# company or date column's "same as above"), the arrow → (old post → new post) and the section mark
# ■. The `best` model reads 〃 as "7", → as "っ", ▶ as "ぃ", "»", "*" or "+", ■ as "m" (docs/keyer.md, "OCR").
# A lone glyph is therefore checked against the shape of its ink; what a mark's shape cannot be
# (a dash for an arrow) is left as read.
_DASHES = set("ー一－―‐-_—~〜")
_KANJI = re.compile(r"[\u3005\u4E00-\u9FFF\uF900-\uFAFF]")


def _components(mask) -> list[list[tuple[int, int]]]:
    """8-connected components of a small boolean crop, as lists of (row, column)."""
    h, w = mask.shape
    seen = [[False] * w for _ in range(h)]
    rows = mask.tolist()
    out = []
    for y in range(h):
        for x in range(w):
            if not rows[y][x] or seen[y][x]:
                continue
            stack, comp = [(y, x)], []
            seen[y][x] = True
            while stack:
                cy, cx = stack.pop()
                comp.append((cy, cx))
                for ny in (cy - 1, cy, cy + 1):
                    for nx in (cx - 1, cx, cx + 1):
                        if 0 <= ny < h and 0 <= nx < w and rows[ny][nx] and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
            out.append(comp)
    return out


def _box(comp) -> tuple[int, int, int, int]:
    ys = [p[0] for p in comp]
    xs = [p[1] for p in comp]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def _mark(ink, s: Symbol, top: float, bottom: float, em: float) -> tuple[str, float, float] | None:
    """The mark a lone glyph's ink shows (〃, →, ▶ or ■) and its x extent in pixels, else None."""
    y0, y1 = max(0, int(top)), min(ink.shape[0], int(bottom) + 1)
    x0, x1 = max(0, int(s.x0 - em)), min(ink.shape[1], int(s.x1 + 2 * em))
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0 or crop.shape[0] < 8:
        return None
    least = max(4, int(em * em * 0.002))
    every = _components(crop)
    comps = [c for c in every if len(c) >= least]
    # the components the engine's symbol box covers (its centre half: the boxes are approximate)
    sx0, sx1 = s.x0 - x0, s.x1 - x0
    cx0, cx1 = sx0 + (sx1 - sx0) * 0.15, sx1 - (sx1 - sx0) * 0.15
    mine = [c for c in comps if _box(c)[0] < cx1 and _box(c)[2] > cx0]
    if not mine:
        # a box beside its glyph (the engine's box of a mark it does not know can be a sliver next
        # to it): the nearest ink within half an em
        near = sorted((max(_box(c)[0] - sx1, sx0 - _box(c)[2]), i) for i, c in enumerate(comps))
        mine = [comps[near[0][1]]] if near and near[0][0] <= 0.5 * em else []
        if not mine:
            return None
        sx0, sx1 = _box(mine[0])[0], _box(mine[0])[2]
    boxes = [_box(c) for c in mine]
    bx0, by0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    bx1, by1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = bx1 - bx0, by1 - by0
    mid = ((by0 + by1) / 2) / crop.shape[0]  # the mark's centre in the em band, 0 top … 1 bottom
    if not set(s.c) <= _DASHES:
        arrow = _arrow(crop, [c for c in comps if _box(c)[0] < sx1 and _box(c)[2] > sx0], em)
        if arrow:
            return "→", arrow[0] + x0, arrow[1] + x0
        arrow = _dotted_arrow(crop, every, sx0, sx1, em)
        if arrow:
            return "→", arrow[0] + x0, arrow[1] + x0
    if len(mine) == 2 and w <= 0.6 * em and 0.15 * em <= h <= 0.5 * em and 0.35 <= mid <= 0.65:
        # the ditto mark: two short slanted strokes side by side in the middle of the line
        (a0, ay0, a1, ay1), (b0, by0_, b1, by1_) = sorted(boxes)
        ha, hb = ay1 - ay0, by1_ - by0_
        if (ha >= 1.2 * (a1 - a0) and hb >= 1.2 * (b1 - b0) and max(ha, hb) <= 1.5 * min(ha, hb)
                and b0 - a1 <= 0.3 * em):
            return "〃", bx0 + x0, bx1 + x0
    if len(mine) == 1 and max(8, 0.25 * em) <= w <= em and 0.25 * em <= h <= em and abs(w - h) <= 0.2 * max(w, h):
        if len(mine[0]) >= 0.85 * w * h:  # a filled square
            return "■", bx0 + x0, bx1 + x0
        import numpy as np

        cols = crop[by0:by1, bx0:bx1].sum(axis=0)
        q = max(1, w // 4)
        if (0.4 <= len(mine[0]) / (w * h) <= 0.75 and 0.35 <= mid <= 0.65
                and cols[:q].mean() >= 0.8 * h and cols[-q:].mean() <= 0.4 * h):
            return "▶", bx0 + x0, bx1 + x0  # a filled triangle pointing right: tall on the left, a tip on the right
    return None


def _arrow(crop, comps, em: float) -> tuple[int, int] | None:
    """The x extent of an arrow (→) drawn by these components, else None: a thin shaft at mid-height
    (broken into dashes on a fax) with a head at its right end, wider than tall, shorter than half
    an em."""
    import numpy as np

    if not comps:
        return None
    boxes = [_box(c) for c in comps]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = x1 - x0, y1 - y0
    if not (w >= 0.5 * em and h <= 0.55 * em and w >= 1.4 * h and w >= 8
            and 0.3 <= (y0 + y1) / 2 / crop.shape[0] <= 0.7):
        return None
    mask = np.zeros((y1 - y0, w), dtype=bool)
    for c in comps:
        for y, x in c:
            mask[y - y0, x - x0] = True
    cols = mask.sum(axis=0)
    middle = cols[w // 4:w // 2]
    inked = middle[middle > 0]
    if len(inked) < 0.6 * len(middle) or not len(inked):
        return None
    shaft = float(np.median(inked))
    return (x0, x1) if float(cols[w * 3 // 4:].max()) >= 2.5 * shaft else None


def _dotted_arrow(crop, comps, sx0: float, sx1: float, em: float) -> tuple[int, int] | None:
    """The x extent of a fax's arrow (→), else None: at 100 dpi the arrow's thin shaft breaks into
    dots of a pixel or two and short dashes (too small to count as ink for `_arrow`, which then saw
    a head half an em wide or less and no arrow: arrow_lines read → as っ, ふ, …, >). A filled
    triangle pointing right (tall on its left, a tip on its right) at mid-line, near the engine's box,
    with pieces of a thin shaft level with its middle leading to it from the left."""
    import numpy as np

    height = crop.shape[0]
    boxes = [_box(c) for c in comps]
    for c, (hx0, hy0, hx1, hy1) in zip(comps, boxes):
        w, h = hx1 - hx0, hy1 - hy0
        if not (0.25 * em <= h <= 0.5 * em and 0.12 * em <= w <= 0.35 * em and h >= 1.2 * w
                and 0.3 <= (hy0 + hy1) / 2 / height <= 0.7 and hx1 > sx0 - 0.5 * em and hx0 < sx1 + 0.5 * em
                and 0.35 <= len(c) / (w * h) <= 0.8):
            continue
        mask = np.zeros((h, w), dtype=bool)
        for y, x in c:
            mask[y - hy0, x - hx0] = True
        rows = np.arange(h)[:, None]
        spans = np.where(mask.any(axis=0), np.where(mask, rows, -1).max(axis=0) - np.where(mask, rows, h).min(axis=0) + 1, 0)
        if not (spans[:max(1, w // 2)].max() >= 0.7 * h and spans[-max(1, w // 4):].max() <= 0.6 * h):
            continue  # not tall on its left and pointed on its right
        cy = (hy0 + hy1) / 2
        pieces = sorted((b for b in boxes if b[2] <= hx0 + 0.1 * em and b[2] > hx0 - 0.8 * em and b[3] - b[1] <= 0.15 * em
                         and abs((b[1] + b[3]) / 2 - cy) <= 0.1 * em), key=lambda b: -b[2])
        left = hx0
        for b in pieces:
            if b[2] >= left - 0.2 * em:
                left = min(left, b[0])
        if hx0 - left >= 0.2 * em and hx1 - left >= 0.45 * em:
            return left, hx1
    return None


def _marks(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Runs of one glyph whose ink is a mark (`_mark`) read as that mark; symbols of the next run
    that lie on the same mark (an arrow's head read as ">") dropped."""
    out = {k: list(v) for k, v in runs.items()}
    keys = sorted(out)
    for i, k in enumerate(keys):
        run = out[k]
        text = "".join(s.c for s in run)
        # one glyph, or a mark read as two (an arrow as "-+", "-ふ"); never a kanji
        if not run or len(text) > 2 or len(text) != len(run) or any(_KANJI.match(c) for c in text):
            continue
        one = replace(run[0], c=text, x1=max(s.x1 for s in run)) if len(run) == 2 else run[0]
        found = _mark(ink, one, top, bottom, em)
        if found is None or found[0] == text:
            continue
        mark, mx0, mx1 = found
        out[k] = [replace(one, c=mark, x0=min(one.x0, mx0), x1=max(one.x1, mx1))]
        for other in keys[i + 1:i + 2]:
            out[other] = [t for t in out[other] if not (mx0 <= (t.x0 + t.x1) / 2 <= mx1)]
    return out


# The kanji 一 after a kanji (健一, 浩一) broken by a fax into dashes and read as letters or marks (健as, 健.-): a stretch
# of symbols that are no kana or kanji after a kanji, whose ink is one flat band across the line's middle (under
# `FLAT_HEIGHT` em tall, `FLAT_WIDTH` em wide at least), is the stroke 一.
FLAT_HEIGHT = 0.25
FLAT_WIDTH = 0.5
_NOT_LETTER = re.compile(r"[A-Za-z0-9.,:;'\-_~。、・ー―‐-]")


def _flat_strokes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    import numpy as np

    out = runs
    for k, run in runs.items():
        i = next((j for j in range(1, len(run)) if _NOT_LETTER.fullmatch(run[j].c) and _KANJI.match(run[j - 1].c)), None)
        if i is None or not all(_NOT_LETTER.fullmatch(s.c) for s in run[i:]):
            continue
        x0, x1 = int(run[i - 1].x1), int(max(s.x1 for s in run[i:]) + 0.2 * em)
        t, b = int(top), int(bottom) + 1
        crop = ink[t:b, x0:x1]
        rows = np.nonzero(crop.any(axis=1))[0]
        cols = np.nonzero(crop.any(axis=0))[0]
        if len(rows) == 0:
            continue
        height, width, middle = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1, (rows[0] + rows[-1]) / 2 / max(1, b - t)
        if height <= FLAT_HEIGHT * em and width >= FLAT_WIDTH * em and 0.3 <= middle <= 0.7:
            if out is runs:
                out = {j: list(v) for j, v in runs.items()}
            out[k] = run[:i] + [replace(run[i], c="一", x0=x0 + float(cols[0]), x1=x0 + float(cols[-1]) + 1)]
    return out


# Kanji the engine reads as a look-alike it knows: the variants of names (髙, 﨑, 邉, 栁, 德, 濵 — in none
# of the models, so read as 高, 崎, 邊/違, 柳, 徳, 濱/演) and the `best` model's 真 for 直 (直樹 → 真樹),
# 劉 for 留 (留任), 大 for 太 (太田). A symbol read as one of these is compared with the shapes of every
# kanji of its set, drawn in MuPDF's Japanese font and the Noto CJK fonts when installed, and the
# likeliest shape is kept when it is clearly likelier (`VARIANT_MARGIN`). The sets are the
# comparison's variant table (`VARIANT_KANJI`) and `jptext.ocr.LOOKALIKES`. Measured (docs/keyer.md,
# "OCR"): with MuPDF's font, the one the corpus is printed in, clean 0.867 → 0.884 (seed 1); with the
# Noto fonts alone 0.871 — the shapes must be near the typeface printed.
VARIANT_MARGIN = 0.08
# ... and only when that shape matches the ink well (correlation): a glyph cut badly from its
# neighbours matches every candidate poorly, and the best of poor matches is no evidence.
VARIANT_FLOOR = 0.8
# ... on a fax (bilevel, 100 dpi vertical) the ink of the right kanji itself matches its shape less well: 栁
# read 柳 matched 栁 by 0.79 and 柳 by 0.61, 髙 0.80 / 高 0.70, 德 0.75 / 徳 0.54 (fax seed 1), under the floor
# of greyscale pages. The margin stays the same; a fax glyph's width is also measured by the line's em.
VARIANT_FLOOR_BILEVEL = 0.7
_GLYPH = 32  # side of the normalised glyph image compared
_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
               "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
_fonts: list = []
_shapes: dict[tuple[str, int], object] = {}


def _lookalikes() -> dict[str, tuple[str, ...]]:
    from dataentry.normalization import VARIANT_KANJI
    from jptext.ocr import LOOKALIKES

    sets: dict[str, set[str]] = {}
    for variant, standard in VARIANT_KANJI.items():
        sets.setdefault(standard, {standard}).add(variant)
    out: dict[str, set[str]] = {}
    for group in sets.values():
        for c in group:
            out.setdefault(c, set()).update(group)
    for read, meant in LOOKALIKES.items():
        for c in meant:
            out.setdefault(read, {read}).update(out.get(c, {c}))
    return {c: tuple(sorted(g)) for c, g in out.items() if len(g) > 1}


_LOOKALIKE_SETS: dict[str, tuple[str, ...]] | None = None


def _glyph_vector(mask):
    """A glyph's ink cut to its box, scaled to `_GLYPH`², smoothed and centred (unit length): shapes
    compared by correlation, whatever the print size."""
    import numpy as np
    from PIL import Image, ImageFilter

    ys, xs = np.nonzero(mask)
    if len(ys) < 8:
        return None
    cut = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    im = Image.fromarray((cut * 255).astype("uint8")).resize((_GLYPH, _GLYPH), Image.BILINEAR)
    a = np.asarray(im.filter(ImageFilter.GaussianBlur(1)), dtype=float)
    a -= a.mean()
    n = float(np.linalg.norm(a))
    return a / n if n else None


def _typefaces() -> list:
    """MuPDF's own Japanese typeface first, then the Noto ones installed."""
    import io

    from PIL import ImageFont

    if not _fonts:
        _fonts.append(ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), 96))
        _fonts.extend(ImageFont.truetype(f, 96, index=0) for f in _FONT_FILES if Path(f).is_file())
    return _fonts


def _drawn_shape(c: str, k: int):
    """`c` drawn in typeface `k` as `_glyph_vector` makes ink, flattened (zeros where it draws nothing)."""
    import numpy as np
    from PIL import Image, ImageDraw

    im = Image.new("L", (160, 160), 0)
    ImageDraw.Draw(im).text((20, 10), c, font=_typefaces()[k], fill=255)
    vector = _glyph_vector(np.asarray(im) > 128)
    return np.zeros(_GLYPH * _GLYPH) if vector is None else vector.ravel()


def _shape(c: str, k: int):
    if (c, k) not in _shapes:
        from inference.local.ocr_tables import name_shapes

        table = name_shapes() if k == 0 else None
        if table is not None and c in table[0]:
            import numpy as np

            _shapes[(c, k)] = np.asarray(table[1][table[0][c]], dtype=float)
        else:
            _shapes[(c, k)] = _drawn_shape(c, k)
    return _shapes[(c, k)]


def _shape_score(vector, c: str, fonts: int = 0) -> float:
    """How well the ink (`_glyph_vector`) matches `c` in the likeliest of the typefaces (with `fonts`,
    of the first so many: MuPDF's own first)."""
    flat = vector.ravel()
    return max([0.0] + [float(flat @ _shape(c, k)) for k in range(len(_typefaces()[:fonts or None]))])


WHOLE_TABLE = 2000  # candidates from which `_first_font_scores` multiplies the whole name-shapes table
WHOLE_TOP = 64


def _first_font_scores(vector, group) -> dict[str, float]:
    """`_shape_score(vector, c, fonts=1)` for every `c` of `group`, those of the name-shapes table
    (`ocr_tables`) in one product: a person's name kanji is compared with hundreds of candidates. From a
    group of `WHOLE_TABLE` or more, the table's likeliest `WHOLE_TOP` only (and the group's others)."""
    import numpy as np

    from inference.local.ocr_tables import name_shapes

    table = name_shapes()
    scores: dict[str, float] = {}
    if table is not None and len(group) >= WHOLE_TABLE:
        # most of the table (`_name_pairs`: every name kanji): one product with the whole matrix as stored
        # (float32), not a float64 copy of its rows; only the likeliest `WHOLE_TOP` are returned
        products = np.maximum(np.asarray(table[1]) @ vector.ravel().astype(np.float32), 0.0)
        kanji = _name_kanji()
        best = np.argpartition(-products, WHOLE_TOP)[:WHOLE_TOP]
        scores = {kanji[i]: float(products[i]) for i in best.tolist() if kanji[i] in group}
        for c in group:
            if c not in table[0]:
                scores[c] = _shape_score(vector, c, fonts=1)
        return scores
    inside = sorted(c for c in group if table is not None and c in table[0])
    if inside:
        products = np.asarray(table[1][[table[0][c] for c in inside]], dtype=float) @ vector.ravel()
        scores = dict(zip(inside, np.maximum(products, 0.0).tolist()))
    for c in set(group) - set(inside):
        scores[c] = _shape_score(vector, c, fonts=1)
    return scores


def _glyph_cuts(ink, s: Symbol, top: float, bottom: float, em: float, reach: float = 0.5) -> list[tuple[int, int]]:
    """The column spans a symbol's glyph may have: stretches of ink pieces (parted by blank columns)
    0.7–1.1 em wide starting within half an em of the engine's box, whose edges are approximate (a
    box can start inside its glyph, between 山 and 奇 of 﨑, or run on over the next one)."""
    import numpy as np

    a, b = max(0, int(s.x0 - reach * em)), min(ink.shape[1], int(s.x1 + 0.5 * em))
    band = ink[max(0, int(top)):int(bottom) + 1, a:b]
    if band.size == 0:
        return []
    inked = np.append(band.any(axis=0), False)
    pieces, start = [], None
    for x, v in enumerate(inked.tolist()):
        if v and start is None:
            start = x
        elif not v and start is not None:
            pieces.append((a + start, a + x))
            start = None
    cuts = []
    for i in range(len(pieces)):
        if abs(pieces[i][0] - s.x0) > reach * em:
            continue
        for j in range(i, len(pieces)):
            span = pieces[j][1] - pieces[i][0]
            if span > 1.1 * em:
                break
            if span >= 0.7 * em:
                cuts.append((pieces[i][0], pieces[j][1]))
    return cuts


def _glyph_band(ink, s: Symbol, top: float, bottom: float, em: float) -> tuple[int, int]:
    """The rows of a symbol's glyph: the block of inked rows under its box (gaps under a tenth of an
    em bridged) that overlaps the line's band most, looked for an em above and below it — a name set
    between two lines (jirei forms) gets its band from the boxes of a reading again, which can sit
    half an em off its ink. The band as given when no block of glyph height is found."""
    h = ink.shape[0]
    y0, y1 = max(0, int(top - em)), min(h, int(bottom + em) + 1)
    rows = ink[y0:y1, max(0, int(s.x0)):int(s.x1) + 1].any(axis=1).tolist()
    gap = max(2, int(0.1 * em))
    blocks, start, last = [], None, None
    for i, v in enumerate(rows):
        if v:
            if start is None or i - last > gap:
                if start is not None:
                    blocks.append((start, last + 1))
                start = i
            last = i
    if start is not None:
        blocks.append((start, last + 1))
    best = None
    for b0, b1 in blocks:
        overlap = min(b1 + y0, bottom) - max(b0 + y0, top)
        if overlap > 0 and 0.3 * em <= b1 - b0 <= 1.3 * em and (best is None or overlap > best[0]):
            best = (overlap, b0 + y0, b1 + y0)
    return (best[1] - 1, best[2] + 1) if best else (max(0, int(top)), int(bottom) + 1)


def _glyph_rows(crop, em: float):
    """The rows of `crop` that hold the glyph: the ink around the band's middle, gaps under a tenth
    of an em bridged — an underline or a neighbouring line's ink beyond a blank row is left out."""
    rows = crop.any(axis=1).tolist()
    if not any(rows):
        return crop
    mid = len(rows) // 2
    inked = [i for i, v in enumerate(rows) if v]
    mid = min(inked, key=lambda i: abs(i - mid))
    gap = max(2, int(0.1 * em))
    r0 = r1 = mid
    while r0 > 0 and any(rows[max(0, r0 - gap):r0]):
        r0 -= 1
    while r1 < len(rows) - 1 and any(rows[r1 + 1:r1 + 1 + gap]):
        r1 += 1
    return crop[r0:r1 + 1]


def _glyph_scores(ink, s: Symbol, group, top: float, bottom: float, em: float, line_em: bool = False,
                  shortlist: int = 0, keep=(), extra=(), avoid=(), chosen: list | None = None,
                  rescore: bool = True) -> dict[str, float]:
    """How well the ink of symbol `s` matches each character of `group` (`_shape_score`), on the cut of
    its glyph some character matches best; empty when no cut has ink enough. With `line_em`, glyph
    widths are also measured by the line's em (a fax glyph beside a row rule has a band taller than
    its ink, and its own em then finds no cut as wide as the glyph)."""
    scores: dict[str, float] = {}
    g0, g1 = _glyph_band(ink, s, top, bottom, em)
    # the glyph's own em (a kanji's ink is ~0.88 em tall): a band gathered on a coarse grid
    # (`_uncovered`) is taller than its line
    gem = min(1.4 * em, max(0.6 * em, (g1 - g0) / 0.88))
    reach = VOCAB_REACH if line_em else 0.5
    cuts = _glyph_cuts(ink, s, g0, g1, gem, reach)
    if line_em and em < gem:
        cuts += [c for c in _glyph_cuts(ink, s, g0, g1, em, reach) if c not in cuts]
    cuts += [c for c in extra if c not in cuts]  # cuts found otherwise (`_pitch_cut`)
    for cut in cuts:
        vector = _glyph_vector(_glyph_rows(ink[g0:g1, cut[0]:cut[1]], gem))
        if vector is None:
            continue
        if shortlist and len(group) > shortlist:
            # a large group scored in one typeface first, and its likeliest (and `keep`) in all of them
            here = _first_font_scores(vector, group)
            if rescore:
                for c in set(sorted(sorted(here), key=here.get, reverse=True)[:shortlist]) | (set(keep) & set(group)):
                    here[c] = _shape_score(vector, c)
        else:
            here = {c: _shape_score(vector, c) for c in group}
        if avoid and max(sorted(here), key=here.get) in avoid:
            continue  # the cut of a neighbour's glyph
        if not scores or max(here.values()) > max(scores.values()):
            scores = here  # the cut some shape of the set matches best
            if chosen is not None:
                chosen[:] = [cut]
    return scores


def _variants(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float,
              floor: float = VARIANT_FLOOR, line_em: bool = False) -> dict[int, list[Symbol]]:
    """Symbols read as a kanji with look-alikes (`_lookalikes`) read as the look-alike their ink
    shows, when its shape is likelier by `VARIANT_MARGIN` and matches by `floor` (`VARIANT_FLOOR`,
    `VARIANT_FLOOR_BILEVEL` on a fax)."""
    global _LOOKALIKE_SETS
    if _LOOKALIKE_SETS is None:
        _LOOKALIKE_SETS = _lookalikes()
    out = runs
    for k, run in runs.items():
        for i, s in enumerate(run):
            group = _LOOKALIKE_SETS.get(s.c)
            if not group:
                continue
            scores = _glyph_scores(ink, s, group, top, bottom, em, line_em=line_em)
            if not scores:
                continue
            best = max(group, key=scores.get)
            if best != s.c and scores[best] >= max(floor, scores[s.c] + VARIANT_MARGIN):
                if out is runs:
                    out = {j: list(v) for j, v in runs.items()}
                out[k][i] = replace(s, c=best)
    return out


# Post words read one glyph off (fax pages, the `fast` model: 係長 → 信長, 副室長 → 測室長, 支店長 → 支店接,
# 取締役 → 取綿役, 兼 → 琶/梁/背). The engine's own alternatives for such a glyph (`lstm_choice_mode` 2,
# ChoiceIterator) never held the right character (none of 21 such misreads checked on five fax pages of seed 1),
# so the vocabulary proposes and the ink decides: where a run ends one glyph from a longer word of the
# post grammar's vocabulary (`_vocabulary`) than the run ends with now, that word's character is compared
# with the one read on the shape of the glyph's ink (as for the look-alikes, `_variants`) and kept when
# its shape is likelier by `VOCAB_MARGIN` and matches by `VOCAB_FLOOR`. A name one glyph from a title
# (信長, 係長) keeps its 信: its ink is 信. Measured (docs/keyer.md, "OCR"): fields right fax 615 → 630
# (seed 1), 542 → 558 (seed 7); clean unchanged. Floor 0.4 / 0.5 / 0.55 / 0.6 / 0.7: see docs/keyer.md
# (0.5 gains two fields a fax seed; without the one-character rule below it cost clean 9 fields).
VOCAB_MARGIN = 0.12
VOCAB_FLOOR = 0.6
# A glyph's cut may start this far (em) from the engine's box: boxes of a fax line read again sit up to
# half an em beside their ink (DX推進室's 室 read 営, its box over the blank after it). 0.5 (as for the
# look-alikes) / 0.75 / 1.0: fax 627 / 630 / 631 (seed 1), 554 / 558 / 556 (seed 7).
VOCAB_REACH = 0.75
_VOCAB: set[str] = set()


def _vocabulary() -> set[str]:
    """The words of posts the grammar knows (`inference.local.posts`): unit and title suffixes
    (部, 支店, 営業所, 長, 役員, 取締役, …), a unit's head (部長, 支店長, 所長) and its deputy (副部長),
    and the concurrent 兼. Suffixes and the words they make, no post of any form."""
    if not _VOCAB:
        from inference.local.posts import _CONCURRENT, ORG_SUFFIX, TITLE_SUFFIX

        units = set(re.findall(r"[^()|]+", ORG_SUFFIX))
        titles = set(re.findall(r"[^()|]+", TITLE_SUFFIX))
        # of the one-character titles only 長 and 役: 員, 付, 師, 医 end words (役員, 社長付, 薬剤師, 産業医) but
        # are no titles alone, and proposed alone they fit a name's last glyph (clean seed 1 at floor 0.5:
        # 髙木 → 髙医)
        titles = {t for t in titles if len(t) > 1 or t in "長役"}
        # a unit's head: 部長, 支店長, and the last character's (営業所 → 所長)
        heads = {u + "長" for u in units} | {u[-1] + "長" for u in units}
        _VOCAB.update(units | titles | heads | {"副" + h for h in heads} | {c for c in _CONCURRENT if len(c) == 1})
    return _VOCAB


def _proposals(text: str, least: int = 1) -> dict[int, set[str]]:
    """Position in `text` → the characters that would make it end with a longer vocabulary word
    than it ends with (a kanji or kana read, one substitution): 支店接 → {2: {長}}, 信長 → {0: {係, 部, …}},
    a lone 琶 → {0: {兼, 長, 部, …}}; 支店長 → nothing longer to become but 副支店長 ({0: {副}})."""
    vocab = _vocabulary()
    have = max((n for n in range(1, len(text) + 1) if text[-n:] in vocab), default=0)
    out: dict[int, set[str]] = {}
    for w in vocab:
        n = len(w)
        if n <= have or n > len(text) or n < least:
            continue
        tail = text[-n:]
        diff = [j for j in range(n) if tail[j] != w[j]]
        if len(diff) == 1:
            j = diff[0]
            if _KANJI.match(tail[j]) or re.match(r"[\u3041-\u30FF]", tail[j]):
                out.setdefault(len(text) - n + j, set()).add(w[j])
    return out


def _proposals_within(text: str) -> dict[int, set[str]]:
    """`_proposals` of the run's end and also of every stretch of it that a vocabulary word of two or
    more characters follows: a word one glyph off before a post word (鉛務取締役 → 常務, 取綿役副社長 → 取締役,
    代表取錦役社長 → 取締役), which the run's end does not show."""
    vocab = _vocabulary()
    out = {i: set(c) for i, c in _proposals(text).items()}
    for e in range(2, len(text) - 1):
        if any(text[e:e + n] in vocab for n in range(2, min(5, len(text) - e) + 1)):
            for i, cands in _proposals(text[:e], least=2).items():
                out.setdefault(i, set()).update(cands)
    return out


def _vocab_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Runs whose end the ink shows to be a post word read one glyph off (`_proposals`), read as that
    word; up to two glyphs a run (温室最 → 温室長 → 副室長), one at a time."""
    out = runs
    for k in list(runs):
        for _pass in range(2):
            run = out[k]
            if any(len(s.c) != 1 for s in run):
                break
            text = "".join(s.c for s in run)
            changed = False
            for i, cands in sorted(_proposals_within(text).items()):
                s = run[i]
                group = {s.c} | cands
                scores = _glyph_scores(ink, s, group, top, bottom, em, line_em=True)
                if not scores:
                    continue
                best = max(sorted(group), key=scores.get)
                if best != s.c and scores[best] >= max(VOCAB_FLOOR, scores[s.c] + VOCAB_MARGIN):
                    if out is runs:
                        out = {j: list(v) for j, v in runs.items()}
                    out[k][i] = replace(s, c=best)
                    changed = True
                    break
            if not changed:
                break
    return out


# The concurrent mark 兼 read as another kanji between two posts (fax pages: 課長 琶 IT本部, 制部長 紫 製造部, 課長代理
# 北 管理本部, 次長 部 経理部 — the second post then lost or glued to the first): a glyph standing alone between
# two post words is a joiner, so the ink needs only to show 兼 better than the kanji read, by `JOINER_MARGIN`
# and at `JOINER_FLOOR` (琶 0.22 / 兼 0.34, 紫 0.36 / 0.46, 北 0.46 / 0.56, 部 0.10 / 0.73 on fax seed 1; an
# arrow or a ▶ there is no kanji and stays). Measured (docs/keyer.md, "OCR").
JOINER_MARGIN = 0.08
JOINER_FLOOR = 0.3


def _joiners(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    from inference.local.posts import is_post_word

    keys = sorted(runs)
    texts = {k: "".join(s.c for s in runs[k]) for k in keys}
    out = runs
    for j in range(1, len(keys) - 1):
        run = runs[keys[j]]
        if len(run) != 1 or run[0].c == "兼" or not _KANJI.match(run[0].c):
            continue
        if not (is_post_word(texts[keys[j - 1]]) and is_post_word(texts[keys[j + 1]])):
            continue
        scores = _glyph_scores(ink, run[0], {run[0].c, "兼"}, top, bottom, em, line_em=True)
        if scores and scores["兼"] >= max(JOINER_FLOOR, scores[run[0].c] + JOINER_MARGIN):
            if out is runs:
                out = {k: list(v) for k, v in runs.items()}
            out[keys[j]][0] = replace(run[0], c="兼")
    return out


# Labels read one glyph off (fax pages: card_rows' boxed 発令日 read as 発信日 — a real word, the sending
# date, so no label and no card; 新所属 → 新所展). A run that is one substitution from a literal label of
# the tables (`geometry._header_vocabulary`: 氏名, 発令日, 新所属, ふりがな …) and is no label itself has the
# differing glyph compared on the shape of its ink with the label's character (as for the post words,
# `_vocab_shapes`), and is read as the label when its shape is likelier by `VOCAB_MARGIN` and matches by
# `VOCAB_FLOOR`. A 発信日 printed so keeps its 信: its ink is 信. Measured (docs/keyer.md, "OCR").
_LABEL_KEYS: dict[str, set[tuple[int, str]]] = {}


def _label_keys() -> dict[str, set[tuple[int, str]]]:
    """Each label with one character blanked (発?日) → (position, the label's character there)."""
    if not _LABEL_KEYS:
        from inference.local.geometry import _header_vocabulary

        for w in _header_vocabulary():
            if len(w) < 2 or not all(_KANJI.match(c) or re.match(r"[\u3041-\u30FF]", c) for c in w):
                continue
            for j in range(len(w)):
                _LABEL_KEYS.setdefault(w[:j] + "\0" + w[j + 1:], set()).add((j, w[j]))
        _LABEL_KEYS[""] = set()  # built
    return _LABEL_KEYS


# the labels a post is printed after, with a colon (`inference.local.posts`' labelled posts); four
# candidates at most, so a lower floor (fax seed 1/7 two_column: 新 read 閣 / 疲, 新's shape 0.42–0.65,
# the read kanji's 0.05–0.07)
LABEL_COLON_FLOOR = 0.4
_POST_LABELS = ("新", "旧", "現", "前", "新任", "現職", "前職", "旧職", "新職", "異動後", "異動前")


def _label_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Runs one glyph off a known label read as that label where the ink shows the label's character."""
    from inference.local.geometry import _header_vocabulary

    keys = _label_keys()
    labels = set(_header_vocabulary())
    out = runs
    order = sorted(runs)
    for n, k in enumerate(order):
        run = runs[k]
        if any(len(s.c) != 1 for s in run):
            continue
        text = "".join(s.c for s in run)
        cands_at: dict[int, set[str]] = {}
        if 2 <= len(run) <= 8 and text not in labels:
            for i in range(len(text)):
                cands_at[i] = {c for j, c in keys.get(text[:i] + "\0" + text[i + 1:], ()) if j == i}
        # a post's label before its colon (新：営業部 部長 read 疲:研究開発部, or 閣 | :仙台営業所 in two runs)
        colon = re.match(r"^(\S{1,3})[:：]", text)
        after = n + 1 < len(order) and runs[order[n + 1]] and runs[order[n + 1]][0].c in ":："
        post_at: dict[int, set[str]] = {}
        if colon or (after and len(text) <= 3):
            head = colon.group(1) if colon else text
            if head not in _POST_LABELS:
                post_at = {i: {w[i] for w in _POST_LABELS if len(w) == len(head)
                               and sum(x != y for x, y in zip(w, head)) == 1 and w[i] != head[i]}
                           for i in range(len(head))}
        # ... or in brackets, its own run (【新】 / 【旧】 before the posts: 旧 read 日 on a fax)
        bracket = re.match(r"^[【\[［〔]([^】\]］〕]{1,3})[】\]］〕]$", text)
        if bracket and bracket.group(1) not in _POST_LABELS:
            head = bracket.group(1)
            post_at = {i + 1: {w[i] for w in _POST_LABELS if len(w) == len(head)
                               and sum(x != y for x, y in zip(w, head)) == 1 and w[i] != head[i]}
                       for i in range(len(head))}
        if not any(cands_at.values()) and not any(post_at.values()):
            continue
        for i in range(len(text)):
            s = run[i]
            if not (_KANJI.match(s.c) or re.match(r"[\u3041-\u30FF]", s.c)):
                continue
            cands = cands_at.get(i, set()) | post_at.get(i, set())
            if not cands:
                continue
            group = {s.c} | cands
            scores = _glyph_scores(ink, s, group, top, bottom, em, line_em=True)
            if not scores:
                continue
            best = max(sorted(group), key=scores.get)
            floor = LABEL_COLON_FLOOR if best in post_at.get(i, ()) else VOCAB_FLOOR
            if best != s.c and scores[best] >= max(floor, scores[s.c] + VOCAB_MARGIN):
                if out is runs:
                    out = {j: list(v) for j, v in runs.items()}
                out[k][i] = replace(s, c=best)
                break
    return out


# A remark misread (fax pages, a roster's 備考 column: 留任 read 同仁 / 厩仕 / 茹任, 担当変更 read 担省次更): the row
# of a person who stays was keyed as a change. A remark is a short word of its own, from a small vocabulary
# (`posts.NO_CHANGE`, `posts.CHANGE_REMARKS`), and a misread one can be two glyphs off it — too far for the
# one-glyph proposals of posts and labels. So a run of two to five glyphs, one read with less confidence than
# `REMARK_BELOW`, is compared glyph by glyph with every remark word as long as it is, and read as the word
# whose shapes its ink shows: every glyph matching by `REMARK_FLOOR` and the word on average by
# `REMARK_MARGIN` more than the characters read (留 0.54–0.64 against 同 0.26 / 厩 0.01 / 茹 0.05 on fax
# seed 7; a name or a post read right matches its own shapes better than any remark's). Measured
# (docs/keyer.md, "OCR").
REMARK_BELOW = 0.95
REMARK_FLOOR = 0.5
REMARK_MARGIN = 0.15
_REMARK_WORDS: list[str] = []


def _remark_words() -> list[str]:
    if not _REMARK_WORDS:
        from inference.local.posts import CHANGE_REMARKS, NO_CHANGE

        words = re.findall(r"[\u3041-\u30FF\u4E00-\u9FFF]{2,}", NO_CHANGE.pattern) + list(CHANGE_REMARKS)
        _REMARK_WORDS.extend(sorted(set(words)))
    return _REMARK_WORDS


def _remark_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Runs of a remark's length read as the remark word their ink shows (`REMARK_FLOOR`, `REMARK_MARGIN`)."""
    words = _remark_words()
    out = runs
    for k, run in runs.items():
        if not 2 <= len(run) <= 5 or any(len(s.c) != 1 for s in run) or min(s.conf for s in run) >= REMARK_BELOW:
            continue
        text = "".join(s.c for s in run)
        rivals = [w for w in words if len(w) == len(text)]
        if not rivals or text in rivals:
            continue
        per_glyph = []
        for i, s in enumerate(run):
            scores = _glyph_scores(ink, s, {s.c} | {w[i] for w in rivals}, top, bottom, em, line_em=True)
            if not scores:
                break
            per_glyph.append(scores)
        else:
            read = sum(g[c] for g, c in zip(per_glyph, text)) / len(text)
            best, mean = max(((w, sum(g[c] for g, c in zip(per_glyph, w)) / len(w)) for w in rivals),
                             key=lambda x: x[1])
            if mean >= read + REMARK_MARGIN and all(g[c] >= REMARK_FLOOR for g, c in zip(per_glyph, best)):
                if out is runs:
                    out = {j: list(v) for j, v in runs.items()}
                out[k] = [replace(s, c=c) for s, c in zip(run, best)]
    return out


# Digits read inside a reading (fax pages, the small kana over a name: ナカムラ → ナカム5, いのうえ →
# いりのっ4, みつお → あっ80): the reading is then no kana and its person was not keyed at all (a roster row,
# a card). A digit in a run of kana (two kana at least, nothing but kana and digits, fewer digits than
# kana) is compared on the shape of its ink with the kana of the run's script and read as the likeliest
# (`KANA_DIGIT_FLOOR`); a digit whose ink matches no kana is left as read. Measured (docs/keyer.md, "OCR").
KANA_DIGIT_FLOOR = 0.4
_HIRAGANA = [chr(c) for c in range(0x3041, 0x3094)]
_KATAKANA = [chr(c) for c in range(0x30A1, 0x30F5)] + ["ー"]
_IS_HIRA = re.compile(r"[\u3041-\u309F]")
_IS_KATA = re.compile(r"[\u30A1-\u30FFー]")


def _kana_digits(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Digits inside a run of kana read as the kana their ink shows."""
    out = runs
    for k, run in runs.items():
        if any(len(s.c) != 1 for s in run):
            continue
        hira = sum(1 for s in run if _IS_HIRA.match(s.c))
        kata = sum(1 for s in run if _IS_KATA.match(s.c))
        digits = [i for i, s in enumerate(run) if _DIGIT.match(s.c)]
        if not digits or hira + kata < 2 or hira + kata + len(digits) != len(run) or len(digits) >= hira + kata:
            continue
        group = _HIRAGANA if hira >= kata else _KATAKANA
        for i in digits:
            scores = _glyph_scores(ink, run[i], group, top, bottom, em, line_em=True)
            if not scores:
                continue
            best = max(group, key=scores.get)
            if scores[best] >= KANA_DIGIT_FLOOR:
                out = _read_as(out, runs, k, i, best)
    return out


# Kanji of a company's name read as no word (fax pages: かもめ電機株式会社 → かもめ利機株式会社, the one
# misread then keyed for every person of the document). The engine's alternatives hold nothing better
# (above), so the analyser's dictionary proposes and the ink decides: in a company name found by the
# scope's grammar (a legal form: 株式会社, ホールディングス, 信用金庫 …), a kanji that makes a word with
# none of its kanji neighbours (利機, 利 alone and 機 alone) is compared on the shape of its ink with every
# common kanji (JIS level 1) that would make a word of the dictionary with a neighbour (電機, 危機, 有機 …
# for 利; 利益, 利用 … for 機), and the likeliest shape is kept when it matches by `NAME_FLOOR` and by
# `NAME_MARGIN` more than the kanji read. A name of real words (東堂, 青葉 read 再葉 with the ink of 再)
# is left as read. Measured (docs/keyer.md, "OCR").
NAME_MARGIN = 0.2
NAME_FLOOR = 0.6


@functools.cache
def _jis_kanji(last_row: int) -> tuple[str, ...]:
    """The kanji of JIS X 0208 from row 16 up to `last_row` (EUC-JP lead bytes 0xB0 onwards)."""
    out = []
    for lead in range(0xB0, 0xA0 + last_row + 1):
        for cell in range(0xA1, 0xFF):
            try:
                c = bytes([lead, cell]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if _KANJI.match(c):
                out.append(c)
    return tuple(out)


def _ink_decides(ink, symbol: Symbol, c: str, group: set[str], twins: set[str], top: float, bottom: float, em: float,
                 margin: float, floor: float = 0.0, **score_args) -> str | None:
    """The kanji of `group` whose shape the ink of `symbol` (read as `c`) shows, or None: it must match by
    `floor` (else `NAME_FLOOR`) and by `margin` more than `c`. The neighbours' shapes are compared too: a cut the glyph
    beside matches best is not this glyph's."""
    scores = _glyph_scores(ink, symbol, group | twins, top, bottom, em, line_em=True, **score_args)
    if not scores or max(sorted(group | twins), key=scores.get) in twins - {c}:
        return None
    best = max(sorted(group), key=scores.get)
    return best if best != c and scores[best] >= max(floor or NAME_FLOOR, scores[c] + margin) else None

def _common_kanji() -> tuple[str, ...]:
    """The 2,965 kanji of JIS X 0208 level 1 (rows 16–47), the common ones of names and words."""
    return _jis_kanji(47)


def _is_word(text: str, common: bool = False) -> bool:
    """`text` is a word of the analyser's dictionary (with `common`, a word other than a proper noun)."""
    from inference.local.names import dictionary

    found = dictionary().lookup(text)
    return any(m.part_of_speech()[1] != "固有名詞" for m in found) if common else len(found) > 0


def _read_as(out: dict[int, list[Symbol]], runs: dict[int, list[Symbol]], k: int, i: int, c: str) -> dict[int, list[Symbol]]:
    """`out` with symbol `i` of run `k` read as `c`: the steps return the runs they were given until they
    change one, then a copy."""
    if out is runs:
        out = {j: list(v) for j, v in runs.items()}
    out[k][i] = replace(runs[k][i], c=c)
    return out


def _spans(runs: dict[int, list[Symbol]], span_of):
    """(key, run, its text, the span `span_of` finds in it) for each run of single characters that has one."""
    for k in list(runs):
        run = runs[k]
        if any(len(s.c) != 1 for s in run):
            continue
        text = "".join(s.c for s in run)
        span = span_of(text)
        if span is not None:
            yield k, run, text, span


# A company's kanji is looked at unless it makes a *common* word with a neighbour (東雲 read 東結, a proper noun of
# the dictionary, was never looked at: fax seed 7, every record of jirei_stacked), its glyph also cut at the run's
# pitch, a cut its neighbour's shape matches best avoided (the engine's boxes one glyph right of their ink: 結 boxed
# over ロ), and kept at `COMPANY_FLOOR` (雲 0.56 on that fax). Measured (docs/keyer.md, "OCR", round faxM): fax seed
# 7 786 → 796 fields right, seed 1 943 → 949, clean unchanged; with proper nouns blocking as before 786 / 943, at
# floor 0.6 785 / 949.
COMPANY_COMMON = True
COMPANY_FLOOR = 0.5


def _name_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Kanji of a company's name that make no word with their kanji neighbours, read as the kanji
    of a dictionary word with a neighbour that the ink shows (`NAME_FLOOR`, `NAME_MARGIN`)."""
    from inference.local.scope import company_span

    out = runs
    for k, run, text, (a, b) in _spans(runs, company_span):
        for i in range(a, b):
            c = text[i]
            found = _no_word_candidates(text, i, a, b, common=COMPANY_COMMON)
            if found is None:
                continue
            twins, group = found
            best = _ink_decides(ink, run[i], c, group, twins, top, bottom, em, NAME_MARGIN, floor=COMPANY_FLOOR,
                                extra=_pitch_cut(ink, run, i, top, bottom, em), avoid=twins - {c})
            if best:
                out = _read_as(out, runs, k, i, best)
                text = text[:i] + best + text[i + 1:]
    return out


def _no_word_candidates(text: str, i: int, a: int, b: int, common: bool = False) -> tuple[set[str], set[str]] | None:
    """For the kanji at `i` of the span `a`–`b` of `text` that makes a word with neither kanji neighbour:
    the shapes of its neighbours (a cut of the glyph beside, ロ of 東雲ロジスティクス, would match them, so
    they are compared too) and the common kanji that would make a word with one, itself included. None
    where it makes a word, has no kanji neighbour or no other kanji would."""
    c = text[i]
    if not _KANJI.match(c):
        return None
    left = text[i - 1] if i > a and _KANJI.match(text[i - 1]) else ""
    right = text[i + 1] if i + 1 < b and _KANJI.match(text[i + 1]) else ""
    if not (left or right) or (left and _is_word(left + c, common)) or (right and _is_word(c + right, common)):
        return None
    twins = {n for j in (i - 1, i + 1) if 0 <= j < len(text)
             for n in (text[j], _KANJI_OF.get(text[j]), _KATA_OF.get(text[j])) if n}
    group = {c} | (_word_proposals(left, right) - twins)
    return (twins, group) if len(group) >= 2 else None


@functools.cache
def _word_proposals(left: str, right: str) -> frozenset[str]:
    """The common kanji that make a word other than a proper noun with `left` before or `right` after."""
    return frozenset(x for x in _common_kanji()
                     if (left and _is_word(left + x, True)) or (right and _is_word(x + right, True)))


# Kanji of a post's units read as no word (fax pages: 品質保証部 → 品錦保証部, 内部監査室 → 約部監査室 / 内部臣査室,
# 常務執行役員 → 富務執行役員, 人事部 → 信事部): the post grammar's suffixes (部, 室, 支店, 役員 …) find where a run is
# a post — the run up to the last suffix it ends a stretch of letters with (a name after it, 部長の浪選, is not
# looked at) — and its kanji are decided as a company name's are (`_name_shapes`: a kanji that makes no word
# with either kanji neighbour, the dictionary's words with a neighbour proposing, the ink deciding), the
# least confident first (監査 read 監資: 資 decided before 監, which makes no word beside it either). The
# grammar's own words (部長, 副部長, 営業所: `_vocabulary`) are left to `_vocab_shapes`. Measured
# (docs/keyer.md, "OCR").
# A fax's 質 of 品質保証部, cut by the run's pitch, matched its own shape by 0.51–0.53 (錦 0.28, the kanji read):
# floor 0.5 / 0.55 / 0.6 fax 835 / 834 / 834 fields right (seed 1), 699 / 699 / 699 (seed 7); clean the same.
POST_MARGIN = 0.12
POST_FLOOR = 0.5
_POST_STRETCH = None


def _post_span(text: str) -> tuple[int, int] | None:
    global _POST_STRETCH
    if _POST_STRETCH is None:
        from inference.local.posts import ORG_SUFFIX, TITLE_SUFFIX

        _POST_STRETCH = re.compile(r"^[\u3005\u4E00-\u9FFF\u30A1-\u30FAー0-9A-Za-zＡ-Ｚ０-９]*"
                                   rf"(?:{ORG_SUFFIX}|{TITLE_SUFFIX})")
    m = _POST_STRETCH.match(text)
    return (0, m.end()) if m and m.end() >= 3 else None


_FULL_WIDTH = re.compile(r"[\u3005\u3041-\u30FF\u4E00-\u9FFF\uF900-\uFAFF\uFF10-\uFF5A]")


def _pitch_cut(ink, run: list[Symbol], i: int, top: float, bottom: float, em: float) -> list[tuple[int, int]]:
    """The columns of a run's `i`-th glyph where every glyph of the run is full-width: its ink parted
    into equal steps. A fax's blur joins glyphs (品質保証部: no blank column between 質 and 保), so a glyph
    has no cut of its own among the pieces of ink (`_glyph_cuts`), and the engine's box can sit on the
    next glyph; printed Japanese keeps one pitch along a word."""
    import numpy as np

    if len(run) < 2 or not all(_FULL_WIDTH.match(s.c) for s in run):
        return []
    a = max(0, int(min(s.x0 for s in run) - 0.3 * em))
    b = min(ink.shape[1], int(max(s.x1 for s in run) + 0.3 * em))
    cols = np.nonzero(ink[max(0, int(top)):int(bottom) + 1, a:b].any(axis=0))[0]
    if len(cols) == 0:
        return []
    x0, x1 = a + int(cols[0]), a + int(cols[-1]) + 1
    pitch = (x1 - x0) / len(run)
    if not 0.8 * em <= pitch <= 1.25 * em:
        return []
    return [(int(x0 + i * pitch - 0.03 * pitch), int(x0 + (i + 0.95) * pitch))]


def _post_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Kanji of a post's units that make no word with their kanji neighbours, read as the kanji of a
    dictionary word with a neighbour that the ink shows (`POST_FLOOR`, `POST_MARGIN`)."""
    vocab = _vocabulary()
    out = runs
    for k, run, text, (a, b) in _spans(runs, _post_span):
        known = set()
        for n in range(1, 6):
            for i in range(a, b - n + 1):
                if text[i:i + n] in vocab:
                    known.update(range(i, i + n))
        for i in sorted(range(a, b), key=lambda i: run[i].conf):
            c = text[i]
            found = None if i in known else _no_word_candidates(text, i, a, b)
            if found is None:
                continue
            twins, group = found
            best = _ink_decides(ink, run[i], c, group, twins, top, bottom, em, POST_MARGIN, floor=POST_FLOOR,
                                extra=_pitch_cut(ink, run, i, top, bottom, em), avoid=twins - {c},
                                shortlist=PERSON_SHORTLIST, keep={c} | twins)
            if best:
                out = _read_as(out, runs, k, i, best)
                text = text[:i] + best + text[i + 1:]
    return out


# Kanji of a person's name read as no word (fax pages: 翔太 → 閉太, 亮介 → 売介, 直樹 → 伺樹, 小林 → 小株,
# 佐藤 → 佐騰, the name then keyed as read). As for company names (`_name_shapes`), the analyser's dictionary
# proposes and the ink decides: in a run of two to four kanji (a name printed in its own cell or beside a
# space), a kanji that makes a word with none of its kanji neighbours is compared with every kanji of JIS
# levels 1 and 2 that makes a person's name of the dictionary (人名: 翔太, 健太 … for 閉 of 閉太) with a
# neighbour, and the likeliest shape is kept when it matches by `NAME_FLOOR` and by `PERSON_MARGIN` more
# than the kanji read (0.2 as for companies kept 小株: 林 0.85 against 株 0.67). A run of real words, or a
# name the dictionary knows, is left as read. Fax (bilevel) pages only (on clean seed 1 it gained one field,
# 1027 → 1028). Worked out in the process, the proposals (12,700 lookups a new neighbour) and the candidates'
# shapes (drawn once a process) cost a fax page up to 1.0–1.4 s on a worker's first pages; with the tables of
# `ocr_tables` (built by `make ocr-models`) 0.1–0.4 s.
PERSON_MARGIN = 0.12
# the candidates (hundreds) are scored in MuPDF's typeface (one product over the table's shapes), the
# likeliest so many in every typeface: the Noto ones are drawn the first time a process meets a kanji
PERSON_SHORTLIST = 12


def _name_kanji() -> tuple[str, ...]:
    """The kanji of JIS X 0208 levels 1 and 2 (rows 16–84): names use level 2 too (翔, 瑛, 邉)."""
    return _jis_kanji(84)


def _is_person(text: str) -> bool:
    """`text` is a person's name (family or given) in the analyser's dictionary."""
    from inference.local.names import dictionary

    return any(m.part_of_speech()[2] == "人名" for m in dictionary().lookup(text))


@functools.cache
def _names_beside(neighbour: str, left: bool) -> frozenset[str]:
    """The kanji that make a person's name of the dictionary with `neighbour` on their left (`left`) or
    right: one side at a time, so that a neighbour met again in another name (太 of 翔太 and 健太) is
    looked up once a process (6,355 lookups, ~15 ms)."""
    from inference.local.ocr_tables import person_pairs

    pairs = person_pairs()
    candidates = _name_kanji() if pairs is None else pairs[0 if left else 1].get(neighbour, "")
    if left:
        return frozenset(x for x in candidates if _is_person(neighbour + x))
    return frozenset(x for x in candidates if _is_person(x + neighbour))


def _plain(c: str) -> str:
    from dataentry.normalization import VARIANT_KANJI

    return VARIANT_KANJI.get(c, c)


def _person_proposals(left: str, right: str) -> frozenset[str]:
    return (_names_beside(left, True) if left else frozenset()) | (_names_beside(right, False) if right else frozenset())


def _person_shapes(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Kanji of a short all-kanji run (a name) that make no word with their kanji neighbours, read as the
    kanji of a person's name of the dictionary with a neighbour that the ink shows (`NAME_FLOOR`,
    `PERSON_MARGIN`); one kanji a run."""
    out = runs
    for k in list(runs):
        lead = 1 if runs[k] and runs[k][0].c == "・" else 0  # a bulleted name (・佐騰 for 佐藤)
        run = runs[k][lead:]
        if not 2 <= len(run) <= 4 or any(len(s.c) != 1 or not _KANJI.match(s.c) for s in run):
            continue
        text = "".join(s.c for s in run)
        for i, c in enumerate(text):
            left = text[i - 1] if i > 0 else ""
            right = text[i + 1] if i + 1 < len(text) else ""
            if (left and _is_word(left + c)) or (right and _is_word(c + right)):
                continue
            twins = {n for n in (left, right) if n}
            # a variant neighbour (﨑 of 宮﨑, 髙, 邉) proposes as its plain form does: the dictionary's names are
            # spelt with those (・党﨑 for ・宮﨑, fax seed 7)
            group = {c} | (_person_proposals(_plain(left), _plain(right)) - twins)
            if len(group) < 2:
                continue
            best = _ink_decides(ink, run[i], c, group, twins, top, bottom, em, PERSON_MARGIN,
                                shortlist=PERSON_SHORTLIST, keep={c} | twins)
            if best:
                if out is runs:
                    out = {j: list(v) for j, v in runs.items()}
                out[k][lead + i] = replace(run[i], c=best)
                break
    return out


# A given name of one kanji standing alone after the family name (髙木 隆, 渡辺 修) read as a kanji that is
# no given name (隆 → 隊 / 降 / 陰, 修 → 條, 誠 → 対). `_person_shapes` never looks at it: it has no kanji
# neighbour in its run to make a name with. Where the run before it on the line is a family name of the
# dictionary (人名 姓) and the lone kanji is no given name (人名 名), the ink is compared with the kanji that
# are a given name alone (743 of JIS levels 1 and 2); kept at `NAME_FLOOR` and `PERSON_MARGIN` over the
# kanji read. Measured (docs/keyer.md, "OCR").
def _is_name_part(text: str, kind: str) -> bool:
    from inference.local.names import dictionary, tokens

    if any(m.part_of_speech()[2:4] == ("人名", kind) for m in dictionary().lookup(text)):
        return True
    toks = tokens(text)  # an old form (髙, 﨑) the dictionary knows by its plain one
    return len(toks) == 1 and tuple(toks[0].pos[2:4]) == ("人名", kind)


@functools.cache
def _lone_given_kanji() -> frozenset[str]:
    return frozenset(x for x in _name_kanji() if _is_name_part(x, "名"))


# A glyph read as two or three symbols all within this many ems is one glyph (`_lone_given`).
SPLIT_GLYPH = 1.1


def _lone_given(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    out = runs
    keys = sorted(runs)
    for prev, k in [(None, k) for k in keys] + list(zip(keys, keys[1:])):
        run = out[k]
        if any(len(s.c) != 1 for s in run):
            continue
        text = "".join(s.c for s in run)
        if prev is None:
            # printed without the space (藤田修): the run is a family name and one kanji more
            if not 3 <= len(text) <= 5 or not all(_KANJI.match(c) for c in text) or _is_word(text[-2:]) \
                    or _is_name_part(text, "姓") or not _is_name_part(text[:-1], "姓"):
                continue
        else:
            before = "".join(s.c for s in out[prev])
            family = re.search(r"[\u3005\u4E00-\u9FFF]{1,4}$", before)
            if 2 <= len(run) <= 3 and max(s.x1 for s in run) - min(s.x0 for s in run) <= SPLIT_GLYPH * em:
                # one glyph the engine read as two or three (彩 → マ炒ク, all within one em): one symbol
                kanji = [s for s in run if _KANJI.match(s.c)]
                one = max(kanji or run, key=lambda s: s.x1 - s.x0)
                run = [replace(one, x0=min(s.x0 for s in run), x1=max(s.x1 for s in run))]
                text = one.c
            # the run before is a family name, after a bullet at most (・清水 誠)
            if len(run) != 1 or not _KANJI.match(text) or not family or _LETTER.search(before[:family.start()].replace("・", "")) \
                    or not _is_name_part(family.group(), "姓"):
                continue
        i, c = len(run) - 1, text[-1]
        if _is_name_part(c, "名"):
            continue
        best = _ink_decides(ink, run[i], c, {c} | _lone_given_kanji(), set(), top, bottom, em, PERSON_MARGIN,
                            shortlist=PERSON_SHORTLIST, keep={c})
        if best and len(out[k]) != len(run):
            if out is runs:
                out = {j: list(v) for j, v in runs.items()}
            out[k] = [replace(run[0], c=best)]
        elif best:
            out = _read_as(out, runs, k, i, best)
    return out


# A two-kanji given name read with both kanji off (fax pages: 林 翔太 → 林 琉大, 琉大 a word of the dictionary,
# so `_person_shapes` left it; 亮介 → 発介, 亮's shape 0.60, at the floor). After a family name of the dictionary,
# a run of two kanji that is no given name of the dictionary is compared with the given names of two kanji
# whose kanji are among the likeliest shapes of its glyphs (`GIVEN_SHORTLIST` each) and read as the name whose
# shapes its ink shows: each kanji by `GIVEN_FLOOR`, the two on average by `PERSON_MARGIN` over the kanji read
# (琉 0.24 / 翔 0.68, 大 0.88 / 太 0.94; 発 0.32 / 亮 0.60). Fax (bilevel) pages only. Measured (docs/keyer.md, "OCR").
GIVEN_SHORTLIST = 12
GIVEN_FLOOR = 0.5


def _given_pairs(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    out = runs
    keys = sorted(runs)
    for prev, k in zip(keys, keys[1:]):
        run = out[k]
        text = "".join(s.c for s in run)
        if len(run) != 2 or len(text) != 2 or not all(_KANJI.match(c) for c in text) or _is_name_part(text, "名"):
            continue
        before = "".join(s.c for s in out[prev])
        family = re.search(r"[\u3005\u4E00-\u9FFF]{1,4}$", before)
        if not family or _LETTER.search(before[:family.start()].replace("・", "")) \
                or not _is_name_part(family.group(), "姓") or text in _vocabulary():
            continue
        scores = []
        for s in run:
            here = _glyph_scores(ink, s, set(_name_kanji()) | {s.c}, top, bottom, em, line_em=True,
                                 shortlist=GIVEN_SHORTLIST, keep={s.c})
            if not here:
                break
            scores.append(here)
        if len(scores) != 2:
            continue
        firsts, seconds = (sorted(g, key=g.get, reverse=True)[:GIVEN_SHORTLIST] for g in scores)
        read = (scores[0][text[0]] + scores[1][text[1]]) / 2
        pairs = [(a, b) for a in firsts for b in seconds if a + b != text
                 and min(scores[0][a], scores[1][b]) >= GIVEN_FLOOR and _is_name_part(a + b, "名")]
        if not pairs:
            continue
        a, b = max(pairs, key=lambda p: scores[0][p[0]] + scores[1][p[1]])
        if (scores[0][a] + scores[1][b]) / 2 >= read + PERSON_MARGIN:
            if out is runs:
                out = {j: list(v) for j, v in runs.items()}
            out[k] = [replace(run[0], c=a), replace(run[1], c=b)]
    return out


# A fax's name of two kanji read wrong in both (髙橋 → にも, 藤井 → 自電, 渡邊 → 洪門: fax seed 7), which the steps
# above never look at (each needs one kanji read right beside the one it decides). A run of two full-width
# glyphs that is no word and no name is compared, glyph by glyph, with all the name kanji (one product with
# the name-shapes table, MuPDF's typeface only: drawing the likeliest in the others too cost ~0.2 s a page
# and keyed one field less); of the likeliest `PAIR_SHORTLIST` of each glyph, the pair of two that is a
# family or a given name of the dictionary, with the best mean match, is read where it matches by `PAIR_FLOOR`
# and by `PAIR_MARGIN` more than the glyphs as read (each on its own likeliest cut), and the two cuts hold all
# the run's ink (`_covers`). Three symbols over the ink of two glyphs (渡 of 渡邊 read as two, 混和中) are
# taken as two glyphs an em wide at either end; where the second one's best cut is mostly the first's, it is
# read on the ink the first one's cut leaves (加上藤 → 加藤), and where the first cut holds all the run's ink
# the run is one glyph, read as the name of one kanji its ink shows (マ炒ク → 彩, not 彩彩). Measured
# (docs/keyer.md, "OCR").
PAIR_SHORTLIST = 12
PAIR_MARGIN = 0.12
PAIR_FLOOR = 0.6
PAIR_THREE = 2.3  # ems: three symbols over no more ink than this are two glyphs


@functools.cache
def _is_name_pair(text: str) -> bool:
    return _is_name_part(text, "姓") or _is_name_part(text, "名")


def _covers(ink, run: list[Symbol], cuts: list[tuple[int, int]], top: float, bottom: float, em: float) -> bool:
    """The glyph cuts `cuts` (column spans) hold all the ink of the run's stretch of the line but a tenth
    of an em: a cut of part of a glyph (日 of 退) explains no glyph."""
    import numpy as np

    a, b = max(0, int(min(s.x0 for s in run))), int(max(s.x1 for s in run)) + 1
    inked = ink[max(0, int(top)):int(bottom) + 1, a:b].any(axis=0)
    for c0, c1 in cuts:
        inked[max(0, c0 - a):max(0, c1 - a)] = False
    return int(np.count_nonzero(inked)) <= 0.1 * em


def _name_pairs(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """A run of two full-width glyphs that is no word and no name read as the name of two kanji its ink
    shows (`PAIR_SHORTLIST`, `PAIR_FLOOR`, `PAIR_MARGIN`, `_covers`)."""
    out = runs
    for k in list(runs):
        run = runs[k]
        if len(run) not in (2, 3) or any(len(s.c) != 1 or not _FULL_WIDTH.match(s.c) or _DIGIT.match(s.c) for s in run):
            continue
        text = "".join(s.c for s in run)
        if _is_word(text) or _is_name_pair(text):
            continue
        glyphs = run
        if len(run) == 3:
            # three symbols over the ink of two glyphs (渡 of 渡邊 read as two, 混和): a glyph an em wide at
            # either end of the run
            if run[-1].x1 - run[0].x0 > PAIR_THREE * em:
                continue
            glyphs = [replace(run[0], x1=run[0].x0 + em), replace(run[-1], x0=run[-1].x1 - em)]
        tops, own, cuts = [], [], []
        for s in glyphs:
            cut: list = []
            scores = _glyph_scores(ink, s, set(_name_kanji()) | {s.c}, top, bottom, em, line_em=True,
                                   shortlist=PAIR_SHORTLIST, keep={s.c}, chosen=cut, rescore=False)
            if cuts and cut and min(cut[0][1], cuts[0][1]) - max(cut[0][0], cuts[0][0]) > 0.5 * (cut[0][1] - cut[0][0]):
                # the second glyph's best cut is mostly the first's: two glyphs (加藤 read 加上藤), the second on
                # the ink the first one's cut leaves, or one (彩 read マ炒ク), below
                seen = ink.copy()
                seen[:, cuts[0][0]:cuts[0][1]] = False
                cut = []
                scores = _glyph_scores(seen, s, set(_name_kanji()) | {s.c}, top, bottom, em, line_em=True,
                                       shortlist=PAIR_SHORTLIST, keep={s.c}, chosen=cut, rescore=False)
            if not scores or not cut:
                break
            cuts += cut
            tops.append(sorted(scores.items(), key=lambda kv: -kv[1])[:PAIR_SHORTLIST])
        if len(tops) >= 1 and len(run) == 3 and _covers(ink, run, cuts[:1], top, bottom, em):
            # three symbols over the ink of one glyph: the name of one kanji it shows
            alone = [(c, v) for c, v in tops[0] if _KANJI.match(c) and _is_name_pair(c)]
            mean = sum(_glyph_scores(ink, s, {s.c}, top, bottom, em, line_em=True).get(s.c, 0.0) for s in run) / 3
            if alone and alone[0][1] >= max(PAIR_FLOOR, mean + PAIR_MARGIN):
                if out is runs:
                    out = {j: list(v) for j, v in runs.items()}
                out[k] = [replace(run[0], c=alone[0][0], x1=run[-1].x1)]
            continue
        if len(tops) != 2 or not _covers(ink, run, cuts, top, bottom, em):
            continue
        for s in run:
            # the glyph read, on the cut its own shape matches best (the candidates' best cut can be a part
            # of the glyph: 日 of 退)
            mine = _glyph_scores(ink, s, {s.c}, top, bottom, em, line_em=True)
            own.append(mine.get(s.c, 0.0))
        pairs = [(a + b, (sa + sb) / 2) for a, sa in tops[0] for b, sb in tops[1] if _KANJI.match(a) and _KANJI.match(b)]
        pairs = sorted((p for p in pairs if _is_name_pair(p[0])), key=lambda p: -p[1])
        if not pairs or pairs[0][1] < max(PAIR_FLOOR, sum(own) / len(own) + PAIR_MARGIN):
            continue
        if out is runs:
            out = {j: list(v) for j, v in runs.items()}
        out[k] = [replace(s, c=c) for s, c in zip(glyphs, pairs[0][0])]
    return out


# A fax's LSTM reading can put in a glyph the ink does not hold (かもめ電機 read かもめ和電機, さくら情報 read さくらム情報,
# a company name lost in every record): a run of full-width glyphs keeps one pitch along its ink (`_pitch_cut`), so
# the ink parted into one step fewer, with one weak symbol (`INSERTED_BELOW`) left out, matches the other symbols'
# shapes better (`INSERTED_MARGIN`, `INSERTED_FLOOR`) than the ink parted into a step per symbol.
INSERTED_BELOW = 0.97
INSERTED_MARGIN = 0.15
INSERTED_FLOOR = 0.6
INSERTED_LAST = (1.0, 0.85, 0.7)  # the last glyph's ink, in steps (`_pitch_fit`)


def _pitch_vectors(ink, x0: int, x1: int, n: int, top: float, bottom: float, em: float, last: float = 1.0
                   ) -> list | None:
    """The ink between columns `x0` and `x1` parted into `n` steps of one pitch, the last glyph's ink `last` of
    a step wide, each step as a `_glyph_vector`; None when the step is no glyph's pitch (0.8–1.25 em) or a
    step has no ink."""
    pitch = (x1 - x0) / (n - 1 + last)
    if not 0.8 * em <= pitch <= 1.25 * em:
        return None
    out = []
    for i in range(n):
        a, b = int(x0 + i * pitch - 0.03 * pitch), int(x0 + (i + 0.95) * pitch)
        vector = _glyph_vector(_glyph_rows(ink[max(0, int(top)):int(bottom) + 1, max(0, a):b], em))
        if vector is None:
            return None
        out.append(vector)
    return out


def _pitch_fit(steps: dict, ink, x0: int, x1: int, run: list[Symbol], top: float, bottom: float, em: float) -> float:
    """How well the run's symbols match their steps of the ink (`_pitch_vectors`, kept in `steps` by count and
    width of the last glyph): the mean shape score, on the likeliest width of the last glyph's ink (a narrow last
    glyph, 社 or ム, shortens the ink by a fraction of a step: a pitch taken over the whole ink then drifts off the
    glyphs along the run)."""
    best = 0.0
    for last in INSERTED_LAST:
        key = (len(run), last)
        if key not in steps:
            steps[key] = _pitch_vectors(ink, x0, x1, len(run), top, bottom, em, last)
        if steps[key]:
            best = max(best, sum(_shape_score(v, s.c) for v, s in zip(steps[key], run)) / len(run))
    return best


def _inserted(ink, runs: dict[int, list[Symbol]], top: float, bottom: float, em: float) -> dict[int, list[Symbol]]:
    """Runs of full-width glyphs without a weak symbol the ink holds no glyph for (`INSERTED_BELOW`)."""
    import numpy as np

    out = runs
    for k, run in runs.items():
        n = len(run)
        if n < 4 or any(len(s.c) != 1 or not _FULL_WIDTH.match(s.c) for s in run):
            continue
        weak = [i for i, s in enumerate(run) if s.conf < INSERTED_BELOW]
        if not weak or len(weak) > 3:
            continue
        a = max(0, int(min(s.x0 for s in run) - 0.3 * em))
        b = min(ink.shape[1], int(max(s.x1 for s in run) + 0.3 * em))
        cols = np.nonzero(ink[max(0, int(top)):int(bottom) + 1, a:b].any(axis=0))[0]
        if len(cols) == 0:
            continue
        x0, x1 = a + int(cols[0]), a + int(cols[-1]) + 1
        steps: dict = {}
        best = max((_pitch_fit(steps, ink, x0, x1, run[:i] + run[i + 1:], top, bottom, em), i) for i in weak)
        # (the run as read is scored only where leaving a symbol out fits: most runs fit no step fewer)
        if best[0] >= INSERTED_FLOOR and best[0] >= _pitch_fit(steps, ink, x0, x1, run, top, bottom, em) + INSERTED_MARGIN:
            if out is runs:
                out = {j: list(v) for j, v in runs.items()}
            out[k] = run[:best[1]] + run[best[1] + 1:]
    return out


def _straddling(line: list[Symbol], splits: list[float], em: float) -> list[Symbol]:
    """`line` with a box stretched over the next glyph's ink cut back at the word gap it spans.

    On a fax the engine can box a glyph from its own ink on to the end of the next glyph's, past the gap
    between them, and box the next glyph over that same ink (伊藤 勝: 藤 boxed 2.5 em wide over 藤 and 勝, 勝
    inside the end of it): the box's middle fell past the gap, and the name was parted 伊 | 藤勝 (岡 | 本勝,
    吉 | 田勝). A box over 1.5 em wide whose next symbol starts inside it ends at the gap in the ink before that
    symbol, else where that symbol starts (unlike `_wide_boxes`: there the next symbol starts after the wide
    box, one glyph on)."""
    out = list(line)
    for i in range(len(out) - 1):
        s, n = out[i], out[i + 1]
        if s.x1 - s.x0 <= 1.5 * em or not s.x0 + 0.3 * em < n.x0 < s.x1:
            continue
        # at the gap, else where the next symbol starts (山田 美穂: 山 boxed over the whole name, 田 inside it)
        cut = [x for x in splits if s.x0 + 0.5 * em < x <= n.x0] + [n.x0]
        out[i] = replace(s, x1=cut[0])
    return out


# The engine boxed a fax's two glyphs as one kanji (渡邊 美穂: 渡 over the ink of 渡邊, the next symbols one
# glyph to the right of their ink), so the word gap parted the name at the wrong glyph (渡 | 邊美本, 髙 | 木隆).
# A kanji boxed two ems wide, straight before the next run, takes that run's first kanji: it is the second
# glyph of the box's ink.
def _wide_boxes(runs: dict[int, list[Symbol]], em: float) -> dict[int, list[Symbol]]:
    out = runs
    keys = sorted(runs)
    for a, b in zip(keys, keys[1:]):
        left, right = out[a], out[b]
        if not left or len(right) < 2:
            continue
        last, first = left[-1], right[0]
        if len(last.c) != 1 or not _KANJI.match(last.c) or len(first.c) != 1 or not _KANJI.match(first.c):
            continue
        if last.x1 - last.x0 < 1.6 * em or first.x0 - last.x1 > 0.7 * em:
            continue
        if out is runs:
            out = {j: list(v) for j, v in runs.items()}
        out[a] = out[a] + [first]
        out[b] = out[b][1:]
    return out


_LETTER = re.compile(r"[\u3041-\u30FF\u3005\u4E00-\u9FFF\uF900-\uFAFF0-9０-９A-Za-zＡ-Ｚａ-ｚ]")


def _onto_ink(ink, runs: dict[int, list[Symbol]], splits: list[float], crossing: list[float], y0: float, y1: float,
              em: float) -> dict[int, list[Symbol]]:
    """Runs whose stretch of the line holds no ink joined to the run on their left (else right).

    The LSTM engine's symbol boxes can sit a glyph or more to the right of the ink they were read
    from (card_rows' boxed 発令日: 日's box over the blank after the label and the cell's rule), so
    a blank gap inside the box is taken for a space and "発令 | 日", "2025年4月1 | 日" come apart."""
    m = max(1, int((y1 - y0) * 0.1))
    band = ink[int(y0) + m:max(int(y0) + m + 1, int(y1) - m)]
    if band.size == 0:
        return runs
    inked = band.sum(axis=0) >= max(2, int(em * 0.06))
    tol = max(2.0, 0.12 * em)
    bounds = [0.0] + list(splits) + [float(ink.shape[1])]
    out = {k: list(v) for k, v in runs.items()}
    for k in sorted(out):
        a, b = int(bounds[k]), int(bounds[k + 1])
        cols = [x for x in range(max(0, a), min(ink.shape[1], b))
                if inked[x] and not any(abs(x - r) <= tol for r in crossing)]
        if len(cols) >= 2:
            continue
        # the neighbour whose symbols the shifted box touches (within half an em), left first
        x0, x1 = min(s.x0 for s in out[k]) if out[k] else 0, max(s.x1 for s in out[k]) if out[k] else 0
        left = [j for j in sorted(out) if j < k and out[j] and x0 - max(s.x1 for s in out[j]) <= 0.5 * em]
        right = [j for j in sorted(out) if j > k and out[j] and min(s.x0 for s in out[j]) - x1 <= 0.5 * em]
        to = left[-1] if left else (right[0] if right else None)
        # a letter is moved onto the ink it was read from; punctuation over blank paper is noise
        if to is not None:
            out[to] = sorted(out[to] + [s for s in out[k] if _LETTER.match(s.c)], key=lambda s: s.x0)
            out[k] = []
    return out


def _fit(values: tuple, n: int) -> tuple:
    if n <= 0:
        return ()
    return tuple(values[min(len(values) - 1, round(i * len(values) / n))] for i in range(n))


def _rows_with_runs(m, block: int):
    """Indices of the rows of boolean `m` with two consecutive whole blocks of `block` set: every
    row holding a run of 4 × `block` or more (such a run covers at least three whole blocks)."""
    import numpy as np

    h, w = m.shape
    blocks = -(-w // block)
    if m.flags.c_contiguous:
        padded = np.zeros((h, blocks * block), dtype=bool)
        padded[:, :w] = m
        full = padded.reshape(h, blocks, block).all(axis=2)
    else:  # a transposed view: blocks taken down the original's rows, without copying it
        t = m.T
        padded = np.zeros((blocks * block, h), dtype=bool)
        padded[:w] = t
        full = padded.reshape(blocks, block, h).all(axis=1).T
    return np.nonzero((full[:, 1:] & full[:, :-1]).any(axis=1))[0]


def _rules(dark, scale: float, dpi: int) -> list[Rule]:
    """Straight dark runs at least `min_len` long: table rules and underlines.

    Gaps of a pixel or two (a fax's broken strokes) are closed first; adjacent rows (columns)
    of one thick line become one rule."""
    import numpy as np

    min_len = int(dpi * 0.35)  # 0.35 inch ≈ 25 pt: longer than any glyph stroke (一, ー)
    rules: list[Rule] = []
    for axis in (1, 0):
        closed = dark.copy()  # gaps of a pixel closed along the run (rows, then columns)
        if axis == 1:
            closed[:, 1:] |= dark[:, :-1]
            closed[:, :-1] |= dark[:, 1:]
        else:
            closed[1:] |= dark[:-1]
            closed[:-1] |= dark[1:]
        # Only rows (columns) holding two whole blocks of a quarter of `min_len` in a row can hold a
        # run of `min_len`; the runs are measured there alone (0.2–0.3 s a page at 300 dpi for all).
        lines = _rows_with_runs(closed if axis == 1 else closed.T, max(1, min_len // 4))
        m = closed[lines] if axis == 1 else np.ascontiguousarray(closed[:, lines].T)
        pad = np.zeros((m.shape[0], 1), dtype=bool)
        d = np.diff(np.hstack([pad, m, pad]).astype(np.int8), axis=1)
        rs, cs = np.nonzero(d == 1)
        re_, ce = np.nonzero(d == -1)
        keep = (ce - cs) >= min_len
        runs = sorted(zip(lines[rs[keep]].tolist(), cs[keep].tolist(), ce[keep].tolist()))
        merged: list[list[int]] = []  # [row0, row1, start, end]
        for r, a, b in runs:
            for g in reversed(merged[-12:]):
                if g[1] >= r - 1 and a < g[3] and b > g[2]:
                    g[1], g[2], g[3] = r, min(g[2], a), max(g[3], b)
                    break
            else:
                merged.append([r, r, a, b])
        for r0, r1, a, b in merged:
            if r1 - r0 > dpi * 0.05:  # thicker than ~3.6 pt: a filled box or a bold glyph block, not a line
                continue
            mid = (r0 + r1 + 1) / 2 * scale
            if axis == 1:
                rules.append(Rule(a * scale, mid, b * scale, mid))
            else:
                rules.append(Rule(mid, a * scale, mid, b * scale))
    return rules


def bilevel_scan(page: pymupdf.Page) -> bool:
    """True when the page is printed from black-and-white images only (a fax, a bilevel scan):
    every image on it has one bit per pixel, or no grey between black and white."""
    infos = page.get_image_info(xrefs=True)
    if not infos:
        return False
    for info in infos:
        if info.get("bpc") == 1:
            continue
        if not info.get("xref"):
            return False
        try:
            pix = pymupdf.Pixmap(page.parent, info["xref"])
        except (RuntimeError, ValueError):
            return False
        if pix.n - pix.alpha != 1:
            return False
        import numpy as np

        # a sample of the pixels suffices
        if np.count_nonzero(np.bincount(np.frombuffer(pix.samples_mv, dtype=np.uint8)[::7], minlength=256)) > 2:
            return False
    return True


# The smoothing of a bilevel page, Gaussian radius in pixels at 300 dpi. Measured on the fax
# corpus (200×100 dpi): field accuracy 0.206 → 0.373 (seed 1), 0.213 → 0.354 (seed 7); 0.7 and 1.4
# both worse (0.29). A greyscale scan loses by it (clean 0.688 → 0.625), so only bilevel pages.
BILEVEL_BLUR = 1.0


def _erase_vertical_rules(image, vrules: list[tuple[float, float, float]]):
    """The image the engine reads: vertical table rules painted white (a rule beside a cell's
    text is read as | or ] and makes the engine's layout skip boxed labels).

    Horizontal rules stay: underlines and row rules are part of what the engine segments by.
    The rules (and so the cells) are still known to the pipeline from the original image."""
    if not vrules:
        return image
    import numpy as np
    from PIL import Image

    a = np.asarray(image).copy()
    dark = a < INK
    for x, top, bottom in vrules:
        y0, y1 = max(0, int(top) - 1), min(a.shape[0], int(bottom) + 2)
        c = int(round(x))
        # the rule's own dark columns around its centre, and one pixel of edge either side
        lo = hi = c
        while lo - 1 >= 0 and c - lo < 8 and dark[y0:y1, lo - 1].mean() > 0.5:
            lo -= 1
        while hi + 1 < a.shape[1] and hi - c < 8 and dark[y0:y1, hi + 1].mean() > 0.5:
            hi += 1
        a[y0:y1, max(0, lo - 1):hi + 2] = 255
    return Image.fromarray(a)


def _upscaled(page: pymupdf.Page, size: tuple[int, int]):
    """A bilevel page's own image scaled to `size` with a Lanczos filter, when it is the one image
    and covers the page upright; else None (MuPDF's rendering is used). MuPDF draws a fax's
    200×100 dpi pixels as blocks three rows tall; the filter draws the strokes between them, and with
    the smoothing after it the fax sets key better: 0.420 → 0.429 (seed 1), 0.419 → 0.466 (seed 7)."""
    from PIL import Image

    infos = page.get_image_info(xrefs=True)
    if len(infos) != 1 or not infos[0].get("xref"):
        return None
    a, b, c, d, _e, _f = infos[0]["transform"]
    if b or c or a <= 0 or d <= 0 or any(abs(u - v) > 1 for u, v in zip(infos[0]["bbox"], page.rect)):
        return None
    try:
        src = pymupdf.Pixmap(page.parent, infos[0]["xref"])
        if src.colorspace is None or src.n - src.alpha != 1:
            src = pymupdf.Pixmap(pymupdf.csGRAY, src)
        if src.alpha:
            return None
    except (RuntimeError, ValueError):
        return None
    native = Image.frombytes("L", (src.width, src.height), src.samples)
    if sum(native.histogram()[:128]) > native.width * native.height / 2:
        return None  # mostly dark: an inverted image (a Decode array MuPDF's drawing applies)
    return native.resize(size, Image.LANCZOS)


def ocr_page(page: pymupdf.Page, *, dpi: int | None = None, psm: int | None = None, blur: float | None = None
             ) -> PageLayout:
    """OCR one PDF page (whatever its text layer says) into words, rules and confidences."""
    from django.conf import settings
    import numpy as np
    from PIL import Image, ImageFilter

    dpi = dpi or settings.OCR_DPI
    psm = settings.OCR_PSM if psm is None else psm
    blur = settings.OCR_BLUR if blur is None else blur
    bilevel = bilevel_scan(page)
    if not blur and bilevel:
        blur = BILEVEL_BLUR
    image = None
    edges: list[Rule] = []
    if bilevel:
        # the size MuPDF's drawing at `dpi` has (the page's box scaled and rounded), not drawn: a fax is
        # read from its own pixels
        box = (page.rect * pymupdf.Matrix(dpi / 72, dpi / 72)).round()
        image = _upscaled(page, (box.width, box.height))
    if image is None:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
        image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    if blur:
        # Smoothing the staircase edges of a bilevel (fax) image scaled up to `dpi`: the LSTM
        # reads grey strokes better than the blocks of a 100 dpi row scaled three times.
        image = image.filter(ImageFilter.GaussianBlur(blur * dpi / 300))
    scale = page.rect.width / image.width
    ink = np.asarray(image) < INK
    rules = _rules(ink, scale, dpi)
    if bilevel:
        rules = rules + _joined_dashes(rules)
    vrules = [(r.x0 / scale, r.y0 / scale, r.y1 / scale) for r in rules if r.x0 == r.x1]
    folder = tessdata_dir(bilevel=bilevel)
    seen = _erase_vertical_rules(image, vrules)
    symbols = _symbols(seen, psm, folder)
    if not bilevel:
        symbols = _collapsed_boxes(symbols, ink)
    reread: list[tuple[int, int, int, int]] = []
    if REREAD_BELOW:
        # a run's rows found without the vertical rules (`_ink_box`); not on bilevel pages, where the
        # runs so found and read again lost more than they gained (fax seed 7: 541 → 532 fields right,
        # card_rows' 2019/06/01 read again as 2019/60/01)
        symbols = _reread(seen, ink, symbols, folder, None if bilevel else np.asarray(seen) < INK, boxes=reread,
                          vrules=() if bilevel else vrules)
    if not bilevel:
        # a ruled cell read with little confidence (or holding ink but no symbol) is read alone, as on a fax:
        # card_rows seed 11, a name under its reading in a boxed card came back `‘由貴 名` and `ー ー` (0.80–0.91)
        # and the cards' persons were keyed from the wrong rows; read alone, 池田 隆 and 宮﨑 誠. Only cells
        # closed by a rule below too: half a date cell merged across two rows read as ヘへ和ー一た年10月15日
        symbols = _empty_cells(seen, ink, symbols, rules, scale, folder, closed=True)
        symbols = _bracket_readings(seen, np.asarray(seen) < INK, symbols, folder, boxes=reread)
        symbols = symbols + _uncovered(seen, ink, symbols, rules, scale, folder, read=reread)
    else:
        edges = _edge_rules(rules, symbols, scale)
        if EMPTY_CELLS_MAX:
            symbols = _empty_cells(seen, ink, symbols, rules, scale, folder)
        # (after the cells read alone: a fax's bracketed readings read stretched as well, two_column seed 5 40 → 45/64)
        symbols = _bracket_readings(seen, np.asarray(seen) < INK, symbols, folder, boxes=reread)
        # on a fax after its table cells (read alone before, a fax's specks made lines of their own:
        # 0.430 → 0.401, seed 1); its small print (the readings over names) read at twice the size
        symbols = symbols + _uncovered(seen, ink, symbols, rules, scale, folder, small=SMALL_PRINT, read=reread,
                                       most=UNCOVERED_MAX)
        rules = rules + edges
    words = _words(symbols, scale, ink, vrules, bilevel)
    if bilevel:
        words = _off_flat_rules(words, rules)
    return PageLayout(number=page.number + 1, width=page.rect.width, height=page.rect.height,
                      words=words, rules=rules, source="ocr")


# A run of symbols (an engine line cut at gaps over 1.5 em) read with a mean confidence under this
# is read again on its own, as one line (PSM 7) cut from the page at the ink around it, and the
# reading with the higher mean confidence kept. The page's layout analysis cuts a name set between
# two text lines (jirei forms: 橋本 圭 to the right of a 新/旧 pair) into halves of both and reads
# noise ("8", "ンー", "N D"); on fax pages a line read alone is read better in general. Measured
# (docs/keyer.md, "OCR"): threshold 0.90 / 0.95 / 0.97 / 0.99 → clean 0.835 / 0.847 / 0.847 / 0.848
# (seed 1), fax 0.391 / 0.400 / 0.407 / 0.426; 0.99 costs ~0.5–0.9 s CPU per page, hence the cap.
REREAD_BELOW = 0.99
# A reading is replaced only by a clearly likelier one: ties (２０１９ read again as "20149" at 0.9900
# against 0.9896) are left as first read.
REREAD_MARGIN = 0.003
REREAD_MAX = 80  # runs per page, the least confident first (40 before the symbol budget below)
# ... and at most this many of the page's symbols read again: reading a run again costs about its
# length (~5 ms a symbol), and the pages with most weak runs were the slowest of the corpus (a fax page
# read 450 symbols again, ~2 s). Measured on the whole sets (docs/keyer.md, "OCR"): fax 614 / 541 fields
# right with 250 or 200 as without a budget; clean seed 1 1031 with 250 (up to 80 runs), 1027 with 200.
# A reading that adds letters at the ends of the page's (`_extends`) is kept at equal confidence.
# 150 (round of 7 Dec): clean seed 1 the same words on every page, fax 615 → 616/1160 fields right side by
# side (`evaluate_keyer`: 615) and its pages ~5 % less CPU (p95 3.21 → 3.05 s, loaded machine).
REREAD_SYMBOLS = 150


def _groups(symbols: list[Symbol]) -> list[list[Symbol]]:
    """The engine's lines cut at gaps wider than 1.5 em: the runs of text a reader sees apart."""
    by_line: dict[int, list[Symbol]] = {}
    for s in symbols:
        by_line.setdefault(s.line, []).append(s)
    out = []
    for line in by_line.values():
        line.sort(key=lambda s: s.x0)
        em = max(1.0, sorted(s.y1 - s.y0 for s in line)[len(line) // 2], (line[0].line_y1 - line[0].line_y0) * 0.8)
        group = [line[0]]
        for s in line[1:]:
            if s.x0 - max(t.x1 for t in group) > 1.5 * em:
                out.append(group)
                group = []
            group.append(s)
        out.append(group)
    return out


def _ink_box(ink, x0: float, y0: float, x1: float, y1: float, em: float, text_ink=None
             ) -> tuple[int, int, int, int] | None:
    """The box of the ink around a run: rows of ink through the run's middle (gaps under a quarter
    em bridged), then the columns of ink in those rows (gaps under an em bridged). The rows are
    found in `text_ink` when given, the page's ink without its vertical rules: a column rule crossing
    the run made its line as tall as the table, and a run straddling two cells was never read again
    (split_columns: 2025.10.1 read "2025.10." in 7 of 12 rows)."""
    import numpy as np

    h, w = ink.shape
    cy = int((y0 + y1) / 2)
    ax0, ax1 = max(0, int(x0 - 0.3 * em)), min(w, int(x1 + 0.3 * em))
    top, bottom = max(0, int(y0 - 1.5 * em)), min(h, int(y1 + 1.5 * em))
    rows = (ink if text_ink is None else text_ink)[top:bottom, ax0:ax1].any(axis=1)
    gap = max(1, int(0.25 * em))
    r0 = r1 = cy - top
    if not (0 <= r0 < len(rows)):
        return None
    while r0 > 0 and rows[max(0, r0 - gap):r0].any():
        r0 -= 1
    while r1 < len(rows) - 1 and rows[r1 + 1:r1 + 1 + gap].any():
        r1 += 1
    band_top, band_bottom = top + r0, top + r1 + 1
    if band_bottom - band_top < 0.5 * em or band_bottom - band_top > 2.0 * em:
        return None  # not one line of text
    cols = ink[band_top:band_bottom, :].any(axis=0)
    c0, c1 = ax0, ax1 - 1
    egap = max(1, int(em))
    while c0 > 0 and cols[max(0, c0 - egap):c0].any():
        c0 -= 1
    while c1 < w - 1 and cols[c1 + 1:c1 + 1 + egap].any():
        c1 += 1
    inked = np.nonzero(cols[c0:c1 + 1])[0]
    if not len(inked):
        return None
    return c0 + int(inked[0]), band_top, c0 + int(inked[-1]) + 1, band_bottom


def _extends(old: list[Symbol], new: list[Symbol]) -> bool:
    """True when `new` reads `old` as it was plus letters or digits beyond its first or last glyph:
    the page's reading dropped a narrow glyph at the end of a run (2025.10.1 read "2025.10." with the
    same confidence), which a reading of the run alone keeps."""
    if len(new) <= len(old):
        return False
    left = [s for s in new if (s.x0 + s.x1) / 2 < old[0].x0]
    right = [s for s in new if (s.x0 + s.x1) / 2 > old[-1].x1]
    middle = [s for s in new if s not in left and s not in right]
    return ("".join(s.c for s in middle) == "".join(s.c for s in old) and bool(left or right)
            and all(_LETTER.match(s.c) for s in left + right))


def _line_symbols(crop, folder: str) -> list[Symbol]:
    """A crop of one line read as a line (PSM 7), else as one word (PSM 8): a fax's short word alone in
    its crop (kv_blocks' 佐藤, 副室長, 課長 after a gap) came back empty as a line and whole as a word. Weak
    runs read again (`_reread`) and cells (`_read_cell`) keep their modes: there the fallback gained
    nothing (docs/keyer.md)."""
    import tesserocr

    return (_symbols(crop, int(tesserocr.PSM.SINGLE_LINE), folder)
            or _symbols(crop, int(tesserocr.PSM.SINGLE_WORD), folder))


# A weak run whose glyphs are half as wide as its line is tall (half-width katakana, ｽｽﾞｷ in a reading
# column; the engine's model knows katakana only full width) is also read stretched this many times
# across, and the likelier of the two readings kept: ｽｽﾞｷ read ハメキ at the page's scale, ススキ
# stretched (1.5; at 2 the glyphs read as well but a voicing mark came back as " or ・~).
HALF_WIDTH_STRETCH = 1.5
# ... a run's glyphs are its blobs of ink (columns with ink, parted at blank columns): half width when
# their median width is under this share of the height of the run's ink box (half-width kana and digits
# ~0.4–0.5, kanji ~0.9–1). The box's height, not the engine's line height: a card's name with its small
# reading above made one line 1.9 times as tall as the name, and 加藤 彩 stretched read かとうあや alone.
HALF_WIDTH_BLOB = 0.6


_VOICING = set("゛゜\"'^・~ｰﾞﾟ")


def _katakana_reading(text: str) -> bool:
    """True when a run read stretched (`HALF_WIDTH_STRETCH`) reads as katakana: two or more, and nothing
    else but voicing marks as a stretch reads them (" ^ ・~). Only half-width katakana need the stretch,
    and kanji whose radicals part into narrow blobs (加藤 彩, 2025年4月1日) read stretched as anything
    (氏名hngz, 2025和年え月1日), at times more surely than as read."""
    kana = sum(1 for c in text if "ァ" <= c <= "ヺ" or c == "ー")
    return kana >= 2 and all("ァ" <= c <= "ヺ" or c == "ー" or c in _VOICING for c in text)


def _half_width(ink, em: float) -> bool:
    """True when the ink of one line (a run's box) is made of glyphs at most HALF_WIDTH_BLOB em wide."""
    import numpy as np

    cols = ink.any(axis=0) if ink.size else np.zeros(0, dtype=bool)
    widths: list[int] = []
    run = 0
    for c in cols.tolist() + [False]:
        if c:
            run += 1
        elif run:
            widths.append(run)
            run = 0
    if len(widths) < 2:
        return False
    widths.sort()
    return widths[len(widths) // 2] < HALF_WIDTH_BLOB * em


# A bracketed part of a run (a reading after a name: 由美子（ﾕﾐｺ）) read with a mean confidence under this,
# its ink made of narrow glyphs, is read again alone, stretched across (`_bracket_readings`).
BRACKET_BELOW = 0.99
_OPEN = set("(（")
_CLOSE = set(")）")


def _blobs(cols) -> list[tuple[int, int]]:
    """(start, end) of each run of True in `cols`."""
    out, start = [], None
    for k, c in enumerate(cols.tolist() + [False]):
        if c and start is None:
            start = k
        elif not c and start is not None:
            out.append((start, k))
            start = None
    return out


def _bracket_blob(ink, blob: tuple[int, int], width: float) -> bool:
    """A blob of ink at an end of a reading's crop (columns of the crop) shaped as a bracket: as tall as
    most of the crop's ink and narrower than its glyphs (`width`, their median width)."""
    a, b = blob
    rows = ink[:, a:b].any(axis=1).nonzero()[0]
    return bool(len(rows)) and rows[-1] - rows[0] + 1 >= 0.7 * ink.shape[0] and b - a <= 0.85 * width


def _bracket_readings(image, ink, symbols: list[Symbol], folder: str,
                      boxes: list[tuple[int, int, int, int]] | None = None) -> list[Symbol]:
    """`symbols` with the bracketed half-width katakana after a name read again stretched.

    A weak run of narrow glyphs alone is read stretched (`_reread`), but a reading printed in brackets
    after the name (1.　村上　由美子（ﾑﾗｶﾐ ﾕﾐｺ）, a prose notice's 髙橋恵美（ﾀｶﾊｼ ｴﾐ）) shares its run with the name's
    kanji, which are not narrow, and a reading on a line of its own keeps its brackets, which read
    stretched as kana (て, う): it came back garbled (妨太ミう3, カッエミ, 謝がリカ人) on every form that prints
    one. The ink between the brackets (the blobs of ink after the opening one, to the closing one or the
    run's end), half width (`_half_width`), is cut out, stretched HALF_WIDTH_STRETCH times across and read
    as a line; the reading is kept when it is katakana and likelier than the part as read, and the closing
    bracket the ink shows after it (the page's reading lost some). `boxes` gets the boxes read again."""
    from PIL import Image

    import tesserocr

    out = list(symbols)
    for g in _groups(symbols):
        opens = [k for k, s in enumerate(g) if s.c in _OPEN]
        if not opens:
            continue
        i = opens[0]
        j = next((k for k in range(i + 1, len(g)) if g[k].c in _CLOSE), len(g))
        inner = g[i + 1:j]
        if len(inner) < 2 or sum(s.conf for s in inner) / len(inner) >= BRACKET_BELOW:
            continue
        x0 = int(g[i].x0) - 1
        x1 = int(g[j].x1) + 1 if j < len(g) else int(max(s.x1 for s in g[i + 1:])) + 2
        ly0, ly1 = int(min(s.line_y0 for s in g)), int(max(s.line_y1 for s in g))
        if x1 - x0 < 4 or ly1 - ly0 < 4:
            continue
        rows = ink[ly0:ly1, x0:x1].any(axis=1).nonzero()[0]
        if not len(rows):
            continue
        y0, y1 = ly0 + int(rows[0]), ly0 + int(rows[-1]) + 1
        box = ink[y0:y1, x0:x1]
        blobs = _blobs(box.any(axis=0))
        tall = sorted(b - a for a, b in blobs if box[:, a:b].any(axis=1).sum() >= 0.6 * box.shape[0])
        if len(blobs) < 3 or not tall:
            continue
        # the engine's box of the opening bracket lies on the bracket's ink or on the reading's first glyph
        # (the bracket's own ink then left of it): the crop's first blob is cut only when a bracket's
        width = tall[len(tall) // 2]
        opening = _bracket_blob(box, blobs[0], width)
        closing = _bracket_blob(box, blobs[-1], width)
        core = blobs[int(opening):len(blobs) - int(closing)]
        if not core:
            continue
        c0, c1 = x0 + core[0][0], x0 + core[-1][1]
        if not _half_width(ink[y0:y1, c0:c1], y1 - y0):
            continue
        pad = max(4, int(0.3 * (y1 - y0)))
        crop = Image.new("L", (c1 - c0 + 2 * pad, y1 - y0 + 2 * pad), 255)
        crop.paste(image.crop((c0, y0, c1, y1)), (pad, pad))
        wide = crop.resize((int(crop.width * HALF_WIDTH_STRETCH), crop.height), Image.LANCZOS)
        again = [replace(s, x0=s.x0 / HALF_WIDTH_STRETCH + c0 - pad, x1=s.x1 / HALF_WIDTH_STRETCH + c0 - pad,
                         y0=inner[0].y0, y1=inner[0].y1, line=inner[0].line, line_y0=inner[0].line_y0,
                         line_y1=inner[0].line_y1)
                 for s in _symbols(wide, int(tesserocr.PSM.SINGLE_LINE), folder)]
        while again and (again[0].c in _OPEN or again[-1].c in _CLOSE):
            again = again[1:] if again[0].c in _OPEN else again[:-1]
        if not again or not _katakana_reading("".join(s.c for s in again)):
            continue
        if sum(s.conf for s in again) / len(again) <= sum(s.conf for s in inner) / len(inner):
            continue
        gone = inner + g[j:j + 1]
        if closing:
            last = g[j] if j < len(g) else replace(inner[-1], c=")")
            again.append(replace(last, x0=x0 + blobs[-1][0], x1=x0 + blobs[-1][1]))
        elif j < len(g):  # the closing bracket as read, after the reading
            again.append(replace(g[j], x0=max(g[j].x0, again[-1].x1 + 1), x1=max(g[j].x1, again[-1].x1 + 2)))
        out = [s for s in out if s not in gone] + again
        if boxes is not None:
            boxes.append((x0, y0, x1, y1))
    return out


def _cells_of_run(g: list[Symbol], vrules: list[tuple[float, float, float]]
                  ) -> list[tuple[list[Symbol], float, float]]:
    """A run of symbols cut at the vertical rules crossing its line (as `_words` cuts words), each
    part with the x bounds of its cell (±inf at an open end). The rules are erased from the image the
    engine reads, so its lines run across a table's cells: a merged date cell's 2019年12月1日, set
    half a line lower than the name beside it, was read in one line with it as 2019生月1日、例示用 —
    each cell read alone reads right. A run whose cells' glyphs sit on one line is left whole."""
    ly0, ly1 = min(s.line_y0 for s in g), max(s.line_y1 for s in g)
    em = max(1.0, (ly1 - ly0) / 0.88)
    gx0, gx1 = min(s.x0 for s in g), max(s.x1 for s in g)
    xs = sorted({x for x, top, bottom in vrules
                 if top <= ly0 + 0.2 * em and bottom >= ly1 - 0.2 * em and gx0 < x < gx1})
    if not xs:
        return [(g, float("-inf"), float("inf"))]
    parts: list[tuple[list[Symbol], float, float]] = []
    for lo, hi in zip([float("-inf")] + xs, xs + [float("inf")]):
        part = [s for s in g if lo < (s.x0 + s.x1) / 2 <= hi]
        if part:
            parts.append((part, lo, hi))
    # only where the cells' text sits at different heights (the engine joined two printed lines): a row's
    # cells on one line read again alone lost what the row read together kept (split_columns' dates at the
    # frame's edge read 2025.10. alone)
    mids = [sorted((s.y0 + s.y1) / 2 for s in part)[len(part) // 2] for part, _lo, _hi in parts]
    if max(mids) - min(mids) < 0.25 * em:
        return [(g, float("-inf"), float("inf"))]
    return parts


def _reread(image, ink, symbols: list[Symbol], folder: str, text_ink=None,
            boxes: list[tuple[int, int, int, int]] | None = None,
            vrules: list[tuple[float, float, float]] = ()) -> list[Symbol]:
    """`symbols` with the runs read with little confidence read again on their own (REREAD_BELOW);
    `text_ink`: the ink without vertical rules, for the rows of a run's box (`_ink_box`); `boxes`, when
    given, gets the ink box of every run whose reading was replaced (`_uncovered` leaves that ink
    alone: a line-mode reading may box its glyphs anywhere in the run); `vrules`: the vertical rules
    (x, top, bottom in pixels), at which a run is cut and each cell read alone (`_cells_of_run`)."""
    from PIL import Image

    import tesserocr

    weak = [(g, lo, hi) for run in _groups(symbols) for g, lo, hi in _cells_of_run(run, vrules)
            if sum(s.conf for s in g) / len(g) < REREAD_BELOW]
    weak.sort(key=lambda p: sum(s.conf for s in p[0]) / len(p[0]))
    out = list(symbols)
    done: list[tuple[int, int, int, int]] = []
    line_no = max((s.line for s in symbols), default=0)
    spent = 0
    for g, lo, hi in weak[:REREAD_MAX]:
        em = max(s.line_y1 - s.line_y0 for s in g) * 0.9
        box = _ink_box(ink, min(s.x0 for s in g), min(s.y0 for s in g), max(s.x1 for s in g), max(s.y1 for s in g), em,
                       text_ink)
        if box is not None and (lo > float("-inf") or hi < float("inf")):
            # in its cell, and no taller than its glyphs (a card's name cell has its reading in small print
            # right over the name: read as one line, なかむら and 中村 came back interleaved, な中か村むら)
            top = max(box[1], int(min(s.y0 for s in g) - 0.2 * em))
            bottom = min(box[3], int(max(s.y1 for s in g) + 0.2 * em) + 1)
            box = (max(box[0], int(max(lo, -1.0)) + 2), top, min(box[2], int(min(hi, 1e9)) - 1), bottom)
            if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                continue
        if box is None or any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3] for b in done):
            continue
        x0, y0, x1, y1 = box
        inside = [s for s in out if x0 <= (s.x0 + s.x1) / 2 <= x1 and y0 <= (s.y0 + s.y1) / 2 <= y1]
        # the run's own glyphs over the box, wherever their centres: a whole line read as one glyph
        # boxed wider than its ink (a fax's header ＫＭＴ精工株式会社 人事部 read "e", boxed to twice the
        # line's length) has its centre past the ink and was never read again
        inside += [s for s in g if s in out and s not in inside and s.x0 < x1 and x0 < s.x1 and s.y0 < y1 and y0 < s.y1]
        if not inside:
            continue
        spent += len(inside)
        if spent > REREAD_SYMBOLS:
            break
        pad = max(4, int(0.3 * em))
        crop = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 255)
        crop.paste(image.crop((x0, y0, x1, y1)), (pad, pad))
        line_no += 1
        # each symbol spans the line's ink band: a line-mode reading boxes the ink of each glyph
        # tightly, and a line's em (hence its word gaps) is measured from its symbols' heights
        again = [replace(s, x0=s.x0 + x0 - pad, x1=s.x1 + x0 - pad, y0=y0, y1=y1, line=line_no, line_y0=y0, line_y1=y1)
                 for s in _symbols(crop, int(tesserocr.PSM.SINGLE_LINE), folder)]
        if HALF_WIDTH_STRETCH and _half_width(ink[y0:y1, x0:x1], y1 - y0):
            wide = crop.resize((int(crop.width * HALF_WIDTH_STRETCH), crop.height), Image.LANCZOS)
            stretched = [replace(s, x0=s.x0 / HALF_WIDTH_STRETCH + x0 - pad, x1=s.x1 / HALF_WIDTH_STRETCH + x0 - pad,
                                 y0=y0, y1=y1, line=line_no, line_y0=y0, line_y1=y1)
                         for s in _symbols(wide, int(tesserocr.PSM.SINGLE_LINE), folder)]
            if _katakana_reading("".join(s.c for s in stretched)) and (
                    not again or sum(s.conf for s in stretched) / len(stretched) > sum(s.conf for s in again) / len(again)):
                again = stretched
        if not again:
            continue
        old = sum(s.conf for s in inside) / len(inside)
        new = sum(s.conf for s in again) / len(again)
        if new >= old + REREAD_MARGIN or (new >= old and _extends(sorted(inside, key=lambda s: s.x0), again)):
            out = [s for s in out if s not in inside] + again
            done.append(box)
    if boxes is not None:
        boxes += done
    return out


# Lines of ink no symbol covers, read as one line each: at most this many per page, and a reading
# kept only with this mean confidence (a speck or a stamp reads as noise with less).
UNCOVERED_MAX = 20
# ... on a greyscale page, where ink outside every symbol is text, not a fax's specks, at most this many: the
# layout analysis can skip half a page (jirei_stacked seed 11: the lower eight of eleven persons, labels, posts
# and names, some sixty runs), and 20 runs read the first of them only. The runs are read only where the page's
# reading left ink (that page: +0.9 s CPU; a page whose layout analysis skipped nothing reads none).
UNCOVERED_MAX_GREY = 100
UNCOVERED_CONF = 0.9
# ... a lone kanji at this confidence: a fax's one-kanji given name the page's reading skipped (清水　彩, 彩 read
# alone at 0.81) is worth more than the rare speck read as a kanji so surely. Measured (docs/keyer.md, "OCR").
UNCOVERED_KANJI_CONF = 0.8
# On bilevel pages a band of uncovered ink under this many ems tall (small print: a name's reading
# over it, 0.5–0.8 em on a fax) is read at twice its size: しみず えみ came back as nothing at the page's
# scale, whole at 1.5–2.5 times (fax seed 1 671 → 675 fields, seed 7 584 → 584).
SMALL_PRINT = 0.8


def _echo(again: list[Symbol], box: tuple[int, int, int, int], symbols: list[Symbol],
          read: list[tuple[int, int, int, int]]) -> bool:
    """True when uncovered ink read as `again` (its crop `box`) lies in a run read again on its own (one of
    the boxes `read`) whose reading holds every glyph of it beside that ink: a line-mode reading boxes its glyphs loosely
    (監査役候補 read again came back with 候 boxed a pixel wide at 補, and 候's ink, left uncovered, was read a
    second time as 補: 監査役補候補, no post in the heading of officer_text seed 42, nobody keyed). A glyph the
    run's reading lacks is the run's reading's loss, and is kept (a fax's 名古屋支店 read again as 古屋支店)."""
    x0, y0, x1, y1 = box
    em = y1 - y0
    for bx0, by0, bx1, by1 in read:
        if bx0 <= (x0 + x1) / 2 <= bx1 and by0 <= (y0 + y1) / 2 <= by1:
            # (the run's glyphs beside the ink, within an em of it: not a glyph the run holds elsewhere)
            near = [s for s in symbols if max(bx0, x0 - em) <= (s.x0 + s.x1) / 2 <= min(bx1, x1 + em)
                    and by0 <= (s.y0 + s.y1) / 2 <= by1]
            # ... and one of them boxed far narrower than a glyph, another glyph than read here: the reading's
            # glyph whose ink this is (read as itself, it is that glyph boxed right, and kept: a fax's 名 of
            # 名古屋支店, boxed a pixel wide when read again, was lost with it)
            text = "".join(s.c for s in again)
            return (any(s.x1 - s.x0 < 0.3 * em and s.c != text for s in near)
                    and all(s.c in {t.c for t in near} for s in again))
    return False


# A band of uncovered ink up to this many ems tall is parted into lines run by run of its columns (`_uncovered`).
UNCOVERED_TALL = 4.0


def _clusters(band, gap: float) -> list[list[int]]:
    """The inked columns of `band` (a row of booleans) in runs parted at gaps wider than `gap` columns."""
    import numpy as np

    clusters: list[list[int]] = []
    for c in np.nonzero(band)[0].tolist():
        if clusters and c - clusters[-1][-1] <= gap:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    return clusters


def _no_slivers(again: list[Symbol], ink, box: tuple[int, int, int, int], k: float, pad: int, em: float
                ) -> list[Symbol]:
    """A reading of uncovered ink (`_uncovered`, its crop `box`, scaled `k`, padded `pad`) without a glyph at
    either end narrower than `SLIVER` em over ink the crop's edge cuts: the slice of the next glyph, whose box
    (approximate) left part of its ink uncovered. A fax's ＡＢＣホールディングス, Ａ Ｂ Ｃ boxed a few pixels wide by
    the page's reading, had Ｃ and the stem of ホ read again as "C7": ABC7ホールディングス, the company of every
    record. Points are narrow and kept."""
    x0, y0, x1, y1 = box

    def sliver(s: Symbol, edge: int) -> bool:
        return ((s.x1 - s.x0) / k < SLIVER * em and s.c not in _POINTS and s.c not in "・･" and 0 < edge < ink.shape[1]
                and bool((ink[y0:y1, edge - 1] & ink[y0:y1, edge]).any()))

    if len(again) > 1 and sliver(again[-1], x1) and again[-1].x1 / k + x0 - pad >= x1 - 0.3 * em:
        again = again[:-1]
    if len(again) > 1 and sliver(again[0], x0) and again[0].x0 / k + x0 - pad <= x0 + 0.3 * em:
        again = again[1:]
    return again


SLIVER = 0.3


def _uncovered(image, ink, symbols: list[Symbol], rules: list[Rule], scale: float, folder: str,
               small: float = 0.0, read: list[tuple[int, int, int, int]] = (), most: int = UNCOVERED_MAX_GREY
               ) -> list[Symbol]:
    """Lines of ink no symbol covers, read as one line (PSM 7) each.

    The page's layout analysis can skip a whole line: card_rows' first card (氏名 山﨑 美穂 | 発令日,
    between the kana line above and the date, both read) gave no symbol at all. The ink outside
    every symbol box (widened by 0.3 em) and every rule is gathered on a 6-pixel grid into bands
    0.5–2 em tall, cut into runs at gaps over an em. `read`: the ink boxes of runs read again on
    their own (`_reread`), where a reading of uncovered ink is an echo (`_echo`) when the run's reading
    has its glyphs already. At most `most` runs are read (`UNCOVERED_MAX` on a fax)."""
    import numpy as np
    from PIL import Image

    import tesserocr

    if not symbols:
        return []
    hs = sorted(s.y1 - s.y0 for s in symbols)
    em = max(8.0, hs[len(hs) // 2] / 0.88)
    cover = np.zeros(ink.shape, dtype=bool)
    m = int(0.3 * em)
    for s in symbols:
        cover[max(0, int(s.y0) - m):int(s.y1) + m, max(0, int(s.x0) - m):int(s.x1) + m] = True
    for r in rules:
        x0, y0, x1, y1 = (int(v / scale) for v in (r.x0, r.y0, r.x1, r.y1))
        cover[max(0, y0 - 4):y1 + 5, max(0, x0 - 4):x1 + 5] = True
    unc = ink & ~cover
    b = 6
    h, w = unc.shape[0] // b, unc.shape[1] // b
    grid = unc[:h * b, :w * b].reshape(h, b, w, b).sum(axis=(1, 3)) >= 3
    rows = grid.any(axis=1)
    out: list[Symbol] = []
    line_no = max(s.line for s in symbols) + 1000
    y = 0
    found = 0
    while y < h and found < most:
        if not rows[y]:
            y += 1
            continue
        y0 = y
        while y < h and (rows[y] or (y + 1 < h and rows[y + 1])):
            y += 1
        band = grid[y0:y].any(axis=0)
        pieces: list[tuple[int, int, list[int]]] = []
        if 0.5 * em <= (y - y0) * b <= 2.0 * em:
            pieces = [(y0, y, cl) for cl in _clusters(band, em / b)]
        elif (y - y0) * b <= UNCOVERED_TALL * em:
            # two lines and a name set between them (jirei_stacked: （新）… / （旧）… with 渡邉 拓也 to the
            # right, half a line lower, all skipped by the layout analysis) make one band too tall for a
            # line: each run of its columns is parted into its own lines
            for cl in _clusters(band, em / b):
                sub = grid[y0:y, cl[0]:cl[-1] + 1].any(axis=1)
                r = 0
                while r < len(sub):
                    if not sub[r]:
                        r += 1
                        continue
                    r0 = r
                    while r < len(sub) and (sub[r] or (r + 1 < len(sub) and sub[r + 1])):
                        r += 1
                    if 0.5 * em <= (r - r0) * b <= 2.0 * em:
                        seg = grid[y0 + r0:y0 + r, cl[0]:cl[-1] + 1].any(axis=0)
                        pieces += [(y0 + r0, y0 + r, [cl[0] + c for c in sc]) for sc in _clusters(seg, em / b)]
        for py0, py1, cl in pieces:
            if found >= most:
                break
            x0, x1 = cl[0] * b, (cl[-1] + 1) * b
            if x1 - x0 < 0.8 * em:
                continue
            by0, by1 = py0 * b, py1 * b
            pad = max(4, int(0.3 * em))
            crop = Image.new("L", (x1 - x0 + 2 * pad, by1 - by0 + 2 * pad), 255)
            crop.paste(image.crop((x0, by0, x1, by1)), (pad, pad))
            found += 1
            k = 1.0
            if small and by1 - by0 < small * em:
                k = 2.0
                crop = crop.resize((crop.width * 2, crop.height * 2), Image.LANCZOS)
            again = _line_symbols(crop, folder)
            again = _no_slivers(again, ink, (x0, by0, x1, by1), k, pad, em)
            lone = len(again) == 1 and _KANJI.fullmatch(again[0].c) is not None
            if again and sum(s.conf for s in again) / len(again) >= (UNCOVERED_KANJI_CONF if lone else UNCOVERED_CONF):
                if _echo(again, (x0, by0, x1, by1), symbols, read):
                    continue
                line_no += 1
                # the line's ink rows, not the grid's (a band of 6-pixel cells is taller than its glyphs, and
                # its em too large for the word gaps: 経営企画室 課長 read as one word, jirei_stacked seed 42)
                inked = ink[by0:by1, x0:x1].any(axis=1).nonzero()[0]
                ty0, ty1 = (by0 + int(inked[0]), by0 + int(inked[-1]) + 1) if len(inked) else (by0, by1)
                out += [replace(s, x0=s.x0 / k + x0 - pad, x1=s.x1 / k + x0 - pad, y0=ty0, y1=ty1, line=line_no,
                                line_y0=ty0, line_y1=ty1) for s in again]
    return out


# Cells of a ruled table holding ink but no symbol (bilevel pages), read on their own: at most this
# many per page (the time a page may take), a reading kept with this mean confidence. 0.8 and 0.9
# keyed the fax sets alike (0.522 / 0.510); 0.8 keeps a label read at 0.89 (新職 as 新得, which the
# pipeline then knows as 新職).
EMPTY_CELLS_MAX = 30
EMPTY_CELLS_CONF = 0.8
# A cell that holds symbols read with a mean confidence under this is read again alone (PSM 6), the
# weakest cells first, at most this many of the page's symbols in all.
CELL_REREAD_BELOW = 0.93
CELL_REREAD_SYMBOLS = 150


def _empty_cells(image, ink, symbols: list[Symbol], rules: list[Rule], scale: float, folder: str,
                 closed: bool = False) -> list[Symbol]:
    """The cells of ruled tables (between two horizontal rules and two vertical ones) that hold ink
    but no symbol, each read as a block of text (PSM 6).

    On a fax the page's layout analysis drops whole cells — a bold header row (ふりがな, 異動後 gone
    while 氏名 was read), a row's reading and post — though the rules around them are plain in the
    image; a cell cut out alone is read (fax seed 7 paged_roster 10 → 56 of 80 fields) by
    `_read_cell`. A cell whose symbols were read with little confidence (CELL_REREAD_BELOW), or whose
    ink they mostly leave unread, is read alone too and the likelier reading kept. A row's edge may
    also be where the column rules begin or end (`_column_ends`). `closed`: only cells with a rule below
    them too (greyscale pages, where rules are whole). Returns `symbols` with the cells' readings."""
    import numpy as np
    from PIL import Image

    import tesserocr

    if not symbols:
        return symbols
    hs = sorted(s.y1 - s.y0 for s in symbols)
    em = max(8.0, hs[len(hs) // 2] / 0.88)
    flat = [(r.y0 / scale, r.x0 / scale, r.x1 / scale) for r in rules if r.y0 == r.y1 and r.x1 - r.x0 > 3 * em * scale]
    upright = [(r.x0 / scale, r.y0 / scale, r.y1 / scale) for r in rules if r.x0 == r.x1]
    flat += _column_ends(flat, upright, em)
    levels: list[float] = []
    for y in sorted(y for y, _a, _b in flat):
        if not levels or y - levels[-1] > 0.3 * em:
            levels.append(y)
    centres = [((s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2) for s in symbols]
    out: list[Symbol] = []
    weak: list[tuple[float, list[Symbol], tuple[int, int, int, int]]] = []
    line_no = max(s.line for s in symbols) + 2000
    tried = 0
    for ya, yb in zip(levels, levels[1:]):
        if not 0.8 * em <= yb - ya <= 4 * em:
            continue
        xs: list[float] = []
        for x in sorted(x for x, top, bottom in upright if top <= ya + 0.3 * em and bottom >= yb - 0.3 * em):
            if not xs or x - xs[-1] > 0.5 * em:
                xs.append(x)
        for xa, xb in zip(xs, xs[1:]):
            mid = (xa + xb) / 2
            if xb - xa < 1.2 * em or not any(abs(y - ya) <= 0.3 * em and a <= mid <= b for y, a, b in flat):
                continue
            if closed and not any(abs(y - yb) <= 0.3 * em and a <= mid <= b for y, a, b in flat):
                continue  # a cell merged across rows (a date beside two persons): its half is no cell
            inset = max(3, int(0.15 * em))
            x0, y0, x1, y1 = int(xa) + inset, int(ya) + inset, int(xb) - inset, int(yb) - inset
            if x1 - x0 < em or y1 - y0 < 0.5 * em:
                continue
            if any(x0 <= cx <= x1 and y0 <= cy <= y1 for cx, cy in centres):
                inside = [s for s in symbols if x0 <= (s.x0 + s.x1) / 2 <= x1 and y0 <= (s.y0 + s.y1) / 2 <= y1]
                mean = sum(s.conf for s in inside) / len(inside)
                cell = ink[y0:y1, x0:x1]
                read = np.zeros_like(cell)
                for s in inside:
                    if s.x1 - s.x0 > 2 * em:
                        continue  # no one glyph: a rule read as `ー` across the table
                    read[max(0, int(s.y0) - y0):max(0, int(s.y1) - y0),
                         max(0, int(s.x0) - x0):max(0, int(s.x1) - x0)] = True
                if (cell & read).sum() < 0.5 * cell.sum():
                    # most of the cell's ink is outside the symbols read there (a header label under a
                    # specked rule read as the rule's `ー`): read like an empty cell
                    mean = min(mean, EMPTY_CELLS_CONF - REREAD_MARGIN)
                if mean < CELL_REREAD_BELOW:
                    weak.append((mean, inside, (x0, y0, x1, y1)))
                continue
            if ink[y0:y1, x0:x1].sum() < 0.2 * em * em:
                continue  # blank, or a speck
            if tried >= EMPTY_CELLS_MAX:
                break
            tried += 1
            again = _read_cell(image, ink, (x0, y0, x1, y1), em, folder)
            if again and sum(s.conf for s in again) / len(again) >= EMPTY_CELLS_CONF:
                base = line_no
                line_no += max(s.line for s in again) + 1
                out += [replace(s, line=base + s.line) for s in again]
    symbols = symbols + out
    # cells read with little confidence, read again alone (the weakest first, CELL_REREAD_SYMBOLS in all);
    # the likelier reading is kept
    weak.sort(key=lambda w: w[0])
    spent = 0
    for mean, inside, (x0, y0, x1, y1) in weak:
        spent += len(inside)
        if spent > CELL_REREAD_SYMBOLS:
            break
        again = _read_cell(image, ink, (x0, y0, x1, y1), em, folder)
        if not again or sum(s.conf for s in again) / len(again) < mean + REREAD_MARGIN:
            continue
        base = line_no
        line_no += max(s.line for s in again) + 1
        gone = set(map(id, inside))
        symbols = [s for s in symbols if id(s) not in gone] + [replace(s, line=base + s.line) for s in again]
    return symbols


def _read_cell(image, ink, box: tuple[int, int, int, int], em: float, folder: str) -> list[Symbol]:
    """A table cell read alone, in page coordinates: as a block (PSM 6); a cell read as nothing, by the
    box of its ink (a wide cell with a short label centred in it was read as nothing) as a block, as one
    line (PSM 7), then as one line at two thirds of the size (bold fax labels — 姓, 新役職, 異動日 — came
    back empty at the page's scale in one mode or the other)."""
    import numpy as np
    from PIL import Image

    import tesserocr

    x0, y0, x1, y1 = box
    cell = ink[y0:y1, x0:x1]
    rows, cols = np.nonzero(cell.any(axis=1))[0], np.nonzero(cell.any(axis=0))[0]
    if not len(rows):
        return []
    inked = (x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1)
    pad = max(4, int(0.3 * em))
    for (x0, y0, x1, y1), psm, size in ((box, tesserocr.PSM.SINGLE_BLOCK, 1.0),
                                         (inked, tesserocr.PSM.SINGLE_BLOCK, 1.0),
                                         (inked, tesserocr.PSM.SINGLE_LINE, 1.0),
                                         (inked, tesserocr.PSM.SINGLE_LINE, 2 / 3)):
        crop = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 255)
        crop.paste(image.crop((x0, y0, x1, y1)), (pad, pad))
        if size != 1.0:
            crop = crop.resize((round(crop.width * size), round(crop.height * size)), Image.LANCZOS)
        again = _symbols(crop, int(psm), folder)
        if again:
            k = 1 / size
            # each symbol spans its line's band, as in `_reread`: tight glyph boxes shrank the line's em
            # and a name came apart at its word gap (鈴木 彩 read 鈴 | 木彩)
            return [replace(s, x0=s.x0 * k + x0 - pad, x1=s.x1 * k + x0 - pad,
                            y0=min(s.y0, s.line_y0) * k + y0 - pad, y1=max(s.y1, s.line_y1) * k + y0 - pad,
                            line_y0=s.line_y0 * k + y0 - pad, line_y1=s.line_y1 * k + y0 - pad)
                    for s in again]
    return []


def _column_ends(flat: list[tuple[float, float, float]], upright: list[tuple[float, float, float]], em: float
                 ) -> list[tuple[float, float, float]]:
    """Rows' edges no horizontal rule shows, as rules (y, x0, x1): where at least three vertical rules
    begin or end together with no horizontal rule there. A fax's thin top rule comes out as specks
    over the header row, but the column rules still start at its top (split_columns: its twelve
    header cells were read with the specks as `r ms | る 2 AOd`, and no table was found)."""
    out: list[tuple[float, float, float]] = []
    for ends in ([(top, x) for x, top, _b in upright], [(bottom, x) for x, _t, bottom in upright]):
        ends.sort()
        i = 0
        while i < len(ends):
            j = i
            while j + 1 < len(ends) and ends[j + 1][0] - ends[i][0] <= 0.3 * em:
                j += 1
            y = sum(e[0] for e in ends[i:j + 1]) / (j + 1 - i)
            xs = [e[1] for e in ends[i:j + 1]]
            if j - i >= 2 and not _edge_shown(flat, y, min(xs), max(xs), em):
                out.append((y, min(xs), max(xs)))
            i = j + 1
    return out


def _joined_dashes(rules: list[Rule]) -> list[Rule]:
    """A fax's horizontal rule broken into dashes, as one rule: three or more pieces on one row, each gap
    narrower than `DASH_GAP` of the shorter piece beside it (org_bullets_table, fax seed 5: the rule between two
    rows came out as pieces 74 pt long 18 pt apart, and the two rows were read as one: 山田 恵美 藤田 信也, one
    person lost). The pieces are kept; the rule over them is added."""
    flat = sorted((r for r in rules if r.y0 == r.y1 and r.x1 > r.x0), key=lambda r: (round(r.y0), r.x0))
    rows: list[list[Rule]] = []
    for r in flat:
        if rows and abs(rows[-1][0].y0 - r.y0) <= 1.0:
            rows[-1].append(r)
        else:
            rows.append([r])
    out: list[Rule] = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        chain = [row[0]]
        for r in row[1:] + [None]:
            last = chain[-1]
            if r is not None and r.x0 - max(c.x1 for c in chain) <= DASH_GAP * min(last.x1 - last.x0, r.x1 - r.x0):
                chain.append(r)
                continue
            x0, x1 = chain[0].x0, max(c.x1 for c in chain)
            if len(chain) >= 3 and not any(c.x1 - c.x0 >= 0.9 * (x1 - x0) for c in chain):
                out.append(Rule(x0=x0, y0=chain[0].y0, x1=x1, y1=chain[0].y0))
            chain = [r] if r is not None else []
    return out


DASH_GAP = 0.6


def _edge_shown(flat: list[tuple[float, float, float]], y: float, x0: float, x1: float, em: float) -> bool:
    """Whether horizontal rules at `y` (within half an em) cover most (`EDGE_SHOWN`) of x0..x1. A fax breaks a
    table's bottom edge into dashes a few ems long (wide_table_rowdates, fax seed 5: 63 pt pieces 29 pt apart);
    one of them under a column rule was taken for the edge, the edge was not restored, and the last row's cells
    ran into one post with its date lost."""
    spans = sorted((max(a, x0), min(b, x1)) for f, a, b in flat if abs(y - f) <= 0.5 * em and b > x0 and a < x1)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered >= EDGE_SHOWN * (x1 - x0)


EDGE_SHOWN = 0.8


def _edge_rules(rules: list[Rule], symbols: list[Symbol], scale: float) -> list[Rule]:
    """A table's top and bottom edges that a fax lost, as rules for the pipeline (`_column_ends`): at
    100 dpi a thin horizontal rule comes out as specks, while the table's column rules still begin and
    end at it. Without the bottom edge the last row was no row: its cells ran into one post (IT本部 本部長
    IT本部 副本部長 配置換 2025.10.1) and its date was lost."""
    if not symbols:
        return []
    hs = sorted(s.y1 - s.y0 for s in symbols)
    em = max(8.0, hs[len(hs) // 2] / 0.88)
    flat = [(r.y0 / scale, r.x0 / scale, r.x1 / scale) for r in rules if r.y0 == r.y1 and r.x1 - r.x0 > 3 * em * scale]
    upright = [(r.x0 / scale, r.y0 / scale, r.y1 / scale) for r in rules if r.x0 == r.x1]
    return [Rule(x0=a * scale, y0=y * scale, x1=b * scale, y1=y * scale) for y, a, b in _column_ends(flat, upright, em)]


# What the engine reads a broken rule's specks as: dashes, bars, dots.
_RULE_STROKES = "ー一ニ－-―—‐…_＿|｜=＝.・"
# A word on a horizontal rule of a fax that is this share of rule strokes is the rule's (`_off_flat_rules`):
# a rule read as a run of ー can end in a speck read as a letter (ーーー…ーご, ェ=ーーー…).
RULE_STROKE_SHARE = 0.9
# ... and a word on such a rule whatever it was read as, when its line is under this share of the page's
# median word height: the specks of a dotted rule read as letters (O P TT LSI FTTまY, a line 1 pt tall).
THIN_LINE = 0.3


def _on_edge(word: Word, edges: list[Rule], share: float = 1.0) -> bool:
    """A word of rule strokes only (at least `share` of its letters) on a table edge `_edge_rules`
    restored: the engine's reading of the lost rule's specks (ーー…ーニー), which the edge would otherwise
    put into the last row's cells (its name cell no name any more: a person lost)."""
    text = word.text.replace(" ", "")
    if sum(c in _RULE_STROKES for c in text) < share * len(text):
        return False
    h = word.y1 - word.y0
    return any(r.x0 - h <= word.x0 and word.x1 <= r.x1 + h and abs((word.y0 + word.y1) / 2 - r.y0) <= max(0.5 * h, 3.0)
               for r in edges)


def _off_flat_rules(words: list[Word], rules: list[Rule]) -> list[Word]:
    """`words` without those of rule strokes only that lie on a horizontal rule (`_on_edge`), any of the
    page's, not only a restored edge: on a fax the engine reads a row rule it was shown as a run of
    ー (the rules stay in the image it reads), and the run fell into the cells of the row above or below
    (wide_table_rowdates, seed 7: a reading ーーー…, a post ending in ーーー…; three persons of seven lost,
    their rows no rows)."""
    flat = [r for r in rules if r.y0 == r.y1]
    heights = sorted(w.y1 - w.y0 for w in words)
    thin = heights[len(heights) // 2] * THIN_LINE if heights else 0.0
    return [w for w in words if not _on_edge(w, flat, 0.0 if w.y1 - w.y0 < thin else RULE_STROKE_SHARE)]


def _cache_path(page: pymupdf.Page) -> Path | None:
    import hashlib

    from django.conf import settings

    name = getattr(page.parent, "name", "") or ""
    media = Path(settings.MEDIA_ROOT).resolve()
    # Only the app's own documents: an evaluation corpus must not fill the media folder.
    if not name or not Path(name).is_file() or media not in Path(name).resolve().parents:
        return None
    digest = hashlib.sha256(Path(name).read_bytes()).hexdigest()
    return media / "ocr" / f"{digest}-p{page.number + 1}-{OCR_VERSION}-{_model_tag()}-{settings.OCR_DPI}-{settings.OCR_PSM}.json"


def _model_tag() -> str:
    """Which data read the page (folder and size of its jpn model): words read with another model
    are not reused."""
    import hashlib

    folder = tessdata_dir() or ""
    try:
        size = (Path(folder) / f"{LANG}.traineddata").stat().st_size
    except OSError:
        size = 0
    return hashlib.sha256(f"{folder}:{size}".encode()).hexdigest()[:8]


def ocr_page_cached(page: pymupdf.Page, *, refresh: bool = False) -> PageLayout:
    """`ocr_page`, kept beside the media (keyed by the file's SHA-256) so that the reviewer's
    evidence boxes show the very words the keyer read, without a second OCR run. The keyer
    passes ``refresh``: it always reads the page itself (its time is the OCR's time)."""
    import dataclasses
    import json

    path = _cache_path(page)
    if path is not None and path.is_file() and not refresh:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return PageLayout(number=data["number"], width=data["width"], height=data["height"], source="ocr",
                              words=[Word(**{**w, "char_x": tuple(w["char_x"]), "char_conf": tuple(w["char_conf"])})
                                     for w in data["words"]],
                              rules=[Rule(**r) for r in data["rules"]])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is read again
    layout = ocr_page(page)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(dataclasses.asdict(layout), ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # the cache is an optimisation
    return layout


def ocr_chars(page: pymupdf.Page) -> list:
    """The OCR'd page as `textlayer.Char`s (one per character, the line numbered), for the
    reviewer's evidence search; empty when OCR is not installed."""
    from inference.local.textlayer import Char

    if ocr_unavailable():
        return []
    layout = ocr_page_cached(page)
    out = []
    line_no = 0
    last_y = None
    for w in sorted(layout.words, key=lambda w: (round(w.y0, 0), w.x0)):
        if last_y is None or abs(w.y0 - last_y) > 0.5 * max(w.size, 1.0):
            line_no += 1
            last_y = w.y0
        xs = list(w.char_x) if len(w.char_x) == len(w.text) else \
            [w.x0 + (w.x1 - w.x0) * i / len(w.text) for i in range(len(w.text))]
        for i, c in enumerate(w.text):
            x1 = xs[i + 1] if i + 1 < len(xs) else w.x1
            out.append(Char(c, xs[i], w.y0, max(x1, xs[i] + 0.1), w.y1, w.size, line_no))
        out.append(Char(" ", w.x1, w.y0, w.x1, w.y1, w.size, line_no))
    return out


def cap_confidence(records: list[dict], confidence: list[dict], pages: list[PageLayout]) -> list[dict]:
    """Each field's confidence capped by the engine's confidence in the characters it was read
    from: the value (whitespace and width folded) is found in the OCR'd words and the lowest
    character confidence there is the cap. A value not printed as such (a date in ISO form, a
    reading in another script) keeps the pipeline's confidence, which already counts the words'."""
    from jptext import squeeze

    chars: list[str] = []
    confs: list[float] = []
    for p in pages:
        if p.source != "ocr":
            continue
        for w in sorted(p.words, key=lambda w: (round(w.y0), w.x0)):
            text = squeeze(w.text)
            cc = list(w.char_conf) if len(w.char_conf) == len(text) else [w.conf] * len(text)
            chars += list(text)
            confs += cc
    stream = "".join(chars)
    out = []
    for rec, conf in zip(records, confidence):
        capped = dict(conf)
        for key, value in rec.items():
            needle = squeeze(value or "")
            at = stream.find(needle) if len(needle) >= 2 else -1
            if at >= 0 and key in capped:
                capped[key] = round(min(capped[key], min(confs[at:at + len(needle)])), 3)
        out.append(capped)
    return out
