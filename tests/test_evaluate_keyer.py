"""Scoring a machine keyer against ground truth, and the evaluate_keyer command."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from dataentry.doctypes import PERSONNEL_CHANGE
from inference.evaluation import NO_FORM, REPORT_KEYS, percentile, render_pages_for_eval, score_documents, score_forms

SPEC = PERSONNEL_CHANGE
SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples" / "personnel_change"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"sample documents not found at {SAMPLES}")


def person(family, given, new_post, old_post=""):
    return {
        "effective_date": "2025-04-01", "family_name": family, "given_name": given,
        "company": "Yonyon株式会社", "family_name_kana": "", "given_name_kana": "",
        "new_post": new_post, "old_post": old_post,
    }


A = person("佐藤", "次郎", "データ部 部長", "データ部 次長")
B = person("田中", "陽子", "執行役員 購買部 部長", "購買部 部長")
C = person("髙島", "圭", "退任", "取締役")
D = person("宮﨑", "奈々", "監査役")
E = person("鈴木", "一郎", "顧問")


def test_a_perfect_keyer_scores_one_everywhere_even_with_other_spacing_and_order():
    keyed = [dict(B, new_post="執行役員　購買部　部長", effective_date="令和7年4月1日"), A]
    scores = score_documents([([A, B], keyed)], SPEC)
    assert scores["overall_field_accuracy"] == 1.0
    assert set(scores["field_accuracy"].values()) == {1.0}
    assert scores["record_exact_match"] == 1.0
    assert scores["document_exact_match"] == 1.0
    assert scores["unavailable"] == 0


def test_wrong_fields_missing_and_extra_persons_and_failures_are_all_counted():
    results = [
        ([A, B], [A, dict(B, new_post="購買部長")]),   # one wrong field
        ([C], None),                                    # keyer failed: C's 8 fields wrong
        ([D], [D, E]),                                  # E invented: 8 more wrong fields
        ([A, B], [B]),                                  # A missed: 8 wrong fields
    ]
    scores = score_documents(results, SPEC)
    # records: 2 + 1 + 2 (one extra) + 2 = 7 pairs; fields: 7 * 8 = 56
    # correct: doc1 8 + 7, doc2 0, doc3 8, doc4 8 = 31
    assert scores["overall_field_accuracy"] == pytest.approx(31 / 56)
    assert scores["field_accuracy"]["new_post"] == pytest.approx(3 / 7)  # A, D, B in doc4
    assert scores["field_accuracy"]["family_name"] == pytest.approx(4 / 7)
    assert scores["record_exact_match"] == pytest.approx(3 / 7)
    assert scores["document_exact_match"] == 0.0
    assert scores["unavailable"] == 1
    docs = scores["documents"]
    assert [(d["truth_records"], d["keyed_records"]) for d in docs] == [(2, 2), (1, None), (1, 2), (2, 1)]
    assert [(d["correct_fields"], d["total_fields"]) for d in docs] == [(15, 16), (0, 8), (8, 16), (8, 16)]
    assert [d["exact"] for d in docs] == [False, False, False, False]


def test_one_exact_document_among_two():
    scores = score_documents([([A], [A]), ([B], [dict(B, old_post="")])], SPEC)
    assert scores["document_exact_match"] == 0.5
    assert scores["field_accuracy"]["old_post"] == 0.5


def test_nothing_to_score_gives_no_fractions():
    scores = score_documents([], SPEC)
    assert scores["overall_field_accuracy"] is None
    assert scores["document_exact_match"] is None
    assert scores["field_accuracy"]["family_name"] is None


def test_a_document_with_no_persons_keyed_as_none_is_exact():
    scores = score_documents([([], [])], SPEC)
    assert scores["document_exact_match"] == 1.0
    assert scores["overall_field_accuracy"] is None


def test_percentiles_interpolate():
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == pytest.approx(25.0)
    assert percentile([10.0, 20.0, 30.0, 40.0], 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


@needs_samples
def test_render_pages_for_eval_writes_pngs_and_keeps_the_text_layer(tmp_path):
    pages = render_pages_for_eval(SAMPLES / "06.pdf", tmp_path, dpi=72)
    assert [p.number for p in pages] == [1, 2]
    for page in pages:
        assert page.image_path.read_bytes().startswith(b"\x89PNG")
        assert page.width > 0 and page.height > page.width  # A4 portrait
    truth = json.loads((SAMPLES / "06.json").read_text(encoding="utf-8"))["records"]
    text = "".join(p.text for p in pages)
    assert truth[0]["family_name"] in text.replace(" ", "").replace("\u3000", "")


def test_command_refuses_an_unknown_keyer(tmp_path):
    (tmp_path / "01.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "01.json").write_text('{"document_type": "personnel_change", "records": []}', encoding="utf-8")
    with pytest.raises(CommandError, match="unknown keyer"):
        call_command("evaluate_keyer", keyer="nosuch", dataset=str(tmp_path))


def test_command_refuses_a_dataset_without_ground_truth(tmp_path):
    (tmp_path / "01.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(CommandError, match="no ground truth"):
        call_command("evaluate_keyer", keyer="textlayer", dataset=str(tmp_path))
    with pytest.raises(CommandError, match="not a directory"):
        call_command("evaluate_keyer", keyer="textlayer", dataset=str(tmp_path / "missing"))


TEXTLAYER = Path(settings.BASE_DIR) / "inference" / "local" / "keyer.py"


@needs_samples
@pytest.mark.skipif(not TEXTLAYER.exists(), reason="inference/local/keyer.py (TextLayerKeyer) is not written yet")
def test_evaluate_keyer_command_scores_the_textlayer_keyer_on_the_samples(tmp_path):
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "manage.py", "evaluate_keyer", "--keyer", "textlayer", "--dataset", str(SAMPLES),
         "--json", str(out)],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == set(REPORT_KEYS)
    assert report["keyer"] == "textlayer"
    with open(SAMPLES / "manifest.csv", encoding="utf-8") as f:
        expected = {row["stem"]: int(row["records"]) for row in csv.DictReader(f)}
    docs = report["documents"]
    assert {d["stem"]: d["truth_records"] for d in docs} == expected
    assert set(report["field_accuracy"]) == set(SPEC.keys)
    correct = sum(d["correct_fields"] for d in docs)
    total = sum(d["total_fields"] for d in docs)
    assert report["overall_field_accuracy"] == pytest.approx(correct / total)
    assert report["unavailable"] == sum(d["keyed_records"] is None for d in docs)
    assert 0 <= report["document_exact_match"] <= 1
    if report["latency_ms"]["p50"] is not None:
        assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p95"]
    for stem in expected:
        assert stem in proc.stdout
    assert "overall field accuracy" in proc.stdout


# --- accuracy per form, when the truth names its form --------------------------------------

def test_per_form_figures_add_up_the_documents_of_each_form():
    scored = score_documents([([A, B], [A, dict(B, new_post="購買部長")]), ([C], None), ([D], [D, E]), ([A], [A])],
                             SPEC)["documents"]
    docs = [dict(d, form=f) for d, f in zip(scored, ["memo", "memo", "letter", ""])]
    forms = score_forms(docs)
    assert list(forms) == ["memo", "letter", NO_FORM]
    assert forms["memo"] == {"documents": 2, "overall_field_accuracy": pytest.approx(15 / 24),
                             "record_exact_match": pytest.approx(1 / 3), "document_exact_match": 0.0,
                             "unavailable": 1}
    assert forms["letter"]["overall_field_accuracy"] == pytest.approx(8 / 16)
    assert forms["letter"]["record_exact_match"] == pytest.approx(1 / 2)
    assert forms[NO_FORM]["document_exact_match"] == 1.0
    assert score_forms(scored) == {}  # no truth names a form: no per-form table


def test_evaluate_keyer_prints_and_writes_accuracy_per_form_of_generated_documents(tmp_path, capsys):
    samplegen = pytest.importorskip("samplegen")
    forms = (samplegen.LAYOUTS[0], samplegen.DEV_FORMS[-1], samplegen.DEV_FORMS[-2])
    samplegen.build_samples(tmp_path / "set", seed=3, count=6, forms=forms)
    out = tmp_path / "report.json"
    call_command("evaluate_keyer", keyer="textlayer", dataset=str(tmp_path / "set"), json=str(out))
    printed = capsys.readouterr().out
    report = json.loads(out.read_text(encoding="utf-8"))
    assert list(report["forms"]) == list(forms)
    for form, row in report["forms"].items():
        docs = [d for d in report["documents"] if d["form"] == form]
        assert row["documents"] == len(docs) == 2
        assert row["overall_field_accuracy"] == pytest.approx(
            sum(d["correct_fields"] for d in docs) / sum(d["total_fields"] for d in docs))
        assert row["document_exact_match"] == sum(d["exact"] for d in docs) / 2
        assert row["unavailable"] == sum(d["keyed_records"] is None for d in docs)
        line = next(ln for ln in printed.splitlines() if ln.startswith(form + " "))
        assert f"{row['overall_field_accuracy'] * 100:5.1f}%" in line
    total = sum(r["overall_field_accuracy"] * sum(d["total_fields"] for d in report["documents"] if d["form"] == f)
                for f, r in report["forms"].items())
    assert report["overall_field_accuracy"] == pytest.approx(total / sum(d["total_fields"] for d in report["documents"]))
