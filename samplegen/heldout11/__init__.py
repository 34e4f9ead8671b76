"""The eleventh held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures, and never ran a keyer or any jptext function on them; only the generator and the
other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout11/vocab.py, disjoint from the other eleven sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout11 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout11` writes var/heldout11/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout11.vocab import HELD_OUT_11

NAMES = ("kyoin_jinji", "hatsureibo", "fax_soshinhyo", "kansogeikai", "chat_log")
DEFAULT_SEED = 31622
FORMS, HELD_OUT_11_SET, main = held_out_set(__name__, NAMES, HELD_OUT_11, DEFAULT_SEED)
