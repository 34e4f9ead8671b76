"""What every held-out set of the generator promises, checked for all of them at once: forms and
words of its own, a text layer carrying the truth, the same bytes for the same seed, and records in
the order their names are printed. Each set's own file (test_samplegen_heldoutN.py) checks what
its forms do differently."""
from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from importlib import import_module

import pymupdf
import pytest

from jptext import squeeze
from samplegen import DEV_SET
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
from samplegen.heldout4 import HELD_OUT_4_SET
from samplegen.heldout5 import HELD_OUT_5_SET
from samplegen.heldout6 import HELD_OUT_6_SET
from samplegen.heldout7 import HELD_OUT_7_SET
from samplegen.heldout8 import HELD_OUT_8_SET
from samplegen.heldout9 import HELD_OUT_9_SET
from samplegen.heldout10 import HELD_OUT_10_SET
from samplegen.heldout11 import HELD_OUT_11_SET
from samplegen.heldout12 import HELD_OUT_12_SET
from samplegen.heldout13 import HELD_OUT_13_SET
from samplegen.heldout14 import HELD_OUT_14_SET
from tests.test_samplegen_forms import test_each_form_is_deterministic_for_a_seed as assert_deterministic
from tests.test_samplegen_forms import \
    test_each_form_prints_a_pdf_with_a_text_layer_and_rule_abiding_truth as assert_prints_its_truth
from tests.test_samplegen_forms import ROOT, words_in_common

# Set 1 predates these checks (test_samplegen_forms.py covers it); sets 7 to 13 check their truth
# without the app's date reader, as they were written (test_samplegen_heldout7.py to …14.py).
LATER_SETS = (HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET, HELD_OUT_7_SET,
              HELD_OUT_8_SET, HELD_OUT_9_SET, HELD_OUT_10_SET, HELD_OUT_11_SET, HELD_OUT_12_SET, HELD_OUT_13_SET,
              HELD_OUT_14_SET)
BLIND_SETS = (HELD_OUT_7_SET, HELD_OUT_8_SET, HELD_OUT_9_SET, HELD_OUT_10_SET, HELD_OUT_11_SET,
              HELD_OUT_12_SET, HELD_OUT_13_SET, HELD_OUT_14_SET)
ALL_SETS = (DEV_SET, HELD_OUT_SET, *LATER_SETS)
FORMS = [(held, form) for held in LATER_SETS for form in held.forms]


def _name(value) -> str:
    return getattr(value, "namespace", str(value))


def _text(pdf: bytes) -> str:
    with pymupdf.open("pdf", pdf) as doc:
        return "".join(page.get_text() for page in doc)


def test_every_set_has_its_own_seed_namespace():
    assert len({s.namespace for s in ALL_SETS}) == len(ALL_SETS)


@pytest.mark.parametrize("held", LATER_SETS, ids=_name)
def test_a_held_out_set_has_four_or_more_forms_no_other_set_has(held):
    assert len(held.forms) >= 4
    assert not set(held.forms) & {f for other in ALL_SETS if other is not held for f in other.forms}


@pytest.mark.parametrize("one, other", list(itertools.combinations(ALL_SETS, 2)), ids=_name)
def test_no_two_sets_share_people_companies_or_departments(one, other):
    assert not words_in_common(one.vocab, other.vocab)


@pytest.mark.parametrize("held, form", [(h, f) for h, f in FORMS if h not in BLIND_SETS], ids=_name)
def test_each_form_prints_a_pdf_with_a_text_layer_and_rule_abiding_truth(held, form):
    assert_prints_its_truth(held, form)


@pytest.mark.parametrize("held, form", FORMS, ids=_name)
def test_each_form_is_deterministic_for_a_seed(held, form):
    assert_deterministic(held, form)


@pytest.mark.parametrize("held, form", FORMS, ids=_name)
def test_records_are_listed_in_the_order_the_names_are_printed(held, form):
    for _name_, pdf, truth, _pages in (held.build_document(7, i, (form,)) for i in range(4)):
        # The blind sets' documents are read with plain string operations only, as they were written.
        text = re.sub(r"\s+", "", _text(pdf)) if held in BLIND_SETS else squeeze(_text(pdf))
        firsts = [text.find(rec["family_name"] + rec["given_name"]) for rec in truth["records"]]
        assert -1 not in firsts and firsts == sorted(firsts), truth["records"]


@pytest.mark.parametrize("held", LATER_SETS, ids=_name)
def test_its_command_writes_the_set_with_its_default_seed_and_refuses_other_forms(held, tmp_path):
    package = "samplegen." + held.namespace.removeprefix("twomatch-")
    seed = import_module(package).DEFAULT_SEED
    forms = list(held.forms)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-m", package, str(tmp_path), "--count", str(len(forms) + 1)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.glob("*.json"))]
    assert [t["form"] for t in truths] == [*forms, forms[0]]
    _name_, pdf, truth, _pages = held.build_document(seed, 0)
    assert (tmp_path / "01.pdf").read_bytes() == pdf and truths[0] == truth
    manifest = (tmp_path / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == "stem,layout,records,pages,bytes" and len(manifest) == len(forms) + 2
    other = next(f for s in ALL_SETS if s is not held for f in s.forms)
    refused = subprocess.run([sys.executable, "-m", package, str(tmp_path / "x"), "--forms", other],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and f"unknown form(s) {other}" in refused.stderr
