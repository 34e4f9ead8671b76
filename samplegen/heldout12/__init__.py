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

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout12.vocab import HELD_OUT_12

NAMES = ("byoto_betsu", "tenpo_kaiten", "kyoshokuin_ido", "sagyosho_haichi", "shanai_faq")
FORMS = {name: import_module(f"samplegen.heldout12.{name}").FORM for name in NAMES}
HELD_OUT_12_SET = FormSet(namespace="twomatch-heldout12", vocab=HELD_OUT_12, forms=FORMS)
DEFAULT_SEED = 33166


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_12_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout12", argv=argv)
