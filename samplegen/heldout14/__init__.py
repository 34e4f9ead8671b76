"""Held-out set 14 (docs/samplegen.md, "Fourteenth held-out set"): a vertical greeting card, an industry
association's board election, new graduates' postings, printed HR-system screens and a 内示 meeting
schedule, with a vocabulary of their own (vocab.py). Written blind and measured once before any keyer
change (0.554); a development set since the set-14 round.

Run: `python -m samplegen.heldout14 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]` (`make heldout14`).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout14.vocab import HELD_OUT_14

NAMES = ("aisatsujo_tate", "yakuin_kaisen", "shinjin_haizoku", "hatsurei_gamen", "naiji_mendan")
DEFAULT_SEED = 37416
FORMS, HELD_OUT_14_SET, main = held_out_set(__name__, NAMES, HELD_OUT_14, DEFAULT_SEED)
