"""The OCR path of the machine keyer (issue 11): a scan is keyed by OCR, a born-digital PDF by
its text layer, and a machine without the OCR engine says so in one line and hands the
document to two humans. The scan is made by the corpus generator (samplegen.scan), seeded.

Needs tesserocr and Debian's Japanese data (tesseract-ocr-jpn); .ci/run installs them.
"""
from __future__ import annotations

import io
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

# Measured on this scan (the table_kana development form, seed 1, 300 dpi clean): 0.958 with the
# fetched `best` model, 0.875 with Debian's `fast` one (0.69 with `jpn` alone); the floor holds with
# either, as the suite may run where the model was not fetched (docs/keyer.md has the corpus figures).
FIELD_FLOOR = 0.8


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

    # The operator mistypes a post the machine read right (the OCR now misses only empty readings
    # here, which have nothing to box).
    read_right = next(t for t in truth for m in machine.records
                      if (m["family_name"], m["given_name"], m["new_post"]) == (t["family_name"], t["given_name"], t["new_post"]))
    keyed = [dict(t, new_post=t["new_post"] + " 兼 総務部 部長") if t is read_right else t for t in truth]
    entry = services.keying_claim_next(operator=people["operator1"])
    assert entry.document_id == doc.pk
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=keyed, version=entry.version)
    doc.refresh_from_db()
    assert doc.status == Document.Status.IN_REVIEW  # compared, not re-keyed

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


@pytest.mark.parametrize("read, meant", [
    ("氏名 柳田 亮介 発今日 2019/06/15", "氏名 柳田 亮介 発令日 2019/06/15"), ("異動を発念します。", "異動を発令します。"),
    ("発金 日", "発令 日"),
    ("発信日 2019/06/01", "発信日 2019/06/01"),  # 発信日 is a word (the sending date): left as read
    ("金日", "金日"),
])
def test_a_misread_rei_after_hatsu_is_restored_where_only_hatsurei_is_a_word(read, meant):
    from jptext.ocr import fix_line

    assert fix_line(read) == meant


def _key_scan(tmp_path, seed: int, index: int, profile: str) -> tuple[list[dict], list[dict]]:
    """A development form as the corpus prints it (samplegen.scan: seed, document index, profile),
    keyed by the local keyer: (truth records, keyed records)."""
    _form, pdf, truth, _pages = samplegen.build_document(seed, index, forms=samplegen.DEV_FORMS)
    path = tmp_path / f"scan-{seed}-{index}-{profile}.pdf"
    path.write_bytes(scanned_copy(pdf, profile, seed=seed * 1000 + index))
    out = get_keyer("local").key(KeyerInput(pdf_path=path, spec=get_spec("personnel_change")))
    assert out.meta["sources"] == ["ocr"]
    return truth["records"], out.records


def test_a_fax_quality_scan_keys_the_names_and_dates(tmp_path):
    # officer_text, seed 1, 200×100 dpi bilevel: 0.38 of the fields before bilevel pages were
    # smoothed and the script model joined, 0.83 now. Bilevel pages are read with Debian's `fast`
    # model even where the `best` one is fetched: with it this page read 0.54 (翔太 → 痢大), and the
    # fax corpus no better and slower (docs/keyer.md, "OCR").
    truth, keyed = _key_scan(tmp_path, 1, 1, "fax")
    assert _accuracy(truth, keyed) >= 0.75
    read = {(r["family_name"], r["given_name"], r["effective_date"]) for r in keyed}
    right = [t for t in truth if (t["family_name"], t["given_name"], t["effective_date"]) in read]
    assert len(right) >= len(truth) - 1


def test_a_fax_is_read_from_its_own_pixels_scaled_smoothly(tmp_path):
    # mail_bullets, seed 1, 200×100 dpi bilevel: MuPDF draws each fax pixel as a block three rows
    # tall; the page's own image scaled with a Lanczos filter (then smoothed) keys 0.84 of the
    # fields, 0.64 from MuPDF's drawing.
    truth, keyed = _key_scan(tmp_path, 1, 15, "fax")
    assert _accuracy(truth, keyed) >= 0.75


def test_a_fax_page_is_recognised_as_bilevel_and_a_greyscale_scan_or_a_born_digital_page_is_not(tmp_path):
    import pymupdf

    from inference.local.ocr import bilevel_scan

    _form, pdf, _truth, _pages = samplegen.build_document(1, 0)
    with pymupdf.open("pdf", scanned_copy(pdf, "fax", seed=1)) as fax, \
            pymupdf.open("pdf", scanned_copy(pdf, "clean", seed=1)) as clean, pymupdf.open("pdf", pdf) as digital:
        assert bilevel_scan(fax[0]) and not bilevel_scan(clean[0]) and not bilevel_scan(digital[0])


def test_boxed_labels_of_a_card_form_are_read_and_its_cards_keyed(tmp_path):
    # card_rows, seed 7, clean: the labels (氏名, 発令日) in shaded boxes were not read at all while
    # the boxes' vertical rules were in the engine's image, and 発令日 read as 発今日/発金日: 0.0 before,
    # 0.61 now.
    truth, keyed = _key_scan(tmp_path, 7, 16, "clean")
    assert _accuracy(truth, keyed) >= 0.5
    assert sum(1 for r in keyed if r["effective_date"]) >= len(truth) // 2


def test_a_table_rule_beside_a_number_column_is_not_read_into_the_names(tmp_path):
    # paged_roster, seed 1, clean: the rule after the row number was read as "|" and the name
    # became "1|" (given name: the whole name).
    truth, keyed = _key_scan(tmp_path, 1, 8, "clean")
    assert not any("|" in v for r in keyed for v in r.values())
    names = {(r["family_name"], r["given_name"]) for r in keyed}
    assert sum((t["family_name"], t["given_name"]) in names for t in truth) >= len(truth) // 2


def _fetch_script():
    import importlib.util

    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location("fetch_ocr_model", REPO / "scripts" / "fetch_ocr_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_model_download_that_is_not_the_pinned_tarball_is_refused():
    import gzip
    import hashlib
    import io
    import tarfile

    fetch = _fetch_script()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:  # the model's path in the package, other bytes
        data = gzip.compress(b"not the model")
        info = tarfile.TarInfo(fetch.MEMBER)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(ValueError, match="not the pinned"):
        fetch.unpack(buf.getvalue())
    # the digest decides: the same tarball unpacks when it is the one pinned
    assert fetch.unpack(buf.getvalue(), sha256=hashlib.sha256(buf.getvalue()).hexdigest()) == b"not the model"


def test_the_fetched_best_model_reads_scans_better_and_debians_model_still_keys_them_without_it(settings, tmp_path):
    # table_kana, seed 1, clean 300 dpi: 46/48 fields with the best model, 42/48 with Debian's fast one
    # before weak runs and uncovered ink were read again as single lines, 46/48 with both since
    # (docs/keyer.md, "OCR"; the corpus comparison of the two models predates that round).
    from inference.local.ocr import TESSDATA_DIRS, tessdata_dir

    if not (settings.OCR_MODEL_DIR / "jpn.traineddata").is_file():
        pytest.skip("the best model is not fetched here (make ocr-models)")
    assert tessdata_dir() == str(settings.OCR_MODEL_DIR)
    truth, best = _key_scan(tmp_path, 1, 0, "clean")
    settings.OCR_MODEL_DIR = tmp_path / "not-fetched"
    assert tessdata_dir() in TESSDATA_DIRS
    _truth, fast = _key_scan(tmp_path, 1, 0, "clean")
    assert _accuracy(truth, fast) >= FIELD_FLOOR
    assert _accuracy(truth, best) >= 0.95 and _accuracy(truth, best) >= _accuracy(truth, fast)


def test_a_date_printed_in_full_width_digits_is_read_as_one_date(tmp_path):
    # group_companies, seed 1, clean: （２０１９年１０月１日付） was read "201 9年1 0月1 日付" (the full-width 1
    # leaves half an em of paper on either side) and every record took the letter's date instead.
    truth, keyed = _key_scan(tmp_path, 1, 11, "clean")
    assert len(keyed) == len(truth)
    assert [r["effective_date"] for r in keyed] == [t["effective_date"] for t in truth]



@pytest.mark.parametrize("read, meant", [("エT本部", "IT本部"), ("工T本部", "IT本部"), ("IエT本部", "IT本部"),
                                         ("エンジニア", "エンジニア"), ("工場長", "工場長"), ("DX推進室", "DX推進室")])
def test_a_serifed_full_width_i_read_as_e_before_a_capital_is_restored(read, meant):
    from jptext.ocr import fix_word

    assert fix_word(read) == meant


@pytest.mark.parametrize("read, meant", [("1T本部", "IT本部"), ("旧:1T本部", "旧:IT本部"), ("1T本部長", "IT本部長"), ("1Tシステム部", "ITシステム部"),
                                         ("1F会議室", "1F会議室"), ("1T", "1T"), ("12T本部", "12T本部"),
                                         ("1Tマニュアル", "1Tマニュアル")])
def test_a_units_serifed_i_read_as_one_before_a_capital_is_restored(read, meant):
    # fax seed 1: ＩＴ本部 read 1T本部 (the old post lost in three documents). A unit or title of the post
    # grammar does not begin with 1 straight before a capital; a floor (1F) would.
    from inference.local.ocr import _latin_unit

    assert _latin_unit(read) == meant


@pytest.mark.parametrize("read, meant", [("一部長", "副部長"), ("一支店長", "副支店長"), ("一センター長", "副センター長"),
                                         ("第一部長", "第一部長"), ("営業一部長", "営業一部長"), ("一部", "一部")])
def test_a_deputy_title_read_with_one_for_fuku_is_restored_where_no_word_begins_so(read, meant):
    from jptext.ocr import fix_word

    assert fix_word(read) == meant


def _scanned_lines(tmp_path, lines: list[str], size: float = 10.5, profile: str = "clean", seed: int = 11):
    """A page printing `lines` (PyMuPDF's Japanese font), scanned at 300 dpi as the corpus does,
    read by the OCR: the words of each printed line, top to bottom."""
    import pymupdf

    from inference.local.ocr import ocr_page

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, text in enumerate(lines):
        page.insert_text((60, 80 + i * 2.2 * size), text, fontname="japan", fontsize=size)
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), profile, seed=seed)) as scan:
        layout = ocr_page(scan[0])
    rows: dict[int, list] = {}
    for w in layout.words:
        rows.setdefault(round((w.y0 + w.y1) / 2 / (2.2 * size)), []).append(w)
    return [[w.text for w in sorted(ws, key=lambda w: w.x0)] for _k, ws in sorted(rows.items())]


def test_marks_the_engine_misreads_are_read_from_the_shape_of_their_ink(tmp_path):
    # The `best` model reads the ditto mark 〃 as "7", the arrow → as "っ", ▶ as "ぃ"/"»"/"+" and the
    # section mark ■ as "m" (group_companies and arrow_lines, clean scans). A lone glyph whose ink
    # is two short strokes side by side, a shaft with a head, a right-pointing triangle or a filled
    # square is read as that mark.
    lines = _scanned_lines(tmp_path, [
        "■ 2025年4月1日付",
        "・山田　太郎　営業部　係長　→ 営業部　課長",
        "・佐藤　花子　総務部　課長　▶ 総務部　部長",
        "当社　　　 林　浩　　　 取締役",
        "〃　　　　 森　健一　　 監査役",
        "・田中　一　総務部　係長　→ 総務部　課長",
    ])
    assert lines[0][0] == "■"
    assert "→" in lines[1] and ">" not in "".join(lines[1])
    assert "▶" in lines[2]
    assert lines[4][0] == "〃"
    assert lines[5][:2] == ["・田中", "一"]  # a kanji is never taken for a mark


def test_a_fax_arrow_whose_shaft_broke_into_dots_is_read_from_its_ink(tmp_path):
    # arrow_lines, fax seed 1: at 100 dpi the arrow's thin shaft comes out as dots of a pixel or two and
    # short dashes, and the engine read → as っ, ふ, …, > (55/80 fields). A filled head pointing right
    # with pieces of a shaft level with its middle on its left is an arrow.
    posts = [("営業部　係長", "営業部　課長"), ("（新規採用）", "人事部　部長"), ("東京支店　副支店長", "東京支店　課長"),
             ("総務部　係長", "総務部　副部長"), ("製造部　課長代理", "製造部　課長"), ("（新規採用）", "大阪支店　課長")]
    names = ["・村上　陽子", "・竹内　太郎", "・佐藤　達也", "・清水　誠", "・森　順子", "・後藤　誠"]
    lines = _scanned_lines(tmp_path, [f"{n}　{old}　→ {new}" for n, (old, new) in zip(names, posts)],
                           profile="fax", seed=13)
    assert len(lines) == 6
    assert sum("→" in words for words in lines) >= 5


def test_dotted_arrow_needs_a_head_and_a_shaft_level_with_it():
    import numpy as np

    from inference.local.ocr import Symbol, _mark

    em = 45.0
    ink = np.zeros((46, 200), dtype=bool)
    for x in range(0, 11):  # a filled head pointing right, 17 rows tall, 10 wide
        half = round(8.5 * (1 - x / 10))
        ink[27 - half:28 + half, 64 + x] = True
    arrow = ink.copy()
    for x0, x1 in ((46, 49), (52, 55), (58, 62)):  # the shaft's dots
        arrow[26:29, x0:x1] = True
    glyph = Symbol("っ", 60, 18, 76, 36, 0.9, 1, 0, 45, True)
    assert _mark(arrow, glyph, 0, 45, em)[0] == "→"
    assert _mark(ink, glyph, 0, 45, em) is None  # a head alone (〉, >) is no arrow
    low = ink.copy()
    for x0, x1 in ((46, 49), (52, 55), (58, 62)):  # dots at the foot of the line, not level with the head
        low[40:43, x0:x1] = True
    assert _mark(low, glyph, 0, 45, em) is None


def test_a_name_set_between_two_lines_is_read_again_on_its_own(tmp_path):
    # jirei_stacked (clean scans): the name stands to the right, half-way between the 【新】 and 【旧】
    # lines; the page's layout analysis cut it into halves of both lines and read "8", "ンー", "N D"
    # (13/64 fields, seed 1). A run read with little confidence is read again alone as one line.
    # On this page: 3 of the 8 names read whole before, 7 now.
    import pymupdf

    from inference.local.ocr import ocr_page

    names = ["橋本　　　圭", "森　　美穂", "藤井　　　博", "岡本　順子", "加藤　　　圭", "高木　達也", "井上　達也", "山田　陽子"]
    posts = [("経理部　副部長", "東京支店　副支店長"), ("DX推進室　室長　兼　経理部　次長", "DX推進室　室長"),
             ("退任", "経営企画室　室長"), ("購買部　課長代理　兼　物流センター　センター長", "購買部　課長代理")] * 2
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 200
    for name, (new, old) in zip(names, posts):
        first = y + 17
        for label, post in (("【新】", new), ("【旧】", old)):
            y += 17
            page.insert_text((57, y), label, fontname="japan", fontsize=10.5)
            page.insert_text((100, y), post, fontname="japan", fontsize=10.5)
        page.insert_text((472, (first + y) / 2 + 2), name, fontname="japan", fontsize=11)
        y += 9
        page.draw_line((57, y), (538, y), color=(0.5, 0.5, 0.5), width=0.4, dashes="[2] 0")
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "clean", seed=3)) as scan:
        words = {w.text for w in ocr_page(scan[0]).words if w.x0 > 400}
    assert sum(all(part in words for part in name.split()) for name in names) >= 6


def test_a_boxed_label_is_one_word_though_the_engine_boxed_a_glyph_over_the_blank_beside_it(tmp_path):
    # card_rows (clean scans): the engine boxed 日 of a shaded 発令日 label over the blank after it and
    # the cell's rule, so the blank inside the box was taken for a space and the label came apart
    # ("発令 | 日"), no longer a label. A run over no ink joins the run whose glyphs it touches.
    import pymupdf

    from inference.local.ocr import ocr_page

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    rows = [("氏名", "加藤　彩", "発令日", "２０２５年４月１日"), ("新所属", "マーケティング部　次長", "旧所属", "マーケティング部　係長"),
            ("氏名", "井上　隆", "発令日", "２０２５年４月１５日"), ("新所属", "購買部　次長", "旧所属", "購買部　係長")]
    y = 150
    for label, value, label2, value2 in rows:
        for x0, x1, shaded in ((57, 110, True), (110, 300, False), (300, 350, True), (350, 538, False)):
            page.draw_rect(pymupdf.Rect(x0, y, x1, y + 26), color=(0, 0, 0), width=0.8,
                           fill=(0.85, 0.85, 0.85) if shaded else None)
        for x, text, bold in ((65, label, True), (115, value, False), (306, label2, True), (356, value2, False)):
            page.insert_text((x, y + 17), text, fontname="japan", fontsize=10.5, render_mode=2 if bold else 0,
                             border_width=0.03)
        y += 26
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "clean", seed=5)) as scan:
        words = [w.text for w in ocr_page(scan[0]).words]
    assert words.count("発令日") == 2 and "発令" not in words


def test_a_line_the_engines_layout_analysis_skipped_is_found_by_its_ink_and_read(tmp_path):
    # card_rows, seed 1, clean: the first card's line 氏名 | 山﨑 美穂 | 発令日 gave no symbol at all (the
    # kana above it and the date beside it were read), so the first person was not keyed. Ink no
    # symbol covers is read as a line of its own.
    import pymupdf

    from inference.local.ocr import ocr_page

    _form, pdf, truth, _pages = samplegen.build_document(1, 16, forms=samplegen.DEV_FORMS)
    with pymupdf.open("pdf", scanned_copy(pdf, "clean", seed=1016)) as scan:
        words = [w.text for w in ocr_page(scan[0]).words]
    first = truth["records"][0]
    assert first["given_name"] in words
    assert words.count("氏名") >= 5


def test_a_short_word_alone_in_its_crop_on_a_fax_is_read(tmp_path):
    # kv_blocks, fax seed 1: the page's reading dropped 佐藤, 副室長 and 課長 (a family name and two posts),
    # and read alone as a line (PSM 7) each came back as nothing, so two persons lost their posts. Read
    # as one word (PSM 8) where a line gives nothing, each is read whole. On this scan 副室長 and 室長 come
    # back empty as lines.
    import pymupdf
    from PIL import Image, ImageFilter

    from inference.local import ocr

    printed = ["課長", "佐藤", "副室長", "部長", "次長", "係長", "室長", "山田"]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, w in enumerate(printed):
        page.insert_text((150, 100 + i * 30), w, fontname="japan", fontsize=10.5)
    k = 300 / 72
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "fax", seed=3)) as scan:
        box = (scan[0].rect * pymupdf.Matrix(k, k)).round()
        image = ocr._upscaled(scan[0], (box.width, box.height)).filter(ImageFilter.GaussianBlur(ocr.BILEVEL_BLUR))
    read = []
    for i, w in enumerate(printed):
        y = (100 + i * 30) * k
        x0, y0, x1, y1 = int(148 * k), int(y - 11 * k), int((152 + 10.5 * len(w)) * k), int(y + 3 * k)
        crop = Image.new("L", (x1 - x0 + 24, y1 - y0 + 24), 255)
        crop.paste(image.crop((x0, y0, x1, y1)), (12, 12))
        read.append("".join(s.c for s in ocr._line_symbols(crop, ocr.tessdata_dir(bilevel=True))))
    assert read == printed


def test_a_glyph_the_engine_boxed_as_a_sliver_under_its_line_stays_in_its_line():
    # card_rows, fax seed 1: the engine read the bold 発令日 of the first card with its 日 boxed 4 px tall
    # at the foot of the row; the 日 made a line of its own between the card's two rows, the card came
    # apart and its posts were lost. A letter a quarter of its engine line tall and four times as wide
    # as tall stands on the line's band; a flat glyph (一, ー) keeps its box.
    from inference.local.ocr import Symbol, _words

    def sym(c, x0, y0, x1, y1, line=5):
        return Symbol(c, x0, y0, x1, y1, 0.95, line, 674, 768, False)

    symbols = [sym("氏", 309, 696, 341, 735), sym("名", 343, 696, 375, 735), sym("山", 478, 698, 512, 735),
               sym("田", 518, 698, 557, 735), sym("発", 1245, 698, 1280, 735), sym("令", 1282, 698, 1316, 735),
               sym("日", 1318, 764, 1376, 768), sym("一", 1500, 714, 1535, 718)]
    words = _words(symbols, 72 / 300)
    assert len({(round(w.y0), round(w.y1)) for w in words}) == 1  # one line
    assert any(w.text.startswith("発令") and w.text.endswith("日") for w in words)


def test_variant_kanji_the_models_lack_are_read_from_the_shape_of_their_ink_and_plain_ones_stay(tmp_path):
    # No model has 髙, 﨑, 栁, 德 or 濵 (truth keeps the printed variant: 入力ルール), and the
    # `best` model reads 直樹 as 真樹 (太田 as 大田, 留任 as 劉任). A kanji read as one of a look-alike set is compared with the
    # shapes of the set and read as the one its ink shows; a name printed plain stays plain.
    lines = _scanned_lines(tmp_path, [
        "・髙木　直樹　営業部　課長",
        "・高木　真樹　営業部　課長",
        "・宮﨑　美穂　総務部　部長",
        "・宮崎　美穂　総務部　部長",
        "・徳永　栁田　濵田",
        "・渡辺　德永　柳田　浜田",
        "・太田　恵美　大阪支店　支店長",
    ])
    text = ["".join(line) for line in lines]
    assert "髙木" in text[0] and "直樹" in text[0]
    assert "高木" in text[1] and "真樹" in text[1]
    assert "宮﨑" in text[2] and "宮崎" in text[3]
    assert "徳永" in text[4] and "栁田" in text[4] and "濵田" in text[4]
    assert "渡辺" in text[5] and "德永" in text[5] and "柳田" in text[5] and "浜田" in text[5]
    assert "太田" in text[6] and "大阪支店" in text[6]


def test_a_date_with_points_is_read_as_one_date(tmp_path):
    # The engine boxes a point at the foot of the line, off its centre: 2024.12.16 came apart as
    # "20241216" and ". ." on a line of their own (merged_dates), and no record had its date.
    lines = _scanned_lines(tmp_path, ["髙橋　達也　物流センター　センター長　2024.12.16",
                                      "林　大樹　品質保証部　次長　2024.12.31"])
    assert "2024.12.16" in lines[0] and "2024.12.31" in lines[1]
    assert len(lines) == 2


def test_a_date_whose_last_digit_the_page_reading_dropped_is_read_again_whole(tmp_path):
    # split_columns, seed 1, clean: the page's reading dropped the last digit of 2025.10.1 in the
    # date column ("2025.10." at the same confidence, no date) in 7 of 12 rows. A run straddling a
    # column rule got no box of its own ink (the rule made its line as tall as the table), and a run
    # read again as 2025.10.1 was not kept, being no likelier: a reading that is the page's plus
    # letters or digits beyond its ends is kept. 5 of 12 dates before, 9 now.
    truth, keyed = _key_scan(tmp_path, 1, 17, "clean")
    assert len(keyed) == len(truth)
    assert sum(r["effective_date"] == "2025-10-01" for r in keyed) >= 9


def test_a_fax_table_whose_top_rule_came_out_as_specks_has_its_header_read_and_its_rows_keyed(tmp_path):
    # split_columns, seed 1, 200×100 dpi bilevel: the thin rule over the twelve-column header comes out
    # as specks, the page's reading read the header with them (`r ms | る 2 AOd`), no table was found
    # and one record of twelve was keyed, no date right. The column rules still begin at the header's
    # top: the header's cells are read alone there, and a cell whose ink the page's reading left
    # unread (a speck-rule read as one `ー` across the table) too.
    truth, keyed = _key_scan(tmp_path, 1, 17, "fax")
    assert len(keyed) >= len(truth) - 3
    assert sum(r["effective_date"] == "2025-10-01" for r in keyed) >= len(truth) // 2


def test_the_small_readings_over_names_on_a_fax_are_read(tmp_path):
    # table_kana, seed 1, 200×100 dpi bilevel: the readings printed small over the names (0.5–0.8 em)
    # were skipped by the page's layout analysis (2 of 6 read). Ink no symbol covers is read as a line
    # on fax pages too (after the table cells), small print at twice its size: 3–4 of 6 now (the fax
    # readings vary slightly from run to run).
    import pymupdf

    from inference.local.ocr import ocr_page

    _form, pdf, truth, _pages = samplegen.build_document(1, 0, forms=samplegen.DEV_FORMS)
    with pymupdf.open("pdf", scanned_copy(pdf, "fax", seed=1000)) as scan:
        words = [w.text for w in ocr_page(scan[0]).words]
    kana = [r["family_name_kana"] for r in truth["records"]]
    assert sum(any(w.startswith(k) for w in words) for k in kana) >= len(kana) // 2


def test_a_fax_page_loads_each_model_once_whatever_it_reads_again(tmp_path):
    # A fax page is read whole (PSM 3), its weak runs again as lines (PSM 7) and its empty cells as
    # blocks (PSM 6); an engine per mode loaded the models three times (0.4–0.5 s each) on the
    # first page of a worker.
    import pymupdf

    from inference.local import ocr

    _form, pdf, _truth, _pages = samplegen.build_document(1, 2, forms=samplegen.DEV_FORMS)
    with pymupdf.open("pdf", scanned_copy(pdf, "fax", seed=1002)) as scan:
        assert ocr.ocr_page(scan[0]).words
    folders = [key[0] for key in ocr._apis]
    assert len(folders) == len(set(folders))


@pytest.mark.parametrize("seed, line, post", [(4, 8, ["経営企画室", "副室長"]), (7, 6, ["物流センター", "副センター長"])])
def test_a_post_word_a_fax_reads_one_glyph_off_is_read_as_the_word_its_ink_shows(tmp_path, seed, line, post):
    # At 100 dpi vertical the `fast` model reads titles one glyph off (fax corpus: 係長 → 信長,
    # 副室長 → 測室長, 支店長 → 支店接, 取締役 → 取綿役, 兼 → 琶/梁). Where a word ends one glyph from a
    # longer word of the post grammar's vocabulary, the ink decides between the two glyphs: this page
    # read 副窒長 (seed 4) and 吾センター長 (seed 7). The name 信長, one glyph from 係長 too, stays: its
    # ink is 信.
    import pymupdf

    from inference.local.ocr import ocr_page

    printed = [("山田", "太郎", "大阪支店", "副支店長"), ("佐藤", "花子", "研究開発部", "係長"),
               ("鈴木", "一郎", "購買部", "課長", "兼", "内部監査室", "室長"), ("田中", "健一", "名古屋支店", "支店長"),
               ("高橋", "恵美", "常務取締役"), ("織田", "信長", "総務部", "部長"),
               ("小林", "修", "物流センター", "副センター長"), ("中村", "誠", "仙台営業所", "副所長"),
               ("伊藤", "直樹", "経営企画室", "副室長")]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, words in enumerate(printed):
        page.insert_text((60, 80 + i * 23.1), "・" + "　".join(words), fontname="japan", fontsize=10.5)
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "fax", seed=seed)) as scan:
        layout = ocr_page(scan[0])
    rows: dict[int, list] = {}
    for w in layout.words:
        rows.setdefault(round((w.y0 + w.y1) / 2 / 23.1), []).append(w)
    lines = [[w.text for w in sorted(ws, key=lambda w: w.x0)] for _k, ws in sorted(rows.items())]
    assert len(lines) == len(printed)
    assert lines[line][-2:] == post
    assert "信長" in lines[5]


def test_a_post_word_read_one_glyph_off_before_another_post_word_is_read_as_the_ink_shows(tmp_path):
    # fax seed 1, group_companies: 取締役副社長 read 取綿役副社長, the old post lost — the run ends with
    # 副社長, a word of the post vocabulary already, so only its end was looked at. Stretches of a run
    # that a vocabulary word follows are looked at too (取綿役|副社長, 代表取綿役|社長); the ink decides.
    # This page without it read 取綿役副社長 and 代表取綿役社長.
    import pymupdf

    from inference.local.ocr import ocr_page

    printed = [("山田", "太郎", "取締役副社長"), ("佐藤", "花子", "代表取締役社長"), ("鈴木", "一郎", "常務取締役"),
               ("田中", "健一", "専務取締役"), ("高橋", "恵美", "取締役副社長"), ("中村", "誠", "常務取締役"),
               ("小林", "修", "代表取締役社長"), ("伊藤", "直樹", "専務取締役")]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, words in enumerate(printed):
        page.insert_text((60, 80 + i * 23.1), "・" + "　".join(words), fontname="japan", fontsize=10.5)
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "fax", seed=4)) as scan:
        titles = sorted(w.text for w in ocr_page(scan[0]).words if w.x0 > 105)
    assert titles == sorted(p[-1] for p in printed)


@pytest.mark.parametrize("text, position, meant", [("鉛務取締役", 0, "常"), ("取綿役副社長", 1, "締"), ("代表取錦役社長", 3, "締")])
def test_words_one_glyph_off_before_a_post_word_are_proposed(text, position, meant):
    from inference.local.ocr import _proposals, _proposals_within

    assert meant in _proposals_within(text).get(position, set())
    assert meant not in _proposals(text).get(position, set())
    assert _proposals_within("営業部") == _proposals("営業部")


@pytest.mark.parametrize("seed, read", [(1, "ひかり間機産業株式会社"), (8, "ひかり電機産葉株式会社")])
def test_a_company_name_kanji_a_fax_reads_as_no_word_is_read_as_the_word_its_ink_shows(tmp_path, seed, read):
    # At 100 dpi vertical the `fast` model misreads a kanji of a company's name (fax corpus: かもめ電機株式会社
    # read かもめ利機株式会社 in the letterhead, then keyed for every person of the document). Where such a
    # kanji makes a word with none of its neighbours, the dictionary's words with a neighbour propose and
    # the ink decides: this page, scanned without the repair, read the name as `read`. A name printed
    # with a kanji that makes no word (かもめ利機) keeps it: its ink is 利.
    import pymupdf

    from inference.local import ocr

    printed = ["かもめ電機株式会社", "北斗化学工業株式会社", "東雲ロジスティクス株式会社", "青葉ファイナンス株式会社",
               "株式会社みなと建設", "しらかば精工株式会社", "あおぞら物産株式会社", "かもめ利機株式会社",
               "ひかり電機産業株式会社", "はやぶさ電機株式会社"]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, text in enumerate(printed):
        page.insert_text((60, 80 + i * 23.1), text, fontname="japan", fontsize=10.5)
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "fax", seed=seed)) as scan:
        words = [w.text for w in ocr.ocr_page(scan[0]).words]
    assert "ひかり電機産業株式会社" in words and read not in words
    assert "かもめ利機株式会社" in words


@pytest.mark.parametrize("printed, read, keyed", [
    ("発令日", "発信日", "発令日"), ("発信日", "発信日", "発信日"), ("新所属", "新所展", "新所属"),
    ("氏名", "氏各", "氏名"), ("部長", "部長", "部長"), ("新：営業部", "閣：営業部", "新：営業部"),
    ("注：営業部", "注：営業部", "注：営業部")])
def test_a_label_read_one_glyph_off_is_read_as_the_label_its_ink_shows(printed, read, keyed):
    # card_rows on fax pages: the boxed, bold 発令日 came back as 発信日 (a real word, the sending date), so
    # no card label and no card. A run one glyph from a literal label of the tables has that glyph compared
    # on the shape of its ink with the label's; a 発信日 printed so keeps its 信, a word that is no label
    # (部長) is left alone. A post's label before its colon likewise (two_column on fax: 新：仙台営業所 read
    # 閣:仙台営業所 — the entry's new post lost); a 注： printed so stays.
    import numpy as np
    import pymupdf

    from inference.local import ocr

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=100)
    page.insert_text((40, 50), printed, fontname="japan", fontsize=10.5, render_mode=2, border_width=0.03)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY, alpha=False)
    ink = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width) < ocr.INK
    em = 10.5 * 300 / 72
    x, base = 40 * 300 / 72, 50 * 300 / 72
    top, bottom = base - 0.88 * em, base + 0.1 * em
    run = [ocr.Symbol(c, x + i * em, top, x + (i + 0.95) * em, bottom, 0.9, 0, top, bottom, i == 0)
           for i, c in enumerate(read)]
    out = ocr._label_shapes(ink, {0: run}, top - 0.1 * em, bottom + 0.1 * em, em)
    assert "".join(s.c for s in out[0]) == keyed


@pytest.mark.parametrize("printed, read, keyed", [
    ("ナカムラ", "ナカム5", None), ("いのうえ", "いのう2", "いのうえ"), ("ナンバー4", "ナンバー4", "ナンバー4")])
def test_a_digit_read_inside_a_reading_is_read_as_the_kana_its_ink_shows(printed, read, keyed):
    # The small readings over names on fax pages came back with a digit for a kana (ナカムラ → ナカム5,
    # みつお → あっ80): no kana, so no reading. A digit inside a run of kana is compared with the kana of
    # the run's script on the shape of its ink; a digit printed so (ナンバー4) stays. The shapes compared
    # tell ラ from フ poorly (ナカム5 → ナカムフ): the reading is a reading again, its person keyed.
    import numpy as np
    import pymupdf

    from inference.local import ocr

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=100)
    page.insert_text((40, 50), printed, fontname="japan", fontsize=10.5)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY, alpha=False)
    ink = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width) < ocr.INK
    em = 10.5 * 300 / 72
    x, base = 40 * 300 / 72, 50 * 300 / 72
    top, bottom = base - 0.88 * em, base + 0.1 * em
    widths = [0.5 if c.isascii() else 1.0 for c in printed]
    lefts = [x + sum(widths[:i]) * em for i in range(len(printed))]
    run = [ocr.Symbol(c, lefts[i], top, lefts[i] + widths[i] * em * 0.95, bottom, 0.9, 0, top, bottom, i == 0)
           for i, c in enumerate(read)]
    out = "".join(s.c for s in ocr._kana_digits(ink, {0: run}, top - 0.1 * em, bottom + 0.1 * em, em)[0])
    if keyed is None:
        from jptext import is_kana

        assert is_kana(out) and out.startswith("ナカム")
    else:
        assert out == keyed


def _drawn_line(text: str, size: int = 40):
    """`text` drawn in MuPDF's Japanese font as an ink mask, thickened and thinned back as a fax blurs
    it, and the engine-like symbols of its glyphs (one box per glyph, 0.1 em to the right of its ink)."""
    import io

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from inference.local.ocr import Symbol

    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)
    im = Image.new("L", (size * (len(text) + 2), size * 3), 255)
    ImageDraw.Draw(im).text((size, size), text, font=font, fill=0)
    # a fax's 100 dpi rows: every second row dropped and doubled again, then smoothed
    a = np.asarray(im)
    a = np.repeat(a[::2], 2, axis=0)[:a.shape[0]]
    ink = np.asarray(Image.fromarray(a).filter(ImageFilter.GaussianBlur(1))) < 140
    symbols = [Symbol(c=c, x0=size * (1 + i) + 0.1 * size, y0=size, x1=size * (2 + i) + 0.1 * size, y1=2 * size,
                      conf=0.7, line=0, line_y0=size, line_y1=2 * size, word_start=i == 0)
               for i, c in enumerate(text)]
    return ink, symbols


def _reads_after(step, printed: str, read: str) -> str:
    """What one of the OCR's ink steps makes of `printed` read as `read` (one run on a line 40 px tall)."""
    ink, run = _misread_line(printed, read)
    return "".join(s.c for s in step(ink, {0: run}, 40, 80, 40)[0])


def _misread_runs(printed: str, read: str):
    """`_misread_line`, its symbols as the runs a word gap (　 in `read`) parts."""
    ink, symbols = _misread_line(printed, read)
    runs, k = {}, 0
    for s in symbols:
        if s.c == "　":
            k += 1
        else:
            runs.setdefault(k, []).append(s)
    return ink, runs


def _misread_line(printed: str, read: str):
    """`_drawn_line(printed)` with its symbols read as `read` (one character each)."""
    from dataclasses import replace

    ink, symbols = _drawn_line(printed)
    return ink, [replace(s, c=c) for s, c in zip(symbols, read)]


@pytest.mark.parametrize("printed, read, meant", [("翔太", "閉太", "翔太"), ("小林", "小株", "小林"),
                                                  ("信也", "依也", "信也"), ("営業", "営業", "営業"),
                                                  ("利機", "利機", "利機")])
def test_a_name_kanji_read_as_no_word_is_read_as_the_name_kanji_its_ink_shows(printed, read, meant):
    # Fax pages read 翔太 as 閉太, 小林 as 小株, 信也 as 依也 (fax corpus, the `fast` model). A kanji of a short
    # all-kanji run that makes no word with its neighbours is compared with the kanji that would make a
    # person's name of the dictionary with a neighbour, and read as the one its ink shows; a run of words
    # (営業) is left alone, and so is a kanji the ink shows as printed (利 of 利機, no name either way).
    from inference.local.ocr import _person_shapes

    assert _reads_after(_person_shapes, printed, read) == meant


def test_variant_kanji_on_a_fax_are_read_from_their_ink_and_plain_ones_stay(tmp_path):
    # At 100 dpi vertical the ink of 栁, 德 matches its own shape less well than on a greyscale scan (fax
    # corpus: 栁 0.79 against 柳 0.61, 德 0.75 against 徳 0.54), under the greyscale floor of 0.8; a fax has
    # its own floor (`VARIANT_FLOOR_BILEVEL`). Printed plain, 徳永, 柳田, 高木, 高橋 stay plain on the fax.
    import pymupdf

    from inference.local.ocr import ocr_page

    lines = ["・髙木　直樹　営業部　課長", "・高木　真樹　営業部　課長", "・宮﨑　美穂　総務部　部長", "・宮崎　美穂　総務部　部長",
             "・徳永　栁田　濵田", "・渡辺　德永　柳田　浜田", "・髙橋　恵美　栁田　修", "・高橋　恵美　柳田　修"]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, text in enumerate(lines):
        page.insert_text((60, 80 + i * 23.1), text, fontname="japan", fontsize=10.5)
    with pymupdf.open("pdf", scanned_copy(doc.tobytes(), "fax", seed=2)) as scan:
        layout = ocr_page(scan[0])
    rows: dict[int, list] = {}
    for w in layout.words:
        rows.setdefault(round(((w.y0 + w.y1) / 2 - 80) / 23.1 + 0.35), []).append(w)
    text = {k: " ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for k, ws in rows.items()}
    assert "栁田" in text[4] and "德永" in text[5] and "栁田" in text[6]
    assert "柳田" in text[5] and "柳田" in text[7] and "高木" in text[1] and "高橋" in text[7]


@pytest.mark.parametrize("cell, keyed", [("。当社", "さくら情報システム株式会社"), ("、北斗物流株式会社。", "北斗物流株式会社"),
                                         ("当社", "さくら情報システム株式会社"), ("ABC Co., Ltd.", "ABC Co., Ltd.")])
def test_a_speck_read_as_a_point_beside_a_company_cell_is_no_part_of_it(cell, keyed):
    # fax corpus (multi_date): the company column's 当社 came back as 。当社 and was keyed as a company
    from inference.local.scope import resolve_company

    assert resolve_company(cell, "さくら情報システム株式会社") == keyed


@pytest.mark.parametrize("read, meant", [("株芝会社ミライテック", "株式会社ミライテック"), ("抹式会社ミライテック", "株式会社ミライテック"),
                                         ("東雲ロジスティクス株式会杜", "東雲ロジスティクス株式会社"),
                                         ("Yonyon株式今社", "Yonyon株式会社"), ("北斗化学工業株式会社", "北斗化学工業株式会社"),
                                         ("精工式会社", "精工式会社")])
def test_the_legal_form_read_one_glyph_off_is_restored(read, meant):
    # fax corpus: 株式会社ミライテック read 株芝会社ミライテック, and the name was no company any more
    from jptext.ocr import fix_word

    assert fix_word(read) == meant


def _forget_name_tables():
    from inference.local import ocr, ocr_tables

    ocr_tables.person_pairs.cache_clear()
    ocr_tables.name_shapes.cache_clear()
    ocr._names_beside.cache_clear()
    ocr._shapes.clear()


@pytest.fixture
def name_tables(settings, tmp_path_factory):
    from django.core.management import call_command

    settings.OCR_MODEL_DIR = tmp_path_factory.mktemp("tables")
    _forget_name_tables()
    out = io.StringIO()
    call_command("build_ocr_tables", stdout=out)
    yield settings.OCR_MODEL_DIR, out.getvalue()
    _forget_name_tables()


def test_the_name_steps_tables_are_built_once_and_key_names_as_working_them_out_does(name_tables, settings, tmp_path):
    # The tables (`make ocr-models`) save a fax page up to a second of dictionary lookups and drawing; a name
    # must be read the same with them as without them (a machine where they were never built).
    from dataclasses import replace

    from django.core.management import call_command

    from inference.local import ocr

    folder, built = name_tables
    assert "person-pairs-" in built and "name-shapes-" in built
    again = io.StringIO()
    call_command("build_ocr_tables", stdout=again)
    assert again.getvalue().strip() == "OCR tables already built"

    readings, proposals = [], []
    for where in (folder, tmp_path):  # with the tables, then an empty folder
        settings.OCR_MODEL_DIR = where
        _forget_name_tables()
        for printed, read in (("翔太", "閉太"), ("小林", "小株"), ("信也", "依也")):
            ink, symbols = _drawn_line(printed)
            out = ocr._person_shapes(ink, {0: [replace(s, c=c) for s, c in zip(symbols, read)]}, 40, 80, 40)
            readings.append("".join(s.c for s in out[0]))
        proposals.append([ocr._person_proposals(left, right) for left, right in (("", "太"), ("小", ""), ("健", "一"))])
    assert readings == ["翔太", "小林", "信也"] * 2
    assert proposals[0] == proposals[1] and all(len(p) > 20 for p in proposals[0])


def test_letters_whose_engine_boxes_overlap_keep_the_engines_order():
    # The LSTM's boxes of narrow letters overlap and are approximate: Yonyon株式会社 on a fax page came back
    # with its last n boxed from just left of the o before it, and sorted by their left edges the letters
    # read Yonyno (the company of every person of two documents keyed wrong). Within an engine line a
    # letter a little left of the one read before it keeps the engine's order.
    from inference.local.ocr import Symbol, _words

    boxes = [("Y", 347.7, 352.0), ("o", 352.7, 357.3), ("n", 357.7, 366.1), ("y", 363.0, 367.3), ("o", 367.1, 371.2),
             ("n", 366.6, 376.0), ("株", 379.1, 389.9), ("式", 389.7, 399.7), ("会", 399.5, 409.3), ("社", 409.1, 414.1)]
    symbols = [Symbol(c, x0, 97.0, x1, 109.0, 0.99, 3, 96.7, 109.7, i == 0) for i, (c, x0, x1) in enumerate(boxes)]
    assert [w.text for w in _words(symbols, 1.0)] == ["Yonyon株式会社"]


@pytest.mark.parametrize("printed, read, meant", [
    ("品質保証部", "品錦保証部", "品質保証部"), ("内部監査室", "約部監査室", "内部監査室"),
    ("常務執行役員", "富務執行役員", "常務執行役員"), ("品錦保証部", "品錦保証部", "品錦保証部"),
    ("営業部", "営業部", "営業部")])
def test_a_units_kanji_a_fax_reads_as_no_word_is_read_as_the_word_its_ink_shows(printed, read, meant):
    # Fax pages read 品質保証部 as 品錦保証部 / 品綿保証部, 内部監査室 as 約部監査室, 常務執行役員 as 富務執行役員
    # (fax corpus, the `fast` model): the person's post keyed wrong. In a run the post grammar's suffixes
    # make a post, a kanji that makes no word with its neighbours is compared with the kanji that would
    # make a word of the dictionary with a neighbour, and read as the one its ink shows — its cut found
    # also by the run's pitch, for a fax's blur joins the glyphs (here thickened till no blank column parts
    # them: without the pitch no cut of its own, and nothing decided).
    # A unit printed with a kanji that makes no word (品錦保証部) keeps it: its ink is 錦.
    from dataclasses import replace

    import numpy as np
    from PIL import Image, ImageFilter

    from inference.local.ocr import _post_shapes

    ink, symbols = _drawn_line(printed)
    ink = np.asarray(Image.fromarray(ink.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(7))) > 0
    run = [replace(s, c=c) for s, c in zip(symbols, read)]
    out = _post_shapes(ink, {0: run}, 40, 80, 40)
    assert "".join(s.c for s in out[0]) == meant


@pytest.mark.parametrize("printed, read, meant", [("兼", "琶", "兼"), ("兼", "部", "兼"), ("北", "北", "北")])
def test_a_concurrent_mark_a_fax_reads_as_another_kanji_between_two_posts_is_read_as_its_ink_shows(
        printed, read, meant):
    # Fax pages read 兼 between two posts as 琶, 紫, 北 or 部 (課長 琶 IT本部): the second post then glued to the
    # first or lost. A kanji standing alone between two post words is read as 兼 where its ink shows 兼
    # better than the kanji read; a kanji printed there (北) stays.
    from dataclasses import replace

    from inference.local.ocr import _joiners

    ink, symbols = _drawn_line(f"課長　{printed}　法務部")
    runs = {0: symbols[0:2], 1: [replace(symbols[3], c=read)], 2: symbols[5:8]}
    out = _joiners(ink, runs, 40, 80, 40)
    assert out[1][0].c == meant


def test_a_fax_tables_last_row_is_a_row_though_its_bottom_rule_came_out_as_specks(tmp_path):
    # split_columns, seed 1, 200×100 dpi bilevel: the table's thin bottom rule comes out as specks, so the
    # last row had no lower edge and its cells ran into one new post (IT本部 本部長 IT本部 副本部長 配置換
    # 2025.10.1), its old post and date lost. The column rules still end there: that is the row's edge.
    # Specks read as a lone 。 beside a name (直樹 。) are no part of it.
    truth, keyed = _key_scan(tmp_path, 1, 17, "fax")
    last = [r for r in keyed if r["given_name_kana"] == truth[-1]["given_name_kana"]]
    assert last and last[0]["effective_date"] == "2025-10-01"
    assert "副本部長" in last[0]["old_post"] and "副本部長" not in last[0]["new_post"]  # (read 本部長 or IT本部 本部長)
    assert not any("。" in r["given_name"] or "。" in r["family_name"] for r in keyed)


def test_the_specks_of_a_lost_table_edge_read_as_dashes_are_no_words_of_the_last_row():
    # wide_table_rowdates, seed 7, fax: the specks of the table's lost bottom rule were read as rows of ー
    # (ーー…ーニー); with the edge restored (`_edge_rules`) they fell into the last row's cells, its name cell
    # was no name and the person (岡本 真由美) was lost. A placeholder ― inside the row stays.
    from inference.layout import Rule, Word
    from inference.local.ocr import _on_edge

    edge = [Rule(56.0, 314.9, 785.5, 314.9)]
    specks = [Word("ーーーニーーー", 55.2, 309.9, 685.9, 317.5), Word("ー…ーー", 92.2, 313.6, 107.5, 315.0)]
    row = [Word("―", 560.0, 298.2, 570.0, 308.0), Word("岡本", 156.7, 298.2, 174.2, 308.0),
           Word("ー", 300.0, 330.0, 310.0, 340.0)]
    assert all(_on_edge(w, edge) for w in specks)
    assert not any(_on_edge(w, edge) for w in row)


@pytest.mark.parametrize("printed, read, meant", [("清水　隆", "清水　隊", "清水隆"), ("・清水　誠", "・清水　対", "・清水誠"),
                                                  ("藤田修", "藤田條", "藤田修"), ("部長　隆", "部長　隊", "部長隊"),
                                                  ("松本　次", "松本　次", "松本次")])
def test_a_one_kanji_given_name_read_as_no_given_name_is_read_as_the_given_name_its_ink_shows(printed, read, meant):
    # Fax pages read the lone given name 隆 of 清水 隆 as 隊 or 降, 修 of 藤田修 (printed without the space) as
    # 條, 誠 after ・清水 as 対: no kanji neighbour in the run makes a name with it, so `_person_shapes` never
    # looked. After a family name of the dictionary, a kanji that is no given name is read as the given
    # name its ink shows; after a title (部長) it is left as read, and so is a kanji the ink shows as printed.
    from inference.local.ocr import _lone_given

    ink, runs = _misread_runs(printed, read)
    out = _lone_given(ink, runs, 40, 80, 40)
    assert "".join(s.c for _k, run in sorted(out.items()) for s in run) == meant


def test_a_kanji_boxed_over_two_glyphs_takes_the_next_runs_first_kanji():
    # multi_date, seed 1, fax: the engine boxed the ink of 渡邊 as one 渡 two ems wide and the next symbols one
    # glyph right of their ink, so the word gap at the printed space parted the name as 渡 | 邊美本 (family 渡,
    # given 邊美本). The second glyph of the wide box is the next run's first kanji: 渡邊 | 美本.
    from inference.local.names import split_name
    from inference.local.ocr import Symbol, _wide_boxes

    def symbol(c, x0, x1):
        return Symbol(c=c, x0=x0, y0=40, x1=x1, y1=80, conf=0.7, line=0, line_y0=40, line_y1=80, word_start=False)

    runs = {0: [symbol("渡", 40, 122)], 1: [symbol("邊", 126, 170), symbol("美", 172, 214), symbol("穂", 216, 258)]}
    out = _wide_boxes(runs, 45)
    words = ["".join(s.c for s in run) for _k, run in sorted(out.items()) if run]
    assert words == ["渡邊", "美穂"]
    assert split_name(" ".join(words))[:2] == ("渡邊", "美穂")
    # boxed one glyph wide, the printed space parts the name where the engine's gap is
    plain = {0: [symbol("林", 40, 84)], 1: [symbol("浩", 126, 170), symbol("二", 172, 214)]}
    assert _wide_boxes(plain, 45) == plain


@pytest.mark.parametrize("printed, read, meant", [("・佐藤", "・佐騰", "・佐藤"), ("・翔太", "・閉太", "・翔太"),
                                                  ("・営業", "・営業", "・営業")])
def test_a_bulleted_name_kanji_read_as_no_word_is_read_as_the_name_kanji_its_ink_shows(printed, read, meant):
    # mail_bullets, seed 1, fax: names listed after a bullet (・佐藤, ・渡邉) came back as ・佐騰, ・渡選 — the
    # bullet in the run made it no run of kanji, so the name's misread kanji was never looked at.
    from inference.local.ocr import _person_shapes

    assert _reads_after(_person_shapes, printed, read) == meant


@pytest.mark.parametrize("read, meant", [("浩ニ(スズキ", "浩二(スズキ"), ("健ニ（ヤマダ", "健二（ヤマダ"),
                                         ("ニ(カナ", "ニ(カナ"), ("タロウ(ニ", "タロウ(ニ"), ("ニ課長", "二課長")])
def test_a_bracket_ends_the_phrase_whose_script_decides_a_shared_shape(read, meant):
    # two_column, seed 1, fax: 鈴木 浩二(スズキ コウジ) came back as 浩ニ(スズキ — the katakana reading after the
    # bracket outvoted the kanji before ニ, and the name lost its 二 (given name 浩, the reading lost too).
    # Inside brackets is another phrase: the script of the letters on ニ's own side of a bracket decides.
    from jptext.ocr import fix_word

    assert fix_word(read) == meant


@pytest.mark.parametrize("printed, read, meant", [("留任", "同仁", "留任"), ("留任", "厩仕", "留任"),
                                                  ("担当変更", "担省次更", "担当変更"), ("石川", "石川", "石川"),
                                                  ("新任", "新任", "新任"), ("大樹", "大樹", "大樹")])
def test_a_remark_a_fax_reads_two_glyphs_off_is_read_as_the_remark_its_ink_shows(printed, read, meant):
    # remarks_roster, seed 7, fax: the 備考 column's 留任 came back as 同仁, 厩仕, 茹任 — no remark the roster
    # knows, so the person who stays was keyed as a change. A short run is compared glyph by glyph with the
    # remark words as long as it is and read as the one its ink shows; a name or a remark read right stays.
    from inference.local.ocr import _remark_shapes

    assert _reads_after(_remark_shapes, printed, read) == meant


@pytest.mark.parametrize("printed, read, meant", [("【旧】", "【日】", "【旧】"), ("【日】", "【日】", "【日】"),
                                                  ("【新】", "【新】", "【新】")])
def test_a_bracketed_post_label_read_one_glyph_off_is_read_as_the_label_its_ink_shows(printed, read, meant):
    # jirei_stacked, seed 7, fax: 【旧】 before the old post came back as 【日】, so the old post was no old
    # post and ran on into the next persons' new posts (日東京支店支店長 執行役員 …). A post label in brackets
    # is a label as one before a colon is; a 【日】 printed so keeps its 日.
    from inference.local.ocr import _label_shapes

    assert _reads_after(_label_shapes, printed, read) == meant


def test_points_and_dashes_beside_a_name_do_not_make_its_line_a_small_one():
    # jirei_stacked, seed 7, fax: specks beside 渡邉 健一 were read as 7。-. — more symbols than the name's, all
    # low or small, so the line's band (the median of its symbols' tops and bottoms) was half the name's
    # height and the name a small reading; the person was lost.
    from inference.local.ocr import Symbol, _band

    def symbol(c, y0, y1, x):
        return Symbol(c=c, x0=x, y0=y0, x1=x + 40, y1=y1, conf=0.9, line=0, line_y0=40, line_y1=80, word_start=False)

    line = [symbol("渡", 40, 80, 0), symbol("邊", 40, 80, 45), symbol("7", 42, 60, 100), symbol("。", 70, 78, 120),
            symbol("-", 55, 60, 130), symbol(".", 75, 78, 140)]
    assert _band(line) == (40, 80)
    assert _band([symbol("-", 55, 60, 0), symbol(".", 75, 78, 10), symbol("。", 70, 78, 20)]) == (70, 78)


def test_a_given_name_the_engine_read_as_several_symbols_within_one_em_is_read_as_one_kanji():
    # arrow_lines, seed 7, fax: ・山田 彩 came back as ・山田 | マ炒ク — the one glyph 彩 boxed as three symbols
    # inside one em, so no given name and the person unpaired. Symbols crammed into one em after a family
    # name are one glyph, read as the given name its ink shows; two glyphs' width stays two symbols.
    from dataclasses import replace

    from inference.local.ocr import _lone_given

    ink, symbols = _misread_line("・山田　彩", "・山田　彩")
    glyph = symbols[4]
    split = [replace(glyph, c="マ", x1=glyph.x0 + 15), replace(glyph, c="炒", x0=glyph.x0 + 2, x1=glyph.x1 - 6),
             replace(glyph, c="ク", x0=glyph.x0 + 24)]
    out = _lone_given(ink, {0: symbols[:3], 1: split}, 40, 80, 40)
    assert "".join(s.c for s in out[1]) == "彩"
    ink, symbols = _misread_line("・山田　ゆり", "・山田　ゆり")
    out = _lone_given(ink, {0: symbols[:3], 1: symbols[4:]}, 40, 80, 40)
    assert "".join(s.c for s in out[1]) == "ゆり"


@pytest.mark.parametrize("read, meant", [("本件に関するお問い含わせ先:", "本件に関するお問い合わせ先:"), ("お問含せ", "お問合せ"),
                                         ("含ませる", "含ませる"), ("問題を含む", "問題を含む")])
def test_the_contact_lines_toiawase_read_with_its_look_alike_is_restored(read, meant):
    # prose_notice, seed 7, fax: お問い合わせ先：人事部 近藤 達也 came back with 含 for 合, no contact line any more,
    # and the contact was keyed as a person. 含 before わせ / せ after 問 is no word; 含ませる, 含む stay.
    from jptext.ocr import fix_word

    assert fix_word(read) == meant


@pytest.mark.parametrize("printed, read, meant", [("林　翔太", "林　琉大", "林翔太"), ("栁田　亮介", "栁田　発介", "栁田亮介"),
                                                  ("林　大樹", "林　大樹", "林大樹"), ("林　部長", "林　部長", "林部長")])
def test_a_two_kanji_given_name_read_with_both_kanji_off_is_read_as_the_given_name_its_ink_shows(printed, read, meant):
    # card_rows, seed 7, fax: 林 翔太 came back as 林 琉大 (a word, so no kanji of it was looked at, and both are
    # off), 栁田 亮介 as 栁田 発介: the person was unpaired. After a family name, two kanji that are no given name
    # are read as the given name whose shapes their ink shows; a given name read right, or a title, stays.
    from inference.local.ocr import _given_pairs

    ink, runs = _misread_runs(printed, read)
    out = _given_pairs(ink, runs, 40, 80, 40)
    assert "".join(s.c for _k, run in sorted(out.items()) for s in run) == meant


@pytest.mark.parametrize("shifted", [False, True])
def test_a_company_kanji_read_as_a_proper_noun_with_its_neighbour_is_read_as_the_word_its_ink_shows(shifted):
    # jirei_stacked, seed 7, fax: 東雲ロジスティクス株式会社 came back as 東結… on every record: 東結 is a proper noun
    # of the dictionary, so the kanji was never looked at, and the engine's boxes sat one glyph right of their
    # ink (東 over 東雲, 結 over ロ), so the cut under the box showed ロ. A company's kanji is looked at unless it
    # makes a common word with a neighbour, and its glyph is also cut at the run's pitch; a name read right stays.
    from dataclasses import replace

    from inference.local.ocr import _name_shapes

    printed = "東雲ロジスティクス株式会社"
    for read, meant in (("東結ロジスティクス株式会社", printed), (printed, printed)):
        ink, run = _misread_line(printed, read)
        if shifted:
            run = [replace(run[0], x1=run[1].x1)] + [replace(s, x0=s.x0 + 40, x1=s.x1 + 20) for s in run[1:3]] + run[3:]
        out = _name_shapes(ink, {0: run}, 40, 80, 40)
        assert "".join(s.c for s in out[0]) == meant


@pytest.mark.parametrize("read, confs, kept", [("彩", (0.81,), "彩"), ("彩", (0.75,), ""), ("1-", (0.81, 0.81), ""),
                                               ("。", (0.85,), "")])
def test_a_lone_kanji_the_pages_reading_skipped_is_kept_at_a_lower_confidence(monkeypatch, read, confs, kept):
    # jirei_stacked, seed 7, fax: the one-kanji given name of 清水　彩 was skipped by the page's reading and read
    # alone as 彩 at 0.81, under the 0.9 an uncovered line is kept at: a family name alone, no person. A lone
    # kanji is kept at 0.8; a longer reading, a mark, or a kanji read less surely still is not.
    import numpy as np
    from PIL import Image

    from inference.local import ocr

    ink = np.zeros((200, 400), dtype=bool)
    ink[80:120, 60:100] = True  # 清水, read by the page
    ink[80:120, 200:240] = True  # 彩, skipped
    image = Image.fromarray(np.where(ink, 0, 255).astype("uint8"))
    page_symbols = [ocr.Symbol("清", 60, 80, 100, 120, 0.99, 0, 80, 120, True)]
    monkeypatch.setattr(ocr, "_line_symbols", lambda crop, folder: [
        ocr.Symbol(c, 10 + 40 * i, 5, 45 + 40 * i, 45, conf, 0, 5, 45, i == 0) for i, (c, conf) in enumerate(zip(read, confs))])
    out = ocr._uncovered(image, ink, page_symbols, [], 1.0, "")
    assert "".join(s.c for s in out) == kept


@pytest.mark.parametrize("printed, meant", [("池田　健一", "健一"), ("池田　健太", "健as")])
def test_the_stroke_one_a_fax_broke_into_dashes_after_a_kanji_is_read_as_one(printed, meant):
    # jirei_stacked, seed 7, fax: 池田 健一 came back as 池田 健as — the flat stroke 一, broken into dashes by the fax,
    # read as letters, and the given name keyed as 健. After a kanji, symbols that are no kana or kanji whose ink
    # is one flat band across the line's middle are 一; the ink of a glyph as tall as the line (太) stays as read.
    from dataclasses import replace

    from inference.local.ocr import _flat_strokes

    ink, symbols = _misread_line(printed, printed)
    if printed.endswith("一"):
        gaps = symbols[4].x0 + 6, symbols[4].x0 + 14, symbols[4].x0 + 22
        for x in gaps:
            ink[:, int(x):int(x) + 2] = False  # the fax's breaks in the stroke
    last = symbols[4]
    letters = [replace(last, c="a", x1=last.x0 + 12), replace(last, c="s", x0=last.x0 + 14, x1=last.x0 + 30)]
    out = _flat_strokes(ink, {0: symbols[:2], 1: [symbols[3], *letters]}, 40, 80, 40)
    assert "".join(s.c for s in out[1]) == meant


def test_a_fax_speck_read_as_a_western_point_before_a_japanese_word_is_no_part_of_it():
    # roster_underline, seed 7, fax: 副部長 came back as .測部長 — the speck's point kept the post grammar from
    # reading 測 as 副 (the same row's 測部長 without it was read right). No Japanese word begins with a point.
    from inference.local.ocr import Symbol, _words

    def symbol(c, x0, x1):
        return Symbol(c=c, x0=x0, y0=40, x1=x1, y1=80, conf=0.9, line=0, line_y0=40, line_y1=80, word_start=False)

    line = [symbol("総", 40, 80), symbol("務", 82, 122), symbol("部", 124, 164), symbol(".", 205, 209),
            symbol("副", 212, 252), symbol("部", 254, 294), symbol("長", 296, 336)]
    assert [w.text for w in _words(line, 1.0, bilevel=True)] == ["総務部", "副部長"]
    assert [w.text for w in _words([symbol("3", 40, 60), symbol(".", 62, 66), symbol("5", 68, 88)], 1.0, bilevel=True)] == ["3.5"]


@pytest.mark.parametrize("printed, read, meant", [("・宮﨑", "・党﨑", "・宮﨑"), ("・山﨑", "・山﨑", "・山﨑")])
def test_a_name_kanji_beside_a_variant_kanji_is_proposed_the_names_its_plain_form_makes(printed, read, meant):
    # arrow_lines, seed 7, fax: ・宮﨑 came back as ・党﨑 — the dictionary spells its names with 崎, so 﨑 proposed no
    # kanji to make a name with and 党 was never compared. A variant neighbour proposes as its plain form does.
    from inference.local.ocr import _person_shapes

    assert _reads_after(_person_shapes, printed, read) == meant


def test_dashes_a_fax_reads_on_any_row_rule_are_no_words_and_the_rows_persons_are_keyed(tmp_path):
    # wide_table_rowdates, seed 7, fax: the engine read the table's row rules (found in the image, and
    # left in what it reads) as runs of ー, which fell into the cells above or below them (a reading
    # ーーー…, a post ending in ーーー…): three of the seven persons were lost. Dashes on any horizontal rule
    # are the rule's; a placeholder ― inside a cell, and a dash off every rule, stay.
    from inference.layout import Rule, Word
    from inference.local.ocr import _off_flat_rules

    rules = [Rule(56.0, 180.0, 785.5, 180.0), Rule(56.0, 224.0, 785.5, 224.0), Rule(150.0, 160.0, 150.0, 300.0)]
    on = [Word("ーーーーーーーーー", 57.0, 179.4, 140.0, 180.6), Word("一ーーニーー", 252.0, 223.0, 360.0, 224.8),
          Word("ーーーーーーーーーーご", 363.0, 220.1, 548.0, 227.7)]  # a speck at its end read as a letter
    off = [Word("―", 560.0, 196.0, 570.0, 206.0), Word("ヤナギダ", 257.0, 196.0, 300.0, 206.0),
           Word("ーー", 300.0, 240.0, 320.0, 250.0), Word("ー", 149.0, 250.0, 151.0, 260.0),
           Word("ー部", 400.0, 176.0, 420.0, 184.0)]
    assert _off_flat_rules(on + off, rules) == off
    truth, keyed = _key_scan(tmp_path, 7, 7, "fax")
    assert len(keyed) == len(truth)
    assert not any("ーーー" in r[k] for r in keyed for k in ("family_name_kana", "given_name_kana", "new_post", "old_post"))


def test_a_line_the_engine_read_as_one_glyph_boxed_past_its_ink_is_read_again(tmp_path):
    # split_columns, seed 7, fax: the header ＫＭＴ精工株式会社 人事部 came back as one "e" (conf 0.87) boxed
    # from the line's start to twice its length; its centre lay past the line's ink, so the run, though
    # weak, had no glyph "inside" its ink box, was never read again, and no record got its company.
    # A weak run's own glyphs over its ink box are read again with it.
    import numpy as np
    from PIL import Image

    from inference.local import ocr

    ink, symbols = _drawn_line("ＫＭＴ精工株式会社　人事部")
    image = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))
    size = 40
    glyph = ocr.Symbol(c="e", x0=size, y0=size, x1=size * 28, y1=2 * size, conf=0.87, line=0, line_y0=size,
                       line_y1=2 * size, word_start=True)
    out = ocr._reread(image, ink, [glyph], ocr.tessdata_dir(bilevel=True))
    assert "e" not in "".join(s.c for s in out) and "精工株式会社" in "".join(s.c for s in out)


@pytest.mark.parametrize("printed, read, meant", [("高橋", "にも", "高橋"), ("藤井", "自電", "藤井"), ("渡邊", "洪門", "渡邊"),
                                                  ("亮介", "発介", "亮介"), ("退職", "退虐", "退虐"), ("留任", "厩仕", "厩仕"),
                                                  ("あや", "あや", "あや"), ("係長", "信長", "信長")])
def test_a_two_kanji_name_a_fax_reads_wrong_in_both_is_read_as_the_name_its_ink_shows(printed, read, meant):
    # split_columns and group_companies, seed 7, fax: 髙橋 came back as にも, 藤井 as 自電, 渡邊 as 洪門 — no kanji
    # read right beside the wrong one, so no step looked, and each person was lost. A run of two glyphs that
    # is no word and no name is read as the family or given name of two kanji its ink shows; a word or a name
    # read right stays, and so does a run whose ink no name matches well enough (退職 read 退虐, 留任 read 厩仕).
    from inference.local.ocr import _name_pairs

    assert _reads_after(_name_pairs, printed, read) == meant


def test_glyph_cuts_that_leave_a_glyphs_ink_outside_explain_no_glyph():
    # 退職 read 退虐 on a fax: 日 matched the right half of 退 best, and the name 日織 was proposed; the
    # cuts must hold all the run's ink.
    from inference.local.ocr import _covers

    ink, run = _drawn_line("退職")
    whole = [(int(run[0].x0 - 4), int(run[0].x1 - 4)), (int(run[1].x0 - 4), int(run[1].x1 - 4))]
    assert _covers(ink, run, whole, 40, 80, 40)
    assert not _covers(ink, run, [(int(run[0].x0 + 16), int(run[0].x1 - 4)), whole[1]], 40, 80, 40)


def test_the_specks_of_a_dotted_rule_read_as_letters_in_a_line_one_point_tall_are_no_words():
    # split_columns, seed 7, fax: the table's dotted bottom rule was read as a line 1 pt tall of letters
    # (O P TT LSI FTTまY Ro), which joined the last row (藤井 順子 lost). On a horizontal rule, a word whose
    # line is under THIN_LINE of the page's median word height is the rule's, whatever it was read as;
    # a word of text on a rule (an underlined name) stays.
    from inference.layout import Rule, Word
    from inference.local.ocr import _off_flat_rules

    rules = [Rule(56.0, 270.3, 785.0, 270.3)]
    text = [Word(t, 60.0 + 40 * i, 255.1, 90.0 + 40 * i, 263.3) for i, t in enumerate(["6", "藤井", "順子", "かじい", "室長"])]
    underlined = [Word("山田", 300.0, 262.0, 320.0, 270.5)]
    specks = [Word("LSI", 162.0, 269.2, 167.5, 270.3), Word("FTTまY", 170.6, 269.2, 183.6, 270.3)]
    assert _off_flat_rules(text + underlined + specks, rules) == text + underlined


@pytest.mark.parametrize("printed, read, meant", [("渡邊", "混和中", "渡邊"), ("渡辺", "混和辺", "渡辺"), ("部長", "立口長", "立口長")])
def test_a_two_kanji_name_read_as_three_symbols_is_read_as_the_name_its_ink_shows(printed, read, meant):
    # org_bullets_table, seed 7, fax: 渡邊 came back as 混和中 — 渡 read as two symbols (its water radical
    # apart) — and the person was lost. Three symbols over no more than PAIR_THREE ems of ink are two
    # glyphs, an em wide at either end of the run; a word (部長 read 立口長) stays as read.
    from dataclasses import replace

    from inference.local.ocr import _name_pairs

    ink, run = _drawn_line(printed)
    first, second = run
    three = [replace(first, c=read[0], x1=first.x0 + 18), replace(first, c=read[1], x0=first.x0 + 20),
             replace(second, c=read[2])]
    out = _name_pairs(ink, {0: three}, 40, 80, 40)
    assert "".join(s.c for s in out[0]) == meant


def test_three_symbols_whose_ends_best_cut_is_the_first_glyph_are_read_on_the_ink_it_leaves():
    # split_columns, seed 7, fax: 加藤 came back as 加上藤 with the last symbol boxed short, and the glyph an em
    # wide at the run's end found 加's ink best too; read on the ink the first glyph's cut leaves, it is 藤.
    from dataclasses import replace

    from inference.local.ocr import _name_pairs

    ink, (first, second) = _drawn_line("加藤")
    run = [replace(first, c="加"), replace(second, c="上", x1=second.x0 + 12),
           replace(second, c="藤", x0=second.x0 + 14, x1=second.x0 + 20)]
    assert "".join(s.c for s in _name_pairs(ink, {0: run}, 40, 80, 40)[0]) == "加藤"


@pytest.mark.parametrize("printed, meant", [("彩", "彩"), ("修", "修"), ("部", "マ炒ク")])
def test_three_symbols_over_one_glyphs_ink_are_read_as_the_one_kanji_name_it_shows(printed, meant):
    # arrow_lines, seed 7, fax: the given name 彩 came back as マ炒ク (three symbols over one glyph); taken as two
    # glyphs it became 彩彩. Where one glyph's cut holds all the run's ink, the run is the name of one kanji
    # its ink shows; a kanji that is no name alone (部) leaves the run as read.
    from dataclasses import replace

    from inference.local.ocr import _name_pairs

    ink, (glyph,) = _drawn_line(printed)
    run = [replace(glyph, c="マ", x1=glyph.x0 + 12), replace(glyph, c="炒", x0=glyph.x0 + 13, x1=glyph.x0 + 26),
           replace(glyph, c="ク", x0=glyph.x0 + 27)]
    assert "".join(s.c for s in _name_pairs(ink, {0: run}, 40, 80, 40)[0]) == meant


def test_a_rule_read_as_dashes_but_a_glyph_is_dropped_with_its_rule_on_a_fax():
    # group_companies, seed 7, fax: the table's top rule was read ーーーペーー 一一役. With dashes left out of a
    # line's band (above), the band was ペ's and 役's, the line no longer thin, and it stayed as a row over the
    # header: the company column read as the new post on every record. A line of dashes but a glyph or two is
    # a rule's; a name with specks beside it (above) is not.
    from inference.layout import Rule, Word
    from inference.local.ocr import Symbol, _band, _off_flat_rules

    def symbol(c, y0, y1, x):
        return Symbol(c=c, x0=x, y0=y0, x1=x + 40, y1=y1, conf=0.9, line=0, line_y0=40, line_y1=80, word_start=False)

    line = [symbol("ー", 58, 62, 40 * i) for i in range(3)] + [symbol("ペ", 45, 75, 120)] \
        + [symbol("ー", 58, 62, 160 + 40 * i) for i in range(2)] + [symbol("一", 58, 62, 400), symbol("一", 58, 62, 440),
                                                                   symbol("役", 42, 78, 480)]
    assert _band(line) == (58, 62)
    words = [Word("ーーーペーー", 57.0, 236.0, 140.0, 238.0), Word("一一役", 310.0, 236.0, 330.0, 238.0)] \
        + [Word(t, 60.0 + 50 * i, 243.0, 100.0 + 50 * i, 255.0) for i, t in enumerate(("会社名", "氏名", "新役職", "旧役職"))]
    assert [w.text for w in _off_flat_rules(words, [Rule(56.0, 237.0, 785.0, 237.0)])] == ["会社名", "氏名", "新役職", "旧役職"]


@pytest.mark.parametrize("printed, meant", [("ｽｽﾞｷ", "ススキ"), ("ﾀｹｳﾁ", "タケウチ"), ("ｺﾝﾄﾞｳ", "コントウ")])
def test_a_weak_run_of_half_width_katakana_is_read_again_stretched_across(printed, meant):
    # split_columns: the reading columns are printed in half-width katakana (ｽｽﾞｷ), which the engine's model knows
    # only full width: read ハメキ, 細池, トリ at the page's scale, read right stretched 1.5 times across. A run of
    # narrow glyphs (half an em) is read both ways and the likelier kept; kanji are not narrow.
    import io

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    from inference.local import ocr as O

    size = 32
    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)

    def drawn(text):
        im = Image.new("L", (size * 8, size * 3), 255)
        ImageDraw.Draw(im).text((size, size), text, font=font, fill=0)
        ink = np.asarray(im) < 128
        ys, xs = np.nonzero(ink)
        return im, ink, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)

    im, ink, (x0, y0, x1, y1) = drawn(printed)
    assert O._half_width(ink[y0:y1, x0:x1], y1 - y0)
    _, kanji, (k0, t0, k1, t1) = drawn("鈴木")
    assert not O._half_width(kanji[t0:t1, k0:k1], t1 - t0)
    read = [O.Symbol(c=c, x0=x0 + 10 * i, y0=y0, x1=x0 + 10 * i + 9, y1=y1, conf=0.9, line=1, line_y0=y0, line_y1=y1,
                     word_start=i == 0) for i, c in enumerate("ハメキ")]
    out = O._reread(im, ink, read, O.tessdata_dir(False), ink)
    assert "".join(s.c for s in sorted(out, key=lambda s: s.x0)) == meant


def test_a_box_stretched_over_the_next_glyphs_ink_ends_at_the_word_gap_it_spans():
    # org_bullets_table and paged_roster, fax seed 42: the engine boxed 藤 of 伊藤 勝 from its own ink on to the
    # end of 勝's (2.5 em wide, past the printed space) and read 勝 inside the end of that box; the box's middle
    # fell past the gap and the name was parted 伊 | 藤勝 (岡 | 本勝, 吉 | 田勝). The stretched box ends at the gap.
    import numpy as np

    from inference.local.ocr import Symbol, _words

    ink = np.zeros((120, 500), dtype=bool)
    for x0, x1 in ((256, 291), (297, 335), (362, 392)):  # the glyphs' ink: 伊, 藤, a space, 勝
        ink[42:76, x0:x1:3] = True
        ink[42:76:4, x0:x1] = True

    def symbol(c, x0, x1):
        return Symbol(c=c, x0=x0, y0=42, x1=x1, y1=76, conf=0.97, line=0, line_y0=40, line_y1=78, word_start=False)

    symbols = [symbol("伊", 256, 291), symbol("藤", 295, 390), symbol("勝", 364, 392)]
    words = _words(symbols, 1.0, ink, (), bilevel=True)
    assert [len(w.text) for w in words] == [2, 1]
    assert words[0].x1 <= words[1].x0


def test_a_tables_bottom_edge_a_fax_broke_into_dashes_is_restored_from_its_column_rules():
    # wide_table_rowdates, fax seed 5: the table's bottom edge came out as dashes (63 pt pieces 29 pt apart), one
    # of them under a column rule; that piece was taken for the edge, no edge was restored, and the last row
    # (R7.1.31 | 西村 博 | … | 異動) ran into one post with its date and old post lost. Pieces that cover
    # under most of the table's width are no edge; a whole rule there is.
    from inference.local.ocr import _column_ends

    upright = [(x, 139.0, 202.0) for x in (56, 151, 251, 361, 546, 731, 785)]
    header = [(139.0, 56.0, 785.0), (157.0, 56.0, 785.0), (180.0, 56.0, 785.0)]
    dashes = [(202.0, a, a + 63.0) for a in range(104, 750, 92)]
    assert (202.0, 56, 785) in _column_ends(header + dashes, upright, 10.0)
    assert not any(y == 202.0 for y, _a, _b in _column_ends(header + [(202.0, 56.0, 785.0)], upright, 10.0))


def test_a_row_rule_a_fax_broke_into_dashes_is_joined_into_one_rule():
    # org_bullets_table, fax seed 5: the rule between two rows came out as six pieces (74 pt long, 18 pt apart),
    # which the table's reading took for no row rule; the two rows were read as one (山田 恵美 藤田 信也, one
    # person lost). Three or more pieces on one row, each gap under 0.6 of the shorter piece beside it, make one
    # rule; pieces spread wider (a dotted line's dashes, two words' underlines) and a rule already whole do not.
    from inference.layout import Rule
    from inference.local.ocr import _joined_dashes

    broken = [Rule(a, 494, b, 494) for a, b in ((55, 92), (111, 185), (203, 277), (295, 369), (387, 461), (479, 539))]
    sparse = [Rule(a, 560, a + 29, 560) for a in (79, 171, 263, 356)]
    underlines = [Rule(60, 600, 100, 600), Rule(130, 600, 170, 600)]
    whole = [Rule(55, 516, 539, 516), Rule(55, 516, 136, 516), Rule(136, 516, 228, 516), Rule(228, 516, 320, 516)]
    assert _joined_dashes(broken + sparse + underlines + whole) == [Rule(55, 494, 539, 494)]


def test_a_box_stretched_over_the_next_glyphs_with_no_gap_before_them_ends_where_the_next_symbol_starts():
    # org_bullets_table, fax seed 42: the engine boxed 山 of 山田 美穂 over the whole name (4.5 em) and read 田
    # inside it, before the word gap; the box's middle fell past the gap and the name came back 田 | 山美穂. With
    # no gap in the ink before the next symbol, the stretched box ends where that symbol starts.
    import numpy as np

    from inference.local.ocr import Symbol, _words

    ink = np.zeros((120, 500), dtype=bool)
    for x0, x1 in ((258, 291), (300, 331), (356, 394), (398, 434)):  # 山, 田, a space, 美, 穂
        ink[42:76, x0:x1:3] = True
        ink[42:76:4, x0:x1] = True

    def symbol(c, x0, x1):
        return Symbol(c=c, x0=x0, y0=42, x1=x1, y1=76, conf=0.97, line=0, line_y0=40, line_y1=78, word_start=False)

    symbols = [symbol("山", 258, 434), symbol("田", 307, 336), symbol("美", 356, 394), symbol("穂", 396, 434)]
    words = _words(symbols, 1.0, ink, (), bilevel=True)
    assert [len(w.text) for w in words] == [2, 2]
    assert words[0].text[0] != "田"


def test_uncovered_ink_of_a_glyph_a_reading_boxed_elsewhere_is_not_read_a_second_time():
    # officer_text, seed 42, clean: 新任監査役候補 read again on its own came back with 候 boxed a pixel wide over
    # 補; 候's ink, outside every symbol's box, was read once more as 補 (監査役補候補): the heading named no post
    # and the page keyed nobody. Uncovered ink inside a run read again, read as glyphs the run holds beside it
    # where one of them is boxed a pixel wide, is an echo; read as that very glyph (a fax's 名 of 名古屋支店,
    # boxed a pixel wide when read again and lost downstream), or as a glyph the run lacks, it is kept.
    from inference.local.ocr import Symbol, _echo

    def symbol(c, x0, x1):
        return Symbol(c=c, x0=x0, y0=1968, x1=x1, y1=2010, conf=0.99, line=37, line_y0=1968, line_y1=2010,
                      word_start=False)

    run = [symbol("監", 542, 581), symbol("査", 586, 614), symbol("役", 629, 661), symbol("候", 736, 737),
           symbol("補", 736, 750), symbol("【", 771, 777)]
    read, ink = [(540, 1966, 1572, 2012)], (673, 1968, 713, 2010)
    assert _echo([symbol("補", 673, 713)], ink, run, read)
    assert not _echo([symbol("候", 673, 713)], ink, run, read)
    assert not _echo([symbol("名", 673, 713)], ink, run, read)
    assert not _echo([symbol("補", 673, 713)], ink, run, [])
    boxed = [symbol("監", 542, 581), symbol("査", 586, 614), symbol("役", 629, 661), symbol("候", 673, 713),
             symbol("補", 718, 758)]
    assert not _echo([symbol("補", 673, 713)], ink, boxed, read)


def test_a_weak_run_across_a_vertical_rule_is_read_again_cell_by_cell():
    # merged_dates, seed 42, clean: the merged date cell's 2019年12月1日, half a line lower than the name in the
    # cell beside it, was read in one line with it (the engine reads the page without its vertical rules) as
    # 2019生月1日、例示用; each cell read alone reads right.
    import io
    from dataclasses import replace

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    from inference.local import ocr as O

    size = 40
    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)
    im = Image.new("L", (size * 16, size * 4), 255)
    draw = ImageDraw.Draw(im)
    draw.text((size // 2, int(1.6 * size)), "2019年12月1日", font=font, fill=0)
    draw.text((int(9.5 * size), size), "徳永彩", font=font, fill=0)
    ink = np.asarray(im) < 140
    rule = 9 * size
    read = [O.Symbol(c=c, x0=int(size * (0.5 + 0.9 * i)), y0=int(1.6 * size), x1=int(size * (1.3 + 0.9 * i)), y1=int(2.6 * size),
                     conf=0.85, line=0, line_y0=size, line_y1=int(2.6 * size), word_start=i == 0)
            for i, c in enumerate("2019生月1日")]
    read += [O.Symbol(c=c, x0=int(size * (9.5 + i)), y0=size, x1=int(size * (10.4 + i)), y1=2 * size, conf=0.85,
                      line=0, line_y0=size, line_y1=int(2.6 * size), word_start=i == 0) for i, c in enumerate("例示用")]
    out = O._reread(im, ink, read, O.tessdata_dir(False), ink, vrules=[(rule, 0, 4 * size)])
    text = "".join(s.c for s in sorted(out, key=lambda s: s.x0))
    assert text.startswith("2019年12月1日") and text.endswith("徳永彩")
    # a row's cells on one line stay one run (split_columns: a date at the frame's edge read alone lost its 1)
    level = [replace(s, y0=size, y1=2 * size) for s in read]
    assert O._cells_of_run(level, [(rule, 0, 4 * size)]) == [(level, float("-inf"), float("inf"))]


def test_two_lines_and_a_name_between_them_the_layout_skipped_are_read_line_by_line():
    # jirei_stacked, seed 42, clean: （新）経営企画室 室長 / （旧）経営企画室 課長 with 渡邉 拓也 to the right, half a
    # line lower, came back as nothing at all (the page's layout analysis skipped the block); their uncovered ink
    # made one band two and a half lines tall, more than a line, and was never read. The band is parted into
    # lines run by run of its columns.
    size = 40
    out, _ = _uncovered_after_heading(size, (size * 22, size * 8), [
        ((size, 3 * size), "（新）経営企画室　室長"), ((size, int(4.6 * size)), "（旧）経営企画室　課長"),
        ((16 * size, int(3.8 * size)), "渡邉　拓也")])
    lines: dict[int, list] = {}
    for s in out:
        lines.setdefault(s.line, []).append(s)
    texts = ["".join(s.c for s in sorted(ss, key=lambda s: s.x0)) for ss in lines.values()]
    assert any("室長" in t for t in texts) and any("課長" in t for t in texts) and any("拓也" in t for t in texts)


def test_a_half_width_reading_in_brackets_after_a_name_is_read_again_stretched_across():
    # two_column, seed 5, clean: 1.　村上　由美子（ﾑﾗｶﾐ ﾕﾐｺ） came back 由美子(妨太ミう3 — the reading shares its run
    # with the name's kanji, which are not narrow, so the run was never read stretched as half-width katakana
    # alone are. The ink between the brackets is read again stretched; a reading line of its own (merged_dates:
    # （ｵｶﾓﾄ ﾏｲ） under the name, read (配tトヾイィ)) keeps its brackets out of the crop (stretched, they read て and う).
    import io

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    from inference.local import ocr as O

    size = 40
    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)

    def line(text, garbled):
        im = Image.new("L", (size * 14, size * 3), 255)
        ImageDraw.Draw(im).text((size, size), text, font=font, fill=0)
        ink = np.asarray(im) < 140
        ys, xs = np.nonzero(ink)
        top, bottom = int(ys.min()), int(ys.max()) + 1
        symbols, x = [], size
        for c, shown in garbled:
            w = size // 2 if ord(c) < 0x3000 or "\uff61" <= c <= "\uff9f" else size
            symbols.append(O.Symbol(c=shown, x0=x, y0=top, x1=x + w, y1=bottom, conf=0.99 if shown == c else 0.8,
                                    line=1, line_y0=top, line_y1=bottom, word_start=False))
            x += w
        return im, ink, symbols

    # (the closing bracket read as a glyph, as the page read it)
    im, ink, read = line("由美子(ﾑﾗｶﾐ ﾕﾐｺ)", list(zip("由美子(ﾑﾗｶﾐﾕﾐｺ)", "由美子(妨太ミう3ミコ3")))
    out = "".join(s.c for s in sorted(O._bracket_readings(im, ink, read, O.tessdata_dir(False)), key=lambda s: s.x0))
    assert out.startswith("由美子(") and out.endswith(")") and O._katakana_reading(out[4:-1]) and "ユミコ" in out
    im, ink, read = line("(ｵｶﾓﾄ ﾏｲ)", list(zip("(ｵｶﾓﾄﾏｲ)", "(配tトヾイ)")))
    out = "".join(s.c for s in sorted(O._bracket_readings(im, ink, read, O.tessdata_dir(False)), key=lambda s: s.x0))
    assert out == "(オカモトマイ)"


def test_a_line_of_uncovered_ink_read_alone_spans_its_ink_not_the_grid_band():
    # jirei_stacked, seed 42, clean: （旧）経営企画室 課長 and 人事部 副部長, read from ink the page's reading skipped,
    # came back as one word each (経営企画室課長): their symbols spanned the band of 6-pixel grid cells the ink
    # was found in, taller than the glyphs, and the em that makes a word gap was too large. They span the ink.
    import numpy as np

    size = 40
    out, ink = _uncovered_after_heading(size, (size * 16, size * 5), [((size, int(3.1 * size)), "人事部 副部長")])
    ys = np.nonzero(ink[3 * size:, :])[0] + 3 * size
    assert out and all(s.y0 == ys.min() and s.y1 == ys.max() + 1 for s in out)


def _uncovered_after_heading(size: int, page: tuple[int, int], texts: list) -> tuple[list, "object"]:
    """What `_uncovered` reads on a page of `texts` ((x, y), text) under a heading 発令 the page's reading
    did read: the symbols found in the ink left over, and the ink."""
    import io

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    from inference.local import ocr as O

    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)
    im = Image.new("L", page, 255)
    draw = ImageDraw.Draw(im)
    draw.text((size, size), "発令", font=font, fill=0)
    for xy, text in texts:
        draw.text(xy, text, font=font, fill=0)
    ink = np.asarray(im) < 140
    read = [O.Symbol(c=c, x0=size * (1 + i), y0=size + 4, x1=size * (2 + i), y1=2 * size + 4, conf=0.99, line=0,
                     line_y0=size, line_y1=2 * size + 4, word_start=i == 0) for i, c in enumerate("発令")]
    return O._uncovered(im, ink, read, [], 1.0, O.tessdata_dir(False)), ink


@pytest.mark.parametrize("printed, after, extra, meant", [
    ("かもめ電機株式会社", 2, "和", "かもめ電機株式会社"), ("さくら情報システム株式会社", 2, "ム", "さくら情報システム株式会社"),
    ("かもめ電機株式会社", 2, None, "かもめ電機株式会社"), ("品質保証部長", 1, None, "品質保証部長")])
def test_a_glyph_a_fax_reading_put_in_where_the_ink_holds_none_is_left_out(printed, after, extra, meant):
    # arrow_lines and card_rows, seed 11, fax: かもめ電機株式会社 came back as かもめ和電機株式会社, さくら情報システム as
    # さくらム情報システム — one glyph more than the ink holds, boxed narrow between two others — and every record got
    # the company wrong. The ink of a run of full-width glyphs parted at one pitch into a step fewer matches the
    # others' shapes far better with the weak symbol left out; a run read glyph for glyph (one symbol weak) stays.
    from dataclasses import replace

    from inference.local.ocr import _inserted

    ink, symbols = _drawn_line(printed)
    run = [replace(s, conf=0.99) for s in symbols]
    if extra:
        left = run[after]
        run.insert(after + 1, replace(left, c=extra, x0=left.x1 - 8, x1=left.x1 + 4, conf=0.95))
    else:
        run[after + 1] = replace(run[after + 1], conf=0.9)
    out = _inserted(ink, {0: run}, 40, 90, 40)
    assert "".join(s.c for s in out[0]) == meant


@pytest.mark.parametrize("cut, meant", [(True, "C"), (False, "C7")])
def test_a_sliver_of_the_next_glyph_read_at_the_edge_of_uncovered_ink_is_no_glyph(cut, meant):
    # mail_bullets, seed 11, fax: the page's reading boxed Ａ Ｂ Ｃ of ＡＢＣホールディングス株式会社 a few pixels wide and
    # ホ right of its stem; the ink so left uncovered, Ｃ and the stem, was read again as "C7": the company came back
    # as ABC7ホールディングス株式会社 in every record. A glyph narrower than a third of an em at the end of such a
    # reading, over ink the crop's edge cuts, is the slice of the next glyph; where the edge cuts no ink it stays.
    from dataclasses import replace

    import numpy as np

    from inference.local.ocr import _no_slivers

    size = 40
    ink, symbols = _drawn_line("ＡＢＣホール", size)
    inked = ink.any(axis=0)
    ho = size * 4  # ホ's em square
    stem = int(np.nonzero(inked[ho:])[0][0]) + ho  # its first column of ink
    x0 = size * 3
    x1 = stem + 4 if cut else stem - 1  # through ホ's stem, or on the paper before it
    c = replace(symbols[2], c="C", x0=float(np.nonzero(inked[x0:])[0][0]), x1=float(x0 + 0.8 * size))
    seven = replace(symbols[3], c="7", x0=float(x1 - x0 - 8), x1=float(x1 - x0))
    again = [replace(c, x0=c.x0 - x0, x1=c.x1 - x0), seven]
    out = _no_slivers(again, ink, (x0, size, x1, 2 * size + 10), 1.0, 0, size)
    assert "".join(s.c for s in out) == meant


def test_half_a_page_the_layout_analysis_skipped_is_read_to_its_last_line():
    # jirei_stacked, seed 11, clean: the page's layout analysis skipped the lower eight of eleven persons (新職 / 旧職,
    # their posts and the names to the right, some sixty runs of ink); reading at most 20 runs of uncovered ink
    # keyed three persons of eleven. A greyscale page's uncovered ink is read up to its last line.
    size = 40
    posts = ["法務部　部長", "大阪支店　課長", "製造部　部長", "総務部　課長代理", "広報部　部長", "総務部　係長",
             "海外事業部　課長", "品質保証部　係長"]
    texts = []
    for i, post in enumerate(posts):
        texts += [((size, int((3 + 3.2 * i) * size)), "新職　" + post),
                  ((size, int((4.6 + 3.2 * i) * size)), "旧職　" + post),
                  ((15 * size, int((3.8 + 3.2 * i) * size)), "山田　一郎")]
    out, _ = _uncovered_after_heading(size, (size * 20, size * 30), texts)
    lines: dict[int, list] = {}
    for s in out:
        lines.setdefault(s.line, []).append(s)
    bottom = max(lines.values(), key=lambda ss: ss[0].y0)
    assert bottom[0].y0 > 27 * size and "係長" in "".join(s.c for s in sorted(bottom, key=lambda s: s.x0))


def test_digits_the_engine_boxed_collapsed_onto_the_one_before_are_read_once():
    # roster_underline, seed 11, clean: （２０２４年４月１日付） was read right, but the engine boxed ２ and ４ a pixel
    # wide each at the right edge of ０; their ink, left uncovered, was read again as a line of its own and the
    # date came out 202424年4月1日付 (2424-04-01 for all ten persons). The collapsed symbols take the ink after them.
    import io

    import numpy as np
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    from inference.local import ocr as O

    size = 40
    font = ImageFont.truetype(io.BytesIO(pymupdf.Font("japan").buffer), size)
    text = "（２０２４年４月１日付）"
    im = Image.new("L", (size * 16, size * 4), 255)
    ImageDraw.Draw(im).text((size, int(1.5 * size)), text, font=font, fill=0)
    ink = np.asarray(im) < 140
    ys = np.nonzero(ink.any(axis=1))[0]
    top, bottom = int(ys[0]), int(ys[-1]) + 1
    symbols = []
    for i, c in enumerate("(2024年4月1日付)"):  # as the engine reads it
        x0, x1 = size * (1 + i), size * (2 + i)
        if i in (3, 4):  # ２ and ４ boxed a pixel wide at the right edge of ０
            x0, x1 = symbols[-1].x1 - 1, symbols[-1].x1
        symbols.append(O.Symbol(c=c, x0=x0, y0=top, x1=x1, y1=bottom, conf=0.99, line=1, line_y0=top - 4,
                                line_y1=bottom + 4, word_start=i == 0))
    symbols = O._collapsed_boxes(symbols, ink)
    symbols = symbols + O._uncovered(im, ink, symbols, [], 1.0, O.tessdata_dir(False))
    words = O._words(symbols, 1.0, ink)
    assert "".join(w.text for w in words) == "(2024年4月1日付)"


def test_a_card_forms_names_read_as_noise_are_read_again_in_their_cells(tmp_path):
    # card_rows, seed 11, clean: in the boxed cards, 池田 隆 under its reading came back `‘由貴 名` and 宮﨑 誠 `ー ー`
    # (read at 0.80–0.91), and the cards' persons were keyed from the wrong rows (4 of 24 fields right). A ruled
    # cell of a greyscale page read with little confidence is read alone, as on a fax: every person keyed.
    truth, keyed = _key_scan(tmp_path, 11, 16, "clean")
    names = {(r["family_name"], r["given_name"], r["family_name_kana"]) for r in keyed}
    assert all((t["family_name"], t["given_name"], t["family_name_kana"]) in names for t in truth)


def test_a_date_cell_merged_across_two_rows_is_not_read_again_by_halves(tmp_path):
    # merged_dates, seed 64, clean: 令和元年10月15日 printed once for two persons, in a cell merged across their
    # rows; read again as the cell between the rule above and the rule of the next row (which stops short of
    # the date column), its upper half read ヘへ和ー一た年10月15日 and both persons lost their date. A cell is read
    # alone only when a rule closes it below too.
    truth, keyed = _key_scan(tmp_path, 64, 14, "clean")
    assert sum(r["effective_date"] == "2019-10-15" for r in keyed) == 2
