"""Held-out forms: documents for judging a keyer, never for writing or debugging its rules.

They have their own vocabulary (samplegen/heldout/vocab.py) and their own seed namespace, so a
keyer that memorised the development forms' names, posts or companies gains nothing here.

Run: `python -m samplegen.heldout OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout` writes var/heldout/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout.vocab import HELD_OUT

NAMES = ("letter_kigo", "landscape_codes", "boxed_cards", "dept_grouped", "mixed_sections", "career_profiles")
FORMS = {name: import_module(f"samplegen.heldout.{name}").FORM for name in NAMES}
HELD_OUT_SET = FormSet(namespace="twomatch-heldout", vocab=HELD_OUT, forms=FORMS)
DEFAULT_SEED = 2718


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout", argv=argv)
