"""The ninth held-out set: forms written blind (their author never read the keyer's code, its
docs or its failures, and never ran a keyer or any jptext function on them; only the generator and
the other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout9/vocab.py, disjoint from the other nine sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout9 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout9` writes var/heldout9/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout9.vocab import HELD_OUT_9

NAMES = ("teisei_notice", "hiduke_columns", "koufushiki_shidai", "ikyoku_haken", "slide_handout")
DEFAULT_SEED = 26457
FORMS, HELD_OUT_9_SET, main = held_out_set(__name__, NAMES, HELD_OUT_9, DEFAULT_SEED)
