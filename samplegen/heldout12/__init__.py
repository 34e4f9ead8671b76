"""The twelfth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures, and never ran a keyer or any jptext function on them; only the generator and the
other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout12/vocab.py, disjoint from the other twelve sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout12 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout12` writes var/heldout12/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout12.vocab import HELD_OUT_12

NAMES = ("byoto_betsu", "tenpo_kaiten", "kyoshokuin_ido", "sagyosho_haichi", "shanai_faq")
DEFAULT_SEED = 33166
FORMS, HELD_OUT_12_SET, main = held_out_set(__name__, NAMES, HELD_OUT_12, DEFAULT_SEED)
