"""The tenth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures, and never ran a keyer or any jptext function on them; only the generator and the
other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout10/vocab.py, disjoint from the other ten sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout10 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout10` writes var/heldout10/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout10.vocab import HELD_OUT_10

NAMES = ("soshiki_kaisei", "intra_news", "torihiki_aisatsu", "ringi_sho", "kisha_happyo")
DEFAULT_SEED = 28284
FORMS, HELD_OUT_10_SET, main = held_out_set(__name__, NAMES, HELD_OUT_10, DEFAULT_SEED)
