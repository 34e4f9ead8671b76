"""The sample-document generator: reproducible PDFs whose text layer agrees with the ground truth."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import jsonschema
import pymupdf
import pytest

from samplegen import LAYOUTS, build_samples, build_scanned_sample, norm_text

ROOT = Path(__file__).resolve().parent.parent
RECORD_SCHEMA = {
    "type": "object",
    "required": ["document_type", "form", "records"],
    "additionalProperties": False,
    "properties": {
        "document_type": {"const": "personnel_change"},
        "form": {"type": "string", "minLength": 1},
        "records": {
            "type": "array", "minItems": 1, "maxItems": 12,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["effective_date", "family_name", "given_name", "company",
                             "family_name_kana", "given_name_kana", "new_post", "old_post"],
                "properties": {
                    "effective_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "family_name": {"type": "string", "pattern": r"^\S+$"},
                    "given_name": {"type": "string", "pattern": r"^\S+$"},
                    "company": {"type": "string", "minLength": 1},
                    "family_name_kana": {"type": "string", "pattern": "^[ぁ-ゖー]*$"},
                    "given_name_kana": {"type": "string", "pattern": "^[ぁ-ゖー]*$"},
                    "new_post": {"type": "string", "minLength": 1},
                    "old_post": {"type": "string"},
                },
            },
        },
    },
}
DATE_RE = re.compile(r"(令和|平成)(元|\d+)年(\d+)月(\d+)日|(\d{4})年(\d+)月(\d+)日|(\d{4})/(\d+)/(\d+)")


def printed_dates(text: str) -> set[str]:
    """Every date printed in the text (after NFKC), as ISO strings."""
    found = set()
    for m in DATE_RE.finditer(unicodedata.normalize("NFKC", text)):
        if m.group(1):
            n = 1 if m.group(2) == "元" else int(m.group(2))
            y, mo, d = n + (2018 if m.group(1) == "令和" else 1988), m.group(3), m.group(4)
        else:
            y, mo, d = (m.group(5), m.group(6), m.group(7)) if m.group(5) else (m.group(8), m.group(9), m.group(10))
        found.add(date(int(y), int(mo), int(d)).isoformat())
    return found


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> list[tuple[Path, dict, str]]:
    """(pdf, truth, text of all pages) for ten documents: every layout twice."""
    out = tmp_path_factory.mktemp("samples")
    result = []
    for pdf in build_samples(out, seed=7, count=10, forms=LAYOUTS):
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        with pymupdf.open(pdf) as doc:
            text = "".join(page.get_text() for page in doc)
        result.append((pdf, truth, text))
    return result


def manifest(directory: Path) -> list[dict]:
    with open(directory / "manifest.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_same_seed_gives_byte_identical_files(tmp_path):
    a, b, c = (build_samples(tmp_path / d, seed=s, count=5) for d, s in (("a", 3), ("b", 3), ("c", 4)))
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes()
        assert pa.with_suffix(".json").read_bytes() == pb.with_suffix(".json").read_bytes()
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]


def test_files_are_numbered_pairs_and_every_layout_appears(tmp_path):
    paths = build_samples(tmp_path, seed=1, count=5)
    assert [p.name for p in paths] == ["01.pdf", "02.pdf", "03.pdf", "04.pdf", "05.pdf"]
    assert all(p.with_suffix(".json").exists() for p in paths)
    assert {row["layout"] for row in manifest(tmp_path)} == set(LAYOUTS)


def test_layouts_show_their_distinguishing_text(samples):
    cues = {"table_kana": "旧役職", "officer_text": "役員の異動に関するお知らせ", "roster_underline": "下線部",
            "multi_date": "２．", "two_column": "発令日"}
    rows = manifest(samples[0][0].parent)
    for (pdf, truth, text), row in zip(samples, rows):
        if row["layout"] != "multi_date" or len(truth["records"]) > 1:
            assert cues[row["layout"]] in text, pdf.name
        assert int(row["records"]) == len(truth["records"])


def test_ground_truth_validates_and_is_normalised(samples):
    for pdf, truth, _ in samples:
        jsonschema.validate(truth, RECORD_SCHEMA)
        for rec in truth["records"]:
            date.fromisoformat(rec["effective_date"])
            for key, value in rec.items():
                assert value == norm_text(value), (pdf.name, key, value)
            assert not re.match(r"(現職?|当社)( |$)", rec["old_post"]), (pdf.name, rec["old_post"])
            assert not re.search(r"新任|候補|予定", rec["new_post"])
            assert (rec["family_name_kana"] == "") == (rec["given_name_kana"] == "")


def test_text_layer_prints_every_name_and_effective_date(samples):
    for pdf, truth, text in samples:
        squeezed = re.sub(r"\s+", "", text)
        dates = printed_dates(text)
        for rec in truth["records"]:
            assert rec["family_name"] + rec["given_name"] in squeezed, (pdf.name, rec["family_name"])
            assert rec["family_name"] in text
            assert rec["effective_date"] in dates, (pdf.name, rec["effective_date"])
        # The announcement / board-meeting dates are printed and are not effective dates.
        assert dates - {r["effective_date"] for r in truth["records"]}, pdf.name


def test_posts_are_printed_word_for_word(samples):
    """Each post's words appear as a run of printed words, so its spaces follow the print."""
    for pdf, truth, text in samples:
        tokens = [t for t in re.split(r"[\s()（）:：※【】]+", unicodedata.normalize("NFKC", text)) if t]
        runs = {" ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, min(i + 9, len(tokens) + 1))}
        for rec in truth["records"]:
            assert not rec["old_post"] or rec["old_post"] in runs, (pdf.name, rec["old_post"])
            # Departures print 退職/退任予定 and heading posts come from 新任…候補: not printed as such.
            if rec["new_post"] not in ("退任", "取締役", "監査役"):
                assert rec["new_post"] in runs, (pdf.name, rec["new_post"])


def test_printed_readings_match_the_kana_fields(samples):
    for pdf, truth, text in samples:
        kana = re.sub(r"\s+", "", "".join(
            chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in unicodedata.normalize("NFKC", text)))
        for rec in truth["records"]:
            if rec["family_name_kana"]:
                assert rec["family_name_kana"] + rec["given_name_kana"] in kana, pdf.name


def test_variety_across_a_set(samples):
    everything = "".join(text for _, _, text in samples)
    values = [r for _, t, _ in samples for r in t["records"]]
    assert any(r["new_post"] == "退任" for r in values)
    assert any(r["old_post"] == "" for r in values)
    assert any(" 兼 " in r["new_post"] for r in values)
    assert "\u3000" in everything and re.search(r"[ｦ-ﾟ]", everything) and re.search(r"[０-９]", everything)
    assert len({r["effective_date"] for r in values}) > 3


def test_roster_lists_unchanged_people_who_are_not_records(samples):
    rows = manifest(samples[0][0].parent)
    for (pdf, truth, text), row in zip(samples, rows):
        if row["layout"] == "roster_underline":
            with pymupdf.open(pdf) as doc:
                underlines = [d for page in doc for d in page.get_drawings()
                              if d["rect"].height < 1 and d["rect"].width < 200 and d["rect"].y0 > 100]
            name_lines = [ln for ln in text.splitlines() if re.fullmatch(r"[ぁ-ゖァ-ヺー]+[ 　][ぁ-ゖァ-ヺー]+", ln)]
            assert len(name_lines) > len(truth["records"])
            assert len(underlines) >= len(truth["records"])


def test_two_column_records_go_down_the_left_column_first(samples):
    rows = manifest(samples[0][0].parent)
    for (pdf, truth, _), row in zip(samples, rows):
        if row["layout"] == "two_column" and len(truth["records"]) > 1:
            with pymupdf.open(pdf) as doc:
                page = doc[0]
                xs = [page.search_for(r["family_name"])[0].x0 for r in truth["records"]]
                mid = page.rect.width / 2
            half = (len(xs) + 1) // 2
            assert max(xs[:half]) < mid < min(xs[half:])


def test_every_page_renders_with_ink(samples):
    for pdf, _, _ in samples:
        with pymupdf.open(pdf) as doc:
            for page in doc:
                pix = page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY)
                assert min(pix.samples) < 100, pdf.name


def test_scanned_sample_is_an_image_without_text(tmp_path):
    path = build_scanned_sample(tmp_path / "scan.pdf")
    with pymupdf.open(path) as doc:
        assert doc.page_count == 1
        page = doc[0]
        assert page.get_text().strip() == ""
        assert len(page.get_images()) == 1
        assert min(page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY).samples) < 100
    assert build_scanned_sample(tmp_path / "again.pdf").read_bytes() == path.read_bytes()


def test_command_line_works_without_django_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-m", "samplegen", str(tmp_path), "--seed", "2", "--count", "3"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["01.pdf", "02.pdf", "03.pdf"]
