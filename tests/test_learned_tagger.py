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


# --- post values built from the tagger's roles (docs/keyer.md "Learned tagger (experiment)") -----------

def _key(pg, roles_of):
    """Records from a tagger that gave each token the role `roles_of(line text, token text)` (O if None)."""
    doc = doc_tokens([pg])
    roles = [roles_of(doc.lines[t.line].text, t.text) or "O" for t in doc.toks]
    return assemble(doc, np.eye(len(ROLES))[[ROLES.index(r) for r in roles]])[0]


def _person(*cells):
    return page(*LETTERHEAD, (62, 130, "発令日：令和７年４月１日"), (62, 190, "西川 浩一"),
                *[(x, 190, text) for x, text in zip((200, 330, 420, 500), cells)])


def test_a_post_read_in_pieces_is_given_whole_words_and_its_title_without_its_cue():
    # the tagger took 新, only 室 of 危機管理室, and the unit 生産技術研究所 without the title
    # printed in the next column: the values are whole posts, the cue left out
    tagged = {"新": "NEW", "室": "NEW", "室長": "NEW", "生産": "OLD", "技術研究所": "OLD"}
    records = _key(_person("新 危機管理室 室長", "生産技術研究所", "副所長"),
                   lambda line, tok: "NAME" if tok in ("西川", "浩一") else tagged.get(tok))
    assert [(r["new_post"], r["old_post"]) for r in records] == [("危機管理室 室長", "生産技術研究所 副所長")]


def test_an_arrow_decides_which_side_of_the_move_a_post_is():
    # both posts read as old: the arrow back from the new post says which is which
    records = _key(_person("営業部 部長 ← 総務部 次長"),
                   lambda line, tok: "NAME" if tok in ("西川", "浩一") else (None if tok == "←" else "OLD"))
    assert [(r["new_post"], r["old_post"]) for r in records] == [("営業部 部長", "総務部 次長")]


def test_a_table_row_read_as_one_post_is_split_into_its_new_and_old_columns():
    records = _key(_person("秘書・広報室", "室次長", "旭川支店", "副支店長"),
                   lambda line, tok: "NAME" if tok in ("西川", "浩一") else "NEW")
    assert [(r["new_post"], r["old_post"]) for r in records] == [("秘書・広報室 室次長", "旭川支店 副支店長")]


def test_of_the_posts_read_on_several_lines_a_person_gets_the_one_on_their_own_line():
    pg = page(*LETTERHEAD, (62, 130, "発令日：令和７年４月１日"),
              (62, 190, "西川 浩一"), (200, 190, "営業部 部長"),
              (62, 210, "総務部 次長"), (62, 230, "大野 真理"), (200, 230, "経理部 課長"))
    records = _key(pg, lambda line, tok: "NAME" if tok in ("西川", "浩一", "大野", "真理") else
                   ("NEW" if tok in ("営業部", "部長", "経理部", "課長", "総務部", "次長") else None))
    assert {r["family_name"]: r["new_post"] for r in records} == {"西川": "営業部 部長", "大野": "経理部 課長"}
