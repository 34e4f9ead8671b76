"""Every form of the sample generator, development and held-out, prints a real PDF whose truth follows
the rules of samples/README.md (eight string fields, ISO dates, hiragana readings, normalised values)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from jptext import find_dates, parse_date, squeeze, to_hiragana
from samplegen import DEV_FORMS, DEV_SET, LAYOUTS, build_document, norm_text
from samplegen.heldout import HELD_OUT_SET

ROOT = Path(__file__).resolve().parent.parent
ALL_FORMS = [(DEV_SET, f) for f in DEV_FORMS] + [(HELD_OUT_SET, f) for f in HELD_OUT_SET.forms]

KEYS = ["effective_date", "family_name", "given_name", "company", "family_name_kana", "given_name_kana",
        "new_post", "old_post"]
SEEDS = (5, 23)


def _documents(form_set, form: str):
    for seed in SEEDS:
        for index in range(2):
            yield form_set.build_document(seed, index, (form,))


def check_truth(truth: dict, form: str) -> list[str]:
    """What is wrong with a truth file by the README's rules ([] when nothing)."""
    problems = []
    if list(truth) != ["document_type", "form", "records"] or truth["document_type"] != "personnel_change":
        problems.append(f"top-level keys {list(truth)}")
    if truth.get("form") != form:
        problems.append(f"form {truth.get('form')!r}")
    if not truth.get("records"):
        problems.append("no records")
    for i, rec in enumerate(truth.get("records", [])):
        where = f"record {i + 1}"
        if list(rec) != KEYS or not all(isinstance(v, str) for v in rec.values()):
            problems.append(f"{where}: keys or types {rec}")
            continue
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["effective_date"]) or parse_date(rec["effective_date"]) is None:
            problems.append(f"{where}: effective_date {rec['effective_date']!r}")
        for key in ("family_name", "given_name", "company", "new_post"):
            if not rec[key]:
                problems.append(f"{where}: empty {key}")
        for key in ("family_name", "given_name"):
            if re.search(r"\s", rec[key]):
                problems.append(f"{where}: space in {key}")
        for key in ("family_name_kana", "given_name_kana"):
            if not re.fullmatch("[ぁ-ゖー]*", rec[key]):
                problems.append(f"{where}: {key} {rec[key]!r} is not hiragana")
        if (rec["family_name_kana"] == "") != (rec["given_name_kana"] == ""):
            problems.append(f"{where}: half a reading")
        for key, value in rec.items():
            if value != norm_text(value):
                problems.append(f"{where}: {key} {value!r} is not normalised")
        if re.match(r"(現職?|当社)( |$)", rec["old_post"]):
            problems.append(f"{where}: old_post keeps its prefix {rec['old_post']!r}")
        if re.search("新任|候補|予定", rec["new_post"]):
            problems.append(f"{where}: new_post {rec['new_post']!r}")
    return problems


def test_at_least_twelve_development_forms_with_the_five_classic_layouts_first():
    assert len(DEV_FORMS) >= 12 and len(set(DEV_FORMS)) == len(DEV_FORMS)
    assert DEV_FORMS[:5] == LAYOUTS


@pytest.mark.parametrize(("form_set", "form"), ALL_FORMS, ids=[f for _s, f in ALL_FORMS])
def test_each_form_prints_a_pdf_with_a_text_layer_and_rule_abiding_truth(form_set, form):
    shapes = set()
    for name, pdf, truth, pages in _documents(form_set, form):
        assert name == form
        assert check_truth(truth, form) == []
        with pymupdf.open("pdf", pdf) as doc:
            assert doc.page_count == pages
            texts = [page.get_text() for page in doc]
        assert all(t.strip() for t in texts), "a page without a text layer"
        text = "".join(texts)
        squeezed = squeeze(text)
        printed = {m.date for m in find_dates(text)}
        kana = squeeze(to_hiragana(text))
        for rec in truth["records"]:
            assert rec["family_name"] + rec["given_name"] in re.sub(r"\s+", "", text), rec
            assert parse_date(rec["effective_date"]) in printed, rec["effective_date"]
            for key in ("new_post", "old_post"):
                if rec[key] != "退任":  # a departure may be printed as 退職 / 退任予定 / ―
                    # Word by word: side-by-side columns interleave the lines of a wrapped cell.
                    assert all(word in squeezed for word in rec[key].split()), (key, rec[key])
            if rec["family_name_kana"]:
                assert rec["family_name_kana"] + rec["given_name_kana"] in kana, rec
        shapes.add((len(truth["records"]), pages))
    assert len(shapes) > 1, "four documents of one form all have the same size"


@pytest.mark.parametrize(("form_set", "form"), ALL_FORMS, ids=[f for _s, f in ALL_FORMS])
def test_each_form_is_deterministic_for_a_seed(form_set, form):
    assert form_set.build_document(9, 0, (form,)) == form_set.build_document(9, 0, (form,))
    assert form_set.build_document(9, 0, (form,))[1] != form_set.build_document(10, 0, (form,))[1]


def words_in_common(mine, other) -> dict:
    """The surnames, given names, companies (own or group) and departments two sets' vocabularies
    share, by kind; empty when a held-out set really uses other words."""
    def companies(vocab) -> set:
        return set(vocab.companies) | set(vocab.group_companies)

    common = {
        "families": {f for f, _k in mine.families} & {f for f, _k in other.families},
        "givens": {g for g, _k in mine.givens} & {g for g, _k in other.givens},
        "companies": companies(mine) & companies(other),
        "depts": {d for d, _k in mine.depts} & {d for d, _k in other.depts},
    }
    return {kind: words for kind, words in common.items() if words}


def test_held_out_forms_are_other_forms_with_other_people_and_companies():
    assert len(HELD_OUT_SET.forms) >= 4 and not set(HELD_OUT_SET.forms) & set(DEV_FORMS)
    assert not words_in_common(HELD_OUT_SET.vocab, DEV_SET.vocab)


def test_held_out_command_writes_pdfs_and_truth_naming_their_forms(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-m", "samplegen.heldout", str(tmp_path), "--count", "6", "--seed", "3"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.glob("*.json"))]
    assert len(truths) == 6 and len(list(tmp_path.glob("*.pdf"))) == 6
    assert [t["form"] for t in truths] == [*HELD_OUT_SET.forms, *HELD_OUT_SET.forms][:6]
    refused = subprocess.run([sys.executable, "-m", "samplegen.heldout", str(tmp_path / "x"), "--forms", "table_kana"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "unknown form(s) table_kana" in refused.stderr


def test_the_development_set_shows_the_variety_the_keyer_must_handle():
    docs = [build_document(4, i) for i in range(3 * len(DEV_FORMS))]
    text = "".join(page.get_text() for _n, pdf, _t, _p in docs for page in pymupdf.open("pdf", pdf))
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("令和元年", "〃", "就任", "任命", "退任", "備考", "新任", "当社"):
        assert printed in text, printed
    assert any(arrow in text for arrow in "→⇒▶"), "no old → new arrow"
    assert re.search(r"\d{4}/\d{2}/\d{2}", text) and re.search(r"R\d+\.\d+\.\d+", text)
    assert re.search(r"[ｦ-ﾟ]", text) and re.search(r"[０-９]", text)
    assert re.search(r"[^\s　]\u3000{2,}[^\s　]", text), "no name padded to equal width"
    assert {"髙", "﨑", "邊", "齋"} & set("".join(r["family_name"] for r in records))
    assert len({r["company"] for r in records}) > 3
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert len({r["effective_date"] for r in records}) > 5


def test_arrow_lines_dates_each_person_by_the_heading_printed_above_them():
    # The second heading's date was once drawn per person, giving truth dates no heading prints.
    for seed in range(8):
        name, pdf, truth, _pages = DEV_SET.build_document(seed, 0, ("arrow_lines",))
        with pymupdf.open("pdf", pdf) as doc:
            text = "".join(page.get_text() for page in doc)
        headings = [m.date for m in find_dates(text) if text[m.end:].lstrip().startswith("付")]
        assert {parse_date(r["effective_date"]) for r in truth["records"]} <= set(headings), seed
        last = None
        for rec in truth["records"]:  # in reading order the dates follow the headings' order
            assert last is None or parse_date(rec["effective_date"]) >= last
            last = parse_date(rec["effective_date"])
