"""The learned tagger experiment (inference/learned, docs/keyer.md "Learned tagger (experiment)"):
the truth read back off the page as roles, and records rebuilt from roles. Pages are built as
`PageLayout`s directly, as in test_local_pipeline.py."""
from __future__ import annotations

import numpy as np

from inference.learned.loso import combine_agree
from inference.learned.tagger import Model, assemble
from inference.learned.units import ROLES, doc_tokens, label_doc
from tests.test_local_pipeline import LETTERHEAD, page

TRUTH = [
    {"effective_date": "2025-04-01", "family_name": "西川", "given_name": "浩一", "company": "みなと商事株式会社",
     "family_name_kana": "", "given_name_kana": "", "new_post": "営業部 部長", "old_post": "営業部 次長"},
    {"effective_date": "2025-04-01", "family_name": "大野", "given_name": "真理", "company": "みなと商事株式会社",
     "family_name_kana": "", "given_name_kana": "", "new_post": "総務部 次長", "old_post": "営業部 部長"},
]


def roster():
    return page(*LETTERHEAD, (62, 130, "発令日：令和７年４月１日"),
                (62, 170, "氏名"), (200, 170, "新役職"), (380, 170, "旧役職"),
                (62, 190, "西川 浩一"), (200, 190, "営業部 部長"), (380, 190, "営業部 次長"),
                (62, 210, "大野 真理"), (200, 210, "総務部 次長"), (380, 210, "営業部 部長"))


def test_the_truth_is_found_on_the_page_and_a_post_printed_twice_goes_to_the_nearer_person():
    doc = doc_tokens([roster()])
    labels = label_doc(doc, TRUTH)
    by_line: dict[int, list[tuple[str, str]]] = {}
    for t, lab in zip(doc.toks, labels):
        by_line.setdefault(t.line, []).append((t.text, ROLES[lab]))
    rows = [v for v in by_line.values() if any(r == "NAME" for _t, r in v)]
    # 営業部 部長 is 西川's new post and 大野's old one: each row's copy to its own person
    assert [r for _t, r in rows[0]] == ["NAME", "NAME", "NEW", "NEW", "OLD", "OLD"]
    assert [r for _t, r in rows[1]] == ["NAME", "NAME", "NEW", "NEW", "OLD", "OLD"]


def test_records_are_rebuilt_from_the_roles_of_the_words():
    doc = doc_tokens([roster()])
    onehot = np.eye(len(ROLES))[label_doc(doc, TRUTH)]
    records, confidence = assemble(doc, onehot)
    assert records == TRUTH
    assert len(confidence) == 2


def test_a_model_learns_the_roles_of_one_page_and_saves_only_its_weights(tmp_path):
    doc = doc_tokens([roster()])
    labels = label_doc(doc, TRUTH)
    model = Model().fit([t.feats for t in doc.toks], labels, epochs=20)
    assert list(model.proba([t.feats for t in doc.toks]).argmax(axis=1)) == labels
    model.save(tmp_path / "m.npz")
    assert (Model.load(tmp_path / "m.npz").W == model.W).all()


def test_the_rules_are_kept_where_both_keyers_find_the_same_persons():
    rules = [dict(TRUTH[0])]
    assert combine_agree(rules, [dict(TRUTH[0], new_post="営業部")]) == rules
    assert combine_agree(rules, TRUTH) == TRUTH  # the tagger found a person the rules missed
    assert combine_agree(None, TRUTH) == TRUTH
