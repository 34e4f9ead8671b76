"""The seventh held-out set: forms written blind (their author never read the keyer's code, its
docs or its failures, and never ran a keyer or any jptext function on them; only the generator and
the other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout7/vocab.py, disjoint from the other seven sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout7 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout7` writes var/heldout7/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout7.vocab import HELD_OUT_7

NAMES = ("kajo_ki", "hatsurei_jiko", "group_captions", "photo_cards")
DEFAULT_SEED = 22360
FORMS, HELD_OUT_7_SET, main = held_out_set(__name__, NAMES, HELD_OUT_7, DEFAULT_SEED)
