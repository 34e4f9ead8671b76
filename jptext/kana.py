"""Kana scripts: hiragana, katakana and half-width katakana."""
from __future__ import annotations

import re
import unicodedata

from jptext.width import nfkc

_KATA_TO_HIRA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}  # ァ..ヶ → ぁ..ゖ
_KATA_TO_HIRA.update({0x30FD: 0x309D, 0x30FE: 0x309E})       # ヽヾ → ゝゞ
_HIRA_TO_KATA = {v: k for k, v in _KATA_TO_HIRA.items()}


def _half_width_table() -> dict[str, str]:
    # NFKC has no inverse, so the half-width spelling of each kana is built from NFKC itself.
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFF9E):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in ("ﾞ", "ﾟ"):
            composed = unicodedata.normalize("NFKC", half + mark)
            if len(composed) == 1:
                table.setdefault(composed, half + mark)
    return table


_HALF = _half_width_table()
# Hiragana, katakana (incl. ー and ・), half-width katakana and their marks.
_KANA_RE = re.compile(r"[\u3041-\u309F\u30A0-\u30FF\uFF66-\uFF9F]+")


def to_hiragana(s: str) -> str:
    """NFKC, then katakana → hiragana (ﾔﾏﾀﾞ → やまだ). Whitespace is kept."""
    return nfkc(s).translate(_KATA_TO_HIRA)


def to_katakana(s: str) -> str:
    """NFKC, then hiragana → katakana."""
    return nfkc(s).translate(_HIRA_TO_KATA)


def to_halfwidth_katakana(s: str) -> str:
    """Hiragana or katakana → half-width katakana (やまだ → ﾔﾏﾀﾞ)."""
    return "".join(_HALF.get(c, c) for c in to_katakana(s))


def is_kana(s: str) -> bool:
    """True when `s` (ignoring whitespace) is only kana of any script: a printed reading."""
    t = re.sub(r"\s+", "", s)
    return bool(t) and _KANA_RE.fullmatch(t) is not None


# Small kana and their full-size letters, both scripts (ぁ → あ, ッ → ツ, ゎ → わ).
_SMALL_TO_FULL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ", "あいうえおつやゆよわかけアイウエオツヤユヨワカケ")


def fold_marks(s: str) -> str:
    """`s` with voicing marks dropped and small kana made full-size (じゅんこ → しゆんこ, ペ → ヘ).

    The marks (゛ ゜) and a small kana's size are the parts of a kana print loses first (a fax, a
    small reading over a name): two readings that agree once folded so differ only by what a poor
    scan may have lost."""
    decomposed = unicodedata.normalize("NFD", nfkc(s))
    return unicodedata.normalize("NFC", decomposed.replace("\u3099", "").replace("\u309A", "")).translate(_SMALL_TO_FULL)
