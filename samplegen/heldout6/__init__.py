"""The sixth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures, and never ran a keyer on them; only the generator and the other sets' form names
and docstrings were read, to avoid duplicates), for judging the machine keyer on announcements it
was never shown.

Its own vocabulary (samplegen/heldout6/vocab.py, disjoint from the other six sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout6 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout6` writes var/heldout6/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout6.vocab import HELD_OUT_6

NAMES = ("taisei_genshin", "csv_printout", "chuki_notes", "shikaku_shokaku", "kounin_rows")
DEFAULT_SEED = 17320
FORMS, HELD_OUT_6_SET, main = held_out_set(__name__, NAMES, HELD_OUT_6, DEFAULT_SEED)
