"""The thirteenth held-out set: forms written blind (their author never read the keyer's code, its
docs or its failures, and never ran a keyer or any jptext function on them; only the generator and
the other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout13/vocab.py, disjoint from the other thirteen sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout13 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout13` writes var/heldout13/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout13.vocab import HELD_OUT_13

NAMES = ("tsutatsu_gou", "meishi_irai", "shinbun_ginko", "naisen_henko", "shataku_tehai")
DEFAULT_SEED = 35355
FORMS, HELD_OUT_13_SET, main = held_out_set(__name__, NAMES, HELD_OUT_13, DEFAULT_SEED)
