"""Dates in 和暦 with kanji numerals (令和八年三月十六日), as a ministry 発令 list closes."""
from __future__ import annotations

from datetime import date

from samplegen.core import _era

DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")) + (DIGITS[ones] if ones else "")


def kanji_date(d: date) -> str:
    era, _initial, n = _era(d)
    return f"{era}{'元' if n == 1 else kanji_number(n)}年{kanji_number(d.month)}月{kanji_number(d.day)}日"
