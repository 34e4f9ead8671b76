"""The fifth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures; only the generator and the other sets' form names and docstrings, to avoid
duplicates), for judging the machine keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout5/vocab.py, disjoint from the other five sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout5 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout5` writes var/heldout5/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout5.vocab import HELD_OUT_5

NAMES = ("shanaiho_columns", "kenmu_rows", "bilingual_release", "kyu_shin_halves", "taisei_star")
DEFAULT_SEED = 14142
FORMS, HELD_OUT_5_SET, main = held_out_set(__name__, NAMES, HELD_OUT_5, DEFAULT_SEED)
