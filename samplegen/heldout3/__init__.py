"""The third held-out set: forms written blind to the keyer of issue 10 (its author never read the
keyer's code), for judging it on layouts it could not have been tuned to.

Its own vocabulary (samplegen/heldout3/vocab.py, disjoint from the other three sets) and seed
namespace. Measured blind once (0.805), it has been a development set since the keyer-4 round
(docs/samplegen.md); held-out set 4 (samplegen/heldout4) measures unseen forms now.

Run: `python -m samplegen.heldout3 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout3` writes var/heldout3/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout3.vocab import HELD_OUT_3

NAMES = ("genshoku_cell", "rowspan_shinkyu", "kubun_unruled", "jirei_slips", "shukko_group", "email_ascii",
         "landscape_twolevel", "officer_colon")
DEFAULT_SEED = 16180
FORMS, HELD_OUT_3_SET, main = held_out_set(__name__, NAMES, HELD_OUT_3, DEFAULT_SEED)
