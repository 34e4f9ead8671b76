"""Every development form of the sample generator prints a real PDF whose truth follows the rules
of samples/README.md (eight string fields, ISO dates, hiragana readings, normalised values)."""
from __future__ import annotations

import re
import unicodedata

import pymupdf
import pytest

from dataentry.normalization import parse_date
from samplegen import DEV_FORMS, LAYOUTS, build_document, norm_text

KEYS = ["effective_date", "family_name", "given_name", "company", "family_name_kana", "given_name_kana",
        "new_post", "old_post"]
# Any printed date: 2025年4月1日, 2025/04/01, 2025.4.1, 令和 7年 4月 1日, 令和元年…, R7.4.1, H31.4.1.
DATE = re.compile(r"(?:令和|平成|[RH])\s*(?:元|\d{1,2})\s*[年.]\s*\d{1,2}\s*[月.]\s*\d{1,2}日?"
                  r"|\d{4}\s*[年/.]\s*\d{1,2}\s*[月/.]\s*\d{1,2}日?")
SEEDS = (5, 23)


def _kana(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", "".join(chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in s))


def _documents(form: str):
    for seed in SEEDS:
        for index in range(2):
            yield build_document(seed, index, forms=(form,))


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


@pytest.mark.parametrize("form", DEV_FORMS)
def test_each_form_prints_a_pdf_with_a_text_layer_and_rule_abiding_truth(form):
    shapes = set()
    for name, pdf, truth, pages in _documents(form):
        assert name == form
        assert check_truth(truth, form) == []
        with pymupdf.open("pdf", pdf) as doc:
            assert doc.page_count == pages
            texts = [page.get_text() for page in doc]
        assert all(t.strip() for t in texts), "a page without a text layer"
        text = "".join(texts)
        squeezed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
        printed = {parse_date(re.sub(r"\s+", "", m.group())) for m in DATE.finditer(unicodedata.normalize("NFKC", text))}
        kana = _kana(text)
        for rec in truth["records"]:
            assert rec["family_name"] + rec["given_name"] in re.sub(r"\s+", "", text), rec
            assert parse_date(rec["effective_date"]) in printed, rec["effective_date"]
            for key in ("new_post", "old_post"):
                if rec[key] != "退任":  # a departure may be printed as 退職 / 退任予定 / ―
                    assert rec[key].replace(" ", "") in squeezed, (key, rec[key])
            if rec["family_name_kana"]:
                assert rec["family_name_kana"] + rec["given_name_kana"] in kana, rec
        shapes.add((len(truth["records"]), pages))
    assert len(shapes) > 1, "four documents of one form all have the same size"


@pytest.mark.parametrize("form", DEV_FORMS)
def test_each_form_is_deterministic_for_a_seed(form):
    assert build_document(9, 0, forms=(form,)) == build_document(9, 0, forms=(form,))
    assert build_document(9, 0, forms=(form,))[1] != build_document(10, 0, forms=(form,))[1]


def test_the_development_set_shows_the_variety_the_keyer_must_handle():
    docs = [build_document(4, i) for i in range(3 * len(DEV_FORMS))]
    text = "".join(page.get_text() for _n, pdf, _t, _p in docs for page in pymupdf.open("pdf", pdf))
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("令和元年", "〃", "就任", "任命", "退任", "備考", "新任", "→", "当社"):
        assert printed in text, printed
    assert re.search(r"\d{4}/\d{2}/\d{2}", text) and re.search(r"R\d+\.\d+\.\d+", text)
    assert re.search(r"[ｦ-ﾟ]", text) and re.search(r"[０-９]", text)
    assert re.search(r"[^\s　]\u3000{2,}[^\s　]", text), "no name padded to equal width"
    assert {"髙", "﨑", "邊", "齋"} & set("".join(r["family_name"] for r in records))
    assert len({r["company"] for r in records}) > 3
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert len({r["effective_date"] for r in records}) > 5
