"""Scans, photos and faxes at intake (issue 11): PNG, JPEG and TIFF become PDF pages, the upload
is kept as it came, and scanned pages are stored upright and straight.

The pages are made here: Japanese text rendered by PyMuPDF (Noto CJK), then turned, skewed and
saved the way scanners and fax machines save them. "Upright" is judged the way an operator would
see it: the stored page image against the page as it was rendered, by correlation.
"""
from __future__ import annotations

import io
import sys

import numpy as np
import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from dataentry.models import Document, DocumentType, HistoryEvent

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = ("人事異動のお知らせ\n\n令和七年四月一日付で下記のとおり人事異動を行います。\n\n"
        + "営業部長　山田太郎　は　総務部長に就任します。\n" * 12 + "\n以上\n")


@pytest.fixture(autouse=True)
def english_pages(client):
    """This module asserts the English wording of the document page (tests/test_translations.py
    checks that every message has its Japanese translation)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def page_image(dpi: int = 200, text: str = TEXT) -> Image.Image:
    """An A4 notice as a scanner at `dpi` would see it, in grey."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "人事異動通知", fontname="japan", fontsize=22)
    page.insert_textbox(pymupdf.Rect(60, 110, 540, 780), text, fontname="japan", fontsize=12)
    page.draw_rect(pymupdf.Rect(60, 790, 200, 815), color=(0, 0, 0), fill=(0, 0, 0))  # a stamp, bottom left
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return Image.frombytes("L", (pix.width, pix.height), pix.samples)


def turned(image: Image.Image, *, clockwise: int = 0, skew: float = 0.0) -> Image.Image:
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return image.rotate(-clockwise, expand=True) if clockwise else image


def encoded(image: Image.Image, kind: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=kind, **params)
    return out.getvalue()


def correlation(a: Image.Image, b: Image.Image) -> float:
    size = (210, 297)
    x = np.asarray(a.convert("L").resize(size, Image.Resampling.BOX), dtype=float).ravel()
    y = np.asarray(b.convert("L").resize(size, Image.Resampling.BOX), dtype=float).ravel()
    x, y = x - x.mean(), y - y.mean()
    return float((x * y).sum() / np.sqrt((x * x).sum() * (y * y).sum()))


def upload(client, name: str, data: bytes):
    document_type = DocumentType.objects.get(slug="personnel_change").pk
    return client.post(reverse("documents"), {"document_type": document_type,
                                              "files": [SimpleUploadedFile(name, data, "application/octet-stream")]},
                       follow=True, HTTP_ACCEPT_LANGUAGE="en")


def stored_page(doc: Document, number: int = 1) -> Image.Image:
    return Image.open(doc.pages.get(number=number).image.open("rb"))


def multi_page_tiff(pages: list[Image.Image], **params) -> bytes:
    return encoded(pages[0], "TIFF", save_all=True, append_images=pages[1:], **params)


FORMATS = {
    "PNG": ("scan.png", lambda page: encoded(page, "PNG", dpi=(200, 200)), 1, "png"),
    "JPEG": ("photo.jpg", lambda page: encoded(page.convert("RGB"), "JPEG", quality=85, dpi=(200, 200)), 1, "jpeg"),
    "TIFF, LZW, two pages": ("scan.tif", lambda page: multi_page_tiff([page, page.point(lambda v: min(255, v + 10))],
                                                                      compression="tiff_lzw", dpi=(200, 200)), 2, "tiff"),
    "TIFF, CCITT G4 fax, two pages": ("fax.tiff", lambda page: multi_page_tiff(
        [page.convert("1"), page.point(lambda v: 255 if v > 100 else 0).convert("1")],
        compression="group4", dpi=(200, 200)), 2, "tiff"),
}


@pytest.mark.parametrize("case", FORMATS)
def test_each_image_format_becomes_a_document_of_a4_pages_and_the_upload_is_kept(case, client, people):
    name, make, pages, kind = FORMATS[case]
    data = make(page_image())
    client.force_login(people["manager1"])
    response = upload(client, name, data)
    assert "uploaded as document" in response.content.decode()
    doc = Document.objects.get()
    assert doc.status == Document.Status.KEYING and doc.page_count == pages == doc.pages.count()
    assert doc.source_kind == kind and doc.source.read() == data
    with pymupdf.open(doc.original.path) as pdf:
        # 1654×2339 pixels at 200 dpi is an A4 page, 595×842 pt.
        assert [(round(p.rect.width), round(p.rect.height)) for p in pdf] == [(595, 842)] * pages
    assert correlation(stored_page(doc), page_image()) > 0.9
    # The file as it came, for whoever may see the document; the PDF made from it is named .pdf.
    source = client.get(reverse("source_file", args=[doc.pk]))
    assert source.status_code == 200 and b"".join(source.streaming_content) == data
    assert source["Content-Type"] == f"image/{kind}"
    assert ".pdf" in client.get(reverse("original_pdf", args=[doc.pk]))["Content-Disposition"]
    detail = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    assert f"File as uploaded ({kind.upper()})" in detail
    # The same image again, under another name: a duplicate by the SHA-256 of the original bytes.
    again = upload(client, "again" + name[name.index("."):], data)
    assert "already uploaded" in again.content.decode() and Document.objects.count() == 1


def test_an_image_without_a_resolution_is_taken_as_200_dpi_and_an_operator_cannot_fetch_it(client, people):
    page = page_image(dpi=100)  # 827×1170 pixels
    client.force_login(people["manager1"])
    upload(client, "nodpi.png", encoded(page, "PNG"))
    doc = Document.objects.get()
    with pymupdf.open(doc.original.path) as pdf:
        assert (round(pdf[0].rect.width), round(pdf[0].rect.height)) == (round(827 * 72 / 200), round(1170 * 72 / 200))
    client.force_login(people["operator1"])  # not working on it
    assert client.get(reverse("source_file", args=[doc.pk])).status_code == 403


def test_the_exif_orientation_of_a_photo_is_applied(client, people):
    upright = page_image()
    # A phone stores the pixels as the sensor saw them and says "turn 90° clockwise to show" (6).
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encoded(upright.rotate(90, expand=True).convert("RGB"), "JPEG", quality=90, exif=exif, dpi=(200, 200))
    client.force_login(people["manager1"])
    upload(client, "phone.jpg", data)
    doc = Document.objects.get()
    page = doc.pages.get()
    assert page.height > page.width, "portrait, as the photo is shown"
    assert correlation(stored_page(doc), upright) > 0.9
    assert page.cleanup.get("rotation", 0) == 0, "EXIF turned it; clean-up found it upright already"


@pytest.mark.parametrize("clockwise, skew", [(90, 0.0), (180, 0.0), (270, 0.0), (0, 3.0), (90, -3.0)])
def test_a_turned_or_skewed_scan_is_stored_upright_and_the_document_page_says_what_was_done(clockwise, skew, client,
                                                                                          people):
    upright = page_image()
    scan = turned(upright, clockwise=clockwise, skew=skew)
    assert correlation(scan if scan.size == upright.size else scan.resize(upright.size), upright) < 0.7
    client.force_login(people["manager1"])
    upload(client, "turned.png", encoded(scan, "PNG", dpi=(200, 200)))
    doc = Document.objects.get()
    page = doc.pages.get()
    assert correlation(stored_page(doc), upright) > 0.9
    assert page.cleanup["rotation"] == (360 - clockwise) % 360
    assert abs(page.cleanup["skew"] + skew) <= 0.3
    detail = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    if clockwise:
        assert f"turned {(360 - clockwise) % 360}° clockwise to stand upright" in detail
    if skew:
        assert "straightened by" in detail
    history = doc.history.get(kind=HistoryEvent.Kind.RENDER)
    assert history.data["corrected"][0]["page"] == 1


def test_a_scanned_pdf_is_turned_upright_and_the_pdf_as_uploaded_is_kept(client, people):
    upright = page_image()
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=encoded(turned(upright, clockwise=180, skew=1.5), "PNG"))
    born_digital = pdf.new_page(width=595, height=842)
    born_digital.insert_text((72, 72), "人事異動のお知らせ", fontname="japan", fontsize=12)
    data = pdf.tobytes()
    client.force_login(people["manager1"])
    upload(client, "scan.pdf", data)
    doc = Document.objects.get()
    assert doc.status == Document.Status.KEYING and doc.page_count == 2
    assert doc.source.read() == data and doc.source_kind == "pdf"
    assert correlation(stored_page(doc, 1), upright) > 0.9
    assert doc.pages.get(number=1).cleanup["rotation"] == 180
    assert doc.pages.get(number=2).cleanup == {}, "a page with a text layer is left as it is"
    with pymupdf.open(doc.original.path) as stored:
        assert "人事異動のお知らせ" in stored[1].get_text()
        # What the keyers and the zoom view read is the corrected page.
        pix = stored[0].get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
        assert correlation(Image.frombytes("L", (pix.width, pix.height), pix.samples), upright) > 0.9


def test_without_tesseract_pages_are_only_straightened_and_the_document_page_says_why(client, people, settings,
                                                                                     monkeypatch):
    settings.PDF_SANDBOX = False  # the clean-up runs in this process, where tesserocr is made unimportable
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    upright = page_image()
    client.force_login(people["manager1"])
    upload(client, "skewed.png", encoded(turned(upright, skew=3.0), "PNG", dpi=(200, 200)))
    doc = Document.objects.get()
    assert correlation(stored_page(doc), upright) > 0.9
    assert doc.pages.get().cleanup["orientation_checked"] is False
    assert "tesserocr (Tesseract) is not installed" in doc.cleanup_note
    detail = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    assert "Page clean-up was limited" in detail and "only straightened" in detail


def test_ingest_and_the_api_take_images_too(tmp_path, people, client):
    from tests.test_api import DOCUMENTS, auth, new_client

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.png").write_bytes(encoded(page_image(), "PNG", dpi=(200, 200)))
    (folder / "b.TIF").write_bytes(multi_page_tiff([page_image().convert("1")] * 2, compression="group4"))
    (folder / "notes.txt").write_text("not a document")
    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out)
    assert Document.objects.count() == 2 and "ERROR" not in out.getvalue()
    assert sorted(Document.objects.values_list("source_kind", "page_count")) == [("png", 1), ("tiff", 2)]

    _, token = new_client()
    data = encoded(page_image().convert("RGB"), "JPEG", quality=80)
    response = client.post(DOCUMENTS, {"file": SimpleUploadedFile("scan.jpeg", data, content_type="image/jpeg")},
                           **auth(token))
    assert response.status_code == 201, response.content
    lying = client.post(DOCUMENTS, {"file": SimpleUploadedFile("scan.png", data, content_type="image/png")},
                        **auth(token))
    assert lying.status_code == 400 and "named as a PNG file but its content is JPEG" in lying.json()["detail"]
