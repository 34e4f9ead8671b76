"""The third held-out set: forms written blind to the keyer of issue 10 (its author never read the
keyer's code), for judging it on layouts it could not have been tuned to.

Its own vocabulary (samplegen/heldout3/vocab.py, disjoint from the other three sets) and seed
namespace. Measured blind once (0.805), it has been a development set since the keyer-4 round
(docs/samplegen.md); held-out set 4 (samplegen/heldout4) measures unseen forms now.

Run: `python -m samplegen.heldout3 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout3` writes var/heldout3/).
"""
from __future__ import annotations

from importlib import import_module

from samplegen.core import FormSet, run_cli
from samplegen.heldout3.vocab import HELD_OUT_3

NAMES = ("genshoku_cell", "rowspan_shinkyu", "kubun_unruled", "jirei_slips", "shukko_group", "email_ascii",
         "landscape_twolevel", "officer_colon")
FORMS = {name: import_module(f"samplegen.heldout3.{name}").FORM for name in NAMES}
HELD_OUT_3_SET = FormSet(namespace="twomatch-heldout3", vocab=HELD_OUT_3, forms=FORMS)
DEFAULT_SEED = 16180


def main(argv: list[str] | None = None) -> None:
    run_cli(HELD_OUT_3_SET, {}, default_seed=DEFAULT_SEED, prog="python -m samplegen.heldout3", argv=argv)
