"""Japanese text: widths, kana scripts, dates and eras — written once, used everywhere.

The comparison rules (dataentry/normalization.py), the machine keyer (inference/local),
the reviewer's evidence search (review/evidence.py) and the sample generators all use
these functions, so a date or a reading means the same thing to each of them.

* `jptext.width`: NFKC, whitespace folding, ASCII ↔ full-width.
* `jptext.kana`: hiragana ↔ katakana ↔ half-width katakana, "is this a reading?", a reading
  folded of what a poor scan loses (voicing marks, small kana: `fold_marks`).
* `jptext.dates`: the era table (明治..令和), parsing a date value, finding dates in running
  text, and the forms a date is printed in.
* `jptext.ocr`: characters OCR confuses (ロ/口, ー/一, 令和 read as 信和, 1 read as ] in a date …),
  decided by the neighbours' script or the date grammar (used by inference/local/ocr.py).
"""
from jptext.dates import ERAS, DateMatch, date_forms, find_dates, format_era, parse_date
from jptext.kana import is_kana, to_halfwidth_katakana, to_hiragana, to_katakana
from jptext.width import fold_space, fullwidth, nfkc, squeeze

__all__ = [
    "ERAS", "DateMatch", "date_forms", "find_dates", "format_era", "parse_date",
    "is_kana", "to_halfwidth_katakana", "to_hiragana", "to_katakana",
    "fold_space", "fullwidth", "nfkc", "squeeze",
]
