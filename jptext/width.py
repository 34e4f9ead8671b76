"""Character widths and whitespace."""
from __future__ import annotations

import re
import unicodedata

_WS_RUN = re.compile(r"\s+")


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def fold_space(s: str) -> str:
    """NFKC; every whitespace run (ASCII, U+3000, line breaks) → one ASCII space; trimmed."""
    return _WS_RUN.sub(" ", nfkc(s)).strip()


def squeeze(s: str) -> str:
    """NFKC with every whitespace removed (also 均等割り padding: 佐　藤 → 佐藤).

    NFKC runs a second time after the spaces are gone: NFKC turns the spacing dakuten ゛
    into " " + U+3099, and once the space is removed the mark composes with its kana."""
    return nfkc(_WS_RUN.sub("", nfkc(s)))


def fullwidth(s: str) -> str:
    """ASCII letters, digits and punctuation → their full-width forms (2025 → ２０２５)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)
