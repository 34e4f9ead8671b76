"""Held-out forms: documents for judging a keyer, never for writing or debugging its rules.

They have their own vocabulary (samplegen/heldout/vocab.py) and their own seed namespace, so a
keyer that memorised the development forms' names, posts or companies gains nothing here.

Run: `python -m samplegen.heldout OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout` writes var/heldout/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout.vocab import HELD_OUT

NAMES = ("letter_kigo", "landscape_codes", "boxed_cards", "dept_grouped", "mixed_sections", "career_profiles")
DEFAULT_SEED = 2718
FORMS, HELD_OUT_SET, main = held_out_set(__name__, NAMES, HELD_OUT, DEFAULT_SEED)
