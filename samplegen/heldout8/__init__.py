"""The eighth held-out set: forms written blind (their author never read the keyer's code, its
docs or its failures, and never ran a keyer or any jptext function on them; only the generator and
the other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout8/vocab.py, disjoint from the other eight sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout8 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout8` writes var/heldout8/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout8.vocab import HELD_OUT_8

NAMES = ("mikeshi_roster", "gijiroku", "tsuchisho", "busho_betsu", "portal_print")
DEFAULT_SEED = 24494
FORMS, HELD_OUT_8_SET, main = held_out_set(__name__, NAMES, HELD_OUT_8, DEFAULT_SEED)
