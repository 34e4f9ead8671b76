"""The OCR path of the machine keyer (issue 11): a scan is keyed by OCR, a born-digital PDF by
its text layer, and a machine without the OCR engine says so in one line and hands the
document to two humans. The scan is made by the corpus generator (samplegen.scan), seeded.

Needs tesserocr and Debian's Japanese data (tesseract-ocr-jpn); .ci/run installs them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import samplegen
from dataentry import services
from dataentry.comparison import compare_entries
from dataentry.doctypes import get_spec
from dataentry.models import Document, DocumentType, Entry
from inference.base import KeyerFailure, KeyerInput
from inference.keyers import get_keyer
from inference.local.ocr import ocr_unavailable
from samplegen.scan import scanned_copy

pytestmark = pytest.mark.skipif(ocr_unavailable() is not None, reason="OCR engine not installed here")

# Measured on this scan (the table_kana development form, seed 1, 300 dpi clean): 0.69; the floor
# is a little under what the keyer reads today (docs/keyer.md has the corpus figures).
FIELD_FLOOR = 0.65


@pytest.fixture(scope="session")
def clean_scan(tmp_path_factory) -> tuple[Path, list[dict]]:
    _form, pdf, truth, _pages = samplegen.build_document(1, 0)
    path = tmp_path_factory.mktemp("ocr") / "scan-table_kana.pdf"
    path.write_bytes(scanned_copy(pdf, "clean", seed=1000))
    return path, truth["records"]


def _accuracy(truth: list[dict], keyed: list[dict]) -> float:
    spec = get_spec("personnel_change")
    result = compare_entries(truth, keyed, spec)
    correct = sum(fc.agree for pair in result.pairs for fc in pair.fields)
    total = len(spec.keys) * max(len(truth), len(keyed))
    return correct / total


def _upload(path: Path) -> Document:
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    return services.document_upload(data=path.read_bytes(), filename=path.name,
                                    document_type=DocumentType.objects.get(slug="personnel_change"))


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_scan_gets_a_machine_entry_read_by_ocr_and_is_compared_with_the_operator(
        settings, people, clean_scan):
    settings.MACHINE_KEYER = "local"
    path, truth = clean_scan
    doc = _upload(path)
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.DONE, doc.machine_error
    machine = doc.entries.get(source=Entry.Source.MACHINE)
    assert machine.keyer == "local"
    assert _accuracy(truth, machine.records) >= FIELD_FLOOR

    entry = services.keying_claim_next(operator=people["operator1"])
    assert entry.document_id == doc.pk
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=truth, version=entry.version)
    doc.refresh_from_db()
    assert doc.status == Document.Status.IN_REVIEW  # compared, not re-keyed (the OCR misread a few values)

    # The reviewer's evidence: the machine's values are boxed where the OCR read them.
    from review.evidence import evidence_for_task

    evidence = evidence_for_task(doc.review_tasks.get())
    assert evidence["conflicts"]
    assert any(c["first"] for c in evidence["conflicts"])


def test_the_ocr_keyer_ignores_the_text_layer_and_gives_confidences_from_the_characters(tmp_path):
    spec = get_spec("personnel_change")
    _form, pdf, truth, _pages = samplegen.build_document(1, 0)
    path = tmp_path / "born-digital.pdf"
    path.write_bytes(pdf)
    out = get_keyer("ocr").key(KeyerInput(pdf_path=path, spec=spec))
    assert out.keyer == "ocr" and out.meta["sources"] == ["ocr"]
    assert _accuracy(truth["records"], out.records) >= FIELD_FLOOR
    assert all(0.0 <= c <= 1.0 for rec in out.confidence for c in rec.values())


def test_the_local_keyer_reads_the_text_layer_where_there_is_one(tmp_path):
    spec = get_spec("personnel_change")
    _form, pdf, truth, _pages = samplegen.build_document(1, 0)
    path = tmp_path / "born-digital.pdf"
    path.write_bytes(pdf)
    out = get_keyer("local").key(KeyerInput(pdf_path=path, spec=spec))
    assert out.meta["sources"] == ["text"]
    assert _accuracy(truth["records"], out.records) == 1.0


@pytest.mark.django_db(transaction=True)
def test_without_the_ocr_engine_a_scan_goes_to_two_humans_and_the_page_says_why(settings, client, people, clean_scan,
                                                                               tmp_path):
    settings.MACHINE_KEYER = "local"
    settings.OCR_TESSDATA_DIR = str(tmp_path)  # no Japanese data here: as on a machine without the package
    doc = _upload(clean_scan[0])
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.FAILED
    assert "OCR not installed" in doc.machine_error and "tesseract-ocr-jpn" in doc.machine_error
    assert not doc.entries.filter(source=Entry.Source.MACHINE).exists()
    client.force_login(people["manager1"])
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "OCR not installed" in page


def test_the_corpus_generator_is_reproducible_and_writes_image_only_pdfs(tmp_path):
    import pymupdf

    from samplegen.scan import build_scanset

    first = build_scanset(tmp_path / "a", profiles=("fax",), count=1)["fax"][0]
    again = build_scanset(tmp_path / "b", profiles=("fax",), count=1)["fax"][0]
    assert first.read_bytes() == again.read_bytes()
    with pymupdf.open(first) as pdf:
        assert pdf[0].get_text().strip() == ""
    assert json.loads(first.with_suffix(".json").read_text(encoding="utf-8"))["records"]


@pytest.mark.parametrize("read, meant", [
    ("信和3年4月1日付", "令和3年4月1日付"), ("念和 3 年 3 月", "令和 3 年 3 月"), ("昭和5年", "昭和5年"),
    ("平和な年", "平和な年"),
])
def test_a_misread_era_sign_is_restored_by_the_date_grammar(read, meant):
    from jptext.ocr import fix_line

    assert fix_line(read) == meant


@pytest.mark.parametrize("read, meant", [("マ一ケティング", "マーケティング"), ("口ジスティクス", "ロジスティクス"), ("工場長", "工場長"),
                                         ("力ード", "カード"), ("第二営業部", "第二営業部")])
def test_katakana_and_kanji_of_the_same_shape_are_decided_by_their_neighbours(read, meant):
    from jptext.ocr import fix_word

    assert fix_word(read) == meant
