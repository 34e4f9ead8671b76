"""The fourteenth held-out set: forms written blind (their author never read the keyer's code, its
docs or its failures, and never ran a keyer or any jptext function on them; only the generator and
the other sets' form names and docstrings were read, to avoid duplicates), for judging the machine
keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout14/vocab.py, disjoint from the other fourteen sets, post words
included) and seed namespace. Do not open these forms, their PDFs or per-document results while
writing keyer rules; measure per form, once.

Run: `python -m samplegen.heldout14 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout14` writes var/heldout14/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout14.vocab import HELD_OUT_14

NAMES = ("aisatsujo_tate", "yakuin_kaisen", "shinjin_haizoku", "hatsurei_gamen", "naiji_mendan")
FORMS = {name: import_module(f"samplegen.heldout14.{name}").FORM for name in NAMES}
HELD_OUT_14_SET = FormSet(namespace="twomatch-heldout14", vocab=HELD_OUT_14, forms=FORMS)
DEFAULT_SEED = 37416


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_14_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout14", argv=argv)
