"""The second held-out set: forms written apart from the keyer of issue 10 and merged only after it
was frozen, for judging it on layouts its author could not have seen (the first held-out set
reached the author's tree).

Its own vocabulary (samplegen/heldout2/vocab.py, disjoint from the other two sets) and seed
namespace. Measured blind once (0.742), it has been a development set since (docs/samplegen.md);
held-out set 3 now judges the keyer on unseen forms.

Run: `python -m samplegen.heldout2 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout2` writes var/heldout2/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout2.vocab import HELD_OUT_2

NAMES = ("shinkyu_taisho", "person_columns", "press_sentences", "two_row_persons", "mail_text", "officer_shingen",
         "logo_groups")
DEFAULT_SEED = 31415
FORMS, HELD_OUT_2_SET, main = held_out_set(__name__, NAMES, HELD_OUT_2, DEFAULT_SEED)
