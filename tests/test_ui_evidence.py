"""Evidence boxes: where each candidate value of a conflict is printed on the page image."""
from __future__ import annotations

import pymupdf
import pytest

from dataentry.doctypes import PERSONNEL_CHANGE
from samplegen import LAYOUTS, build_document
from inference.local.ocr import ocr_unavailable
from review.evidence import PdfSearcher, search_forms

SPEC = PERSONNEL_CHANGE
DPI = 150


def field(key):
    return SPEC.field(key)


@pytest.fixture(scope="module")
def two_page_sample():
    _, pdf, truth, pages = build_document(1, 10, forms=LAYOUTS)
    assert pages == 2
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    sizes = {i + 1: (round(p.rect.width * DPI / 72), round(p.rect.height * DPI / 72)) for i, p in enumerate(doc)}
    yield doc, sizes, truth["records"]
    doc.close()


def test_it_searches_dates_in_the_forms_documents_print_them():
    forms = search_forms("2019-07-01", field("effective_date"))
    assert "令和元年7月1日" in forms and "２０１９年７月１日" in forms and "2019/7/1" in forms
    assert "平成31年4月1日" in search_forms("2019-04-01", field("effective_date"))
    assert search_forms("not a date", field("effective_date")) == ["not a date", "ｎｏｔ ａ ｄａｔｅ"]


def test_it_searches_readings_as_hiragana_katakana_and_half_width_katakana():
    forms = search_forms("わたなべ", field("family_name_kana"))
    assert {"わたなべ", "ワタナベ", "ﾜﾀﾅﾍﾞ"} <= set(forms)


def test_it_searches_words_joined_by_an_ideographic_space():
    assert "広報部\u3000課長" in search_forms("広報部 課長", field("new_post"))
    assert search_forms("", field("new_post")) == []


def test_it_finds_every_value_of_a_person_in_image_pixels(two_page_sample):
    doc, sizes, records = two_page_sample
    searcher = PdfSearcher(doc, sizes)
    person = records[-1]  # on page 2: the table runs on
    for key in ("family_name", "given_name", "family_name_kana", "new_post", "old_post"):
        boxes = searcher.find_value(person[key], field(key))
        assert boxes, f"{key} {person[key]!r} not found"
        for box in boxes:
            width, height = sizes[box.page]
            assert 0 <= box.x and box.x + box.w <= width and 0 <= box.y and box.y + box.h <= height
    name_box = searcher.find_value(person["family_name"], field("family_name"))[0]
    assert name_box.page == 2
    post_box = min(searcher.find_value(person["old_post"], field("old_post")), key=lambda b: abs(b.cy - name_box.cy))
    assert abs(post_box.cy - name_box.cy) < 2 * name_box.h, "the post is on the person's row"
    assert post_box.x > name_box.x + name_box.w, "…to the right of the name"


def test_it_finds_a_value_broken_over_two_lines_of_a_cell(two_page_sample):
    doc, sizes, records = two_page_sample
    searcher = PdfSearcher(doc, sizes)
    value = next(r["new_post"] for r in records if r["new_post"] == "内部監査室 室長 兼 総務部 課長代理")
    assert searcher.find(value) == [] and searcher.find(value.replace(" ", "\u3000")) == []
    boxes = searcher.find_value(value, field("new_post"))
    assert len(boxes) == 2 and boxes[1].y > boxes[0].y, "one box per printed line"


def test_it_finds_nothing_for_a_value_that_is_not_printed(two_page_sample):
    doc, sizes, _ = two_page_sample
    searcher = PdfSearcher(doc, sizes)
    assert searcher.find_value("架空部 部長", field("new_post")) == []


@pytest.mark.skipif(ocr_unavailable() is not None, reason="OCR engine not installed here")
def test_it_finds_evidence_on_a_scanned_page_in_the_words_ocr_read(scanned_pdf):
    _, _, truth, _ = build_document(0, 0)  # the document build_scanned_sample printed
    doc = pymupdf.open(scanned_pdf)
    searcher = PdfSearcher(doc, {1: (1240, 1754)})
    assert searcher.has_text_layer
    posts = [r["new_post"] for r in truth["records"][:3]]
    boxes = [searcher.find_value(post, field("new_post")) for post in posts]
    assert all(boxes), "each new post is boxed on the scan"
    assert [b[0].y for b in boxes] == sorted(b[0].y for b in boxes), "in the order they are printed"
    doc.close()


def test_it_reports_no_text_for_a_page_with_nothing_printed():
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    blank = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 80, 110), 0)
    blank.clear_with(255)
    page.insert_image(page.rect, pixmap=blank)
    searcher = PdfSearcher(doc, {1: (1240, 1754)})
    assert not searcher.has_text_layer
    doc.close()


def test_it_places_boxes_on_a_rotated_page_where_the_rendered_image_shows_the_text():
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((100, 100), "HELLO", fontsize=20)
    page.set_rotation(90)
    pix = page.get_pixmap(dpi=DPI)
    searcher = PdfSearcher(doc, {1: (pix.width, pix.height)})
    (box,) = searcher.find_value("HELLO", field("new_post"))
    ink = [(x, y) for y in range(0, pix.height, 2) for x in range(0, pix.width, 2) if pix.pixel(x, y)[0] < 128]
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    assert box.x <= min(xs) and max(xs) <= box.x + box.w
    assert box.y <= min(ys) and max(ys) <= box.y + box.h
    doc.close()
