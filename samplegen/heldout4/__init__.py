"""The fourth held-out set: forms written before anyone looked at how the keyer fails on held-out
set 3, for judging the fixes made on set 3 on layouts they could not have been tuned to.

Its own vocabulary (samplegen/heldout4/vocab.py, disjoint from the other four sets) and seed
namespace. Do not open these forms, their PDFs or per-document results while writing keyer rules;
measure per form, once.

Run: `python -m samplegen.heldout4 OUT_DIR [--seed N] [--count N] [--forms all|NAME,...]`
(`make heldout4` writes var/heldout4/).
"""
from __future__ import annotations

from samplegen.core import held_out_set
from samplegen.heldout4.vocab import HELD_OUT_4

NAMES = ("jokai_cell", "kairan_memo", "kubun_merged", "daihyo_release")
DEFAULT_SEED = 27182
FORMS, HELD_OUT_4_SET, main = held_out_set(__name__, NAMES, HELD_OUT_4, DEFAULT_SEED)
