"""The fifth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures; only the generator and the other sets' form names and docstrings, to avoid
duplicates), for judging the machine keyer on announcements it was never shown.

Its own vocabulary (samplegen/heldout5/vocab.py, disjoint from the other five sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout5 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout5` writes var/heldout5/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout5.vocab import HELD_OUT_5

NAMES = ("shanaiho_columns", "kenmu_rows", "bilingual_release", "kyu_shin_halves", "taisei_star")
FORMS = {name: import_module(f"samplegen.heldout5.{name}").FORM for name in NAMES}
HELD_OUT_5_SET = FormSet(namespace="twomatch-heldout5", vocab=HELD_OUT_5, forms=FORMS)
DEFAULT_SEED = 14142


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_5_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout5", argv=argv)
