"""What the layout-agnostic keyer reads: words with positions, whatever produced them.

Both sources of words produce these objects and nothing else, so one pipeline serves
born-digital PDFs (the text layer, ``source="text"``) and scans (OCR, ``source="ocr"``):

* the text layer: PyMuPDF characters grouped into words (a run of characters with no
  whitespace and no visible gap), invisible text already dropped;
* OCR: the engine's words, with its confidences.

Coordinates are PDF points with the origin at the top left of the page (PyMuPDF's
convention), whatever the source, so thresholds in points mean the same on both.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    # Glyph height in points (font size for the text layer, box height for OCR).
    size: float = 0.0
    # Recognition confidence in [0, 1]: 1.0 for the text layer, the engine's for OCR.
    conf: float = 1.0
    # Left edge of each character, when the source knows it (len == len(text)); lets
    # the pipeline split a word at a position (e.g. an underline covering part of a line).
    char_x: tuple[float, ...] = ()
    # Per-character confidence for OCR (len == len(text)); empty for the text layer.
    char_conf: tuple[float, ...] = ()
    # Printed in red (the text layer's fill colour): the usual mark of what a marked-up copy adds
    # or changes (赤字：変更後); always False for OCR, which reads greyscale.
    red: bool = False


@dataclass(frozen=True)
class Rule:
    """A straight line on the page: a table rule or an underline (from vector drawings
    or, for scans, from the image)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PageLayout:
    number: int          # 1-based
    width: float         # points
    height: float        # points
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    source: str = "text"  # "text" or "ocr"
