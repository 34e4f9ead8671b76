"""The fourth held-out set: forms written before anyone looked at how the keyer fails on held-out
set 3, for judging the fixes made on set 3 on layouts they could not have been tuned to.

Its own vocabulary (samplegen/heldout4/vocab.py, disjoint from the other four sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout4 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout4` writes var/heldout4/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout4.vocab import HELD_OUT_4

NAMES = ("jokai_cell", "kairan_memo", "kubun_merged", "daihyo_release")
FORMS = {name: import_module(f"samplegen.heldout4.{name}").FORM for name in NAMES}
HELD_OUT_4_SET = FormSet(namespace="twomatch-heldout4", vocab=HELD_OUT_4, forms=FORMS)
DEFAULT_SEED = 27182


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_4_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout4", argv=argv)
