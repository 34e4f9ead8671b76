"""The sixth held-out set: forms written blind (their author never read the keyer's code, its docs
or its failures, and never ran a keyer on them; only the generator and the other sets' form names
and docstrings were read, to avoid duplicates), for judging the machine keyer on announcements it
was never shown.

Its own vocabulary (samplegen/heldout6/vocab.py, disjoint from the other six sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout6 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout6` writes var/heldout6/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout6.vocab import HELD_OUT_6

NAMES = ("taisei_genshin", "csv_printout", "chuki_notes", "shikaku_shokaku", "kounin_rows")
FORMS = {name: import_module(f"samplegen.heldout6.{name}").FORM for name in NAMES}
HELD_OUT_6_SET = FormSet(namespace="twomatch-heldout6", vocab=HELD_OUT_6, forms=FORMS)
DEFAULT_SEED = 17320


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_6_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout6", argv=argv)
