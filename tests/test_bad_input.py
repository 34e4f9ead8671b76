"""Hostile and broken uploads (issue 6, point 8): each is refused with a message the manager can act
on (or, for JavaScript and attachments, stored without them), quickly, and without crashing the
web process or a worker. Limits are settings: UPLOAD_MAX_BYTES, UPLOAD_MAX_PAGES,
UPLOAD_MAX_PAGE_POINTS, UPLOAD_MAX_OBJECTS, UPLOAD_MAX_IMAGE_PIXELS, RENDER_MAX_PIXELS.
"""
from __future__ import annotations

import time

import pymupdf
import pytest
from django.urls import reverse

from dataentry.models import Document, DocumentType, HistoryEvent
from dataentry.pdf import PdfRejected, active_content, check_pdf, render_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def pdf_bytes(pages: int = 1, width: float = 595, height: float = 842, text: str = "人事異動のお知らせ") -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=width, height=height)
        if text:
            page.insert_text((72, 72), text, fontname="japan", fontsize=12)
    return doc.tobytes()


def with_javascript_and_attachments() -> bytes:
    doc = pymupdf.open(stream=pdf_bytes(), filetype="pdf")
    page = doc[0]
    action = doc.get_new_xref()
    doc.update_object(action, "<< /S /JavaScript /JS (app.launchURL\\('https://evil.example/'\\)) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{action} 0 R")
    # A name written with #-escapes is the same name to a PDF reader: /J#61vaScript is /JavaScript.
    doc.xref_set_key(page.xref, "AA", "<< /O << /S /J#61vaScript /JS (app.alert\\(1\\)) >> >>")
    page.insert_link({"kind": pymupdf.LINK_LAUNCH, "from": pymupdf.Rect(0, 0, 50, 50), "file": "calc.exe"})
    page.add_file_annot((100, 100), b"ATTACHED-SECRET", "payload.txt")
    doc.embfile_add("tool.exe", b"MZ-EMBEDDED-PAYLOAD", filename="tool.exe")
    return doc.tobytes()


def image_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A page that draws one image whose dictionary claims 3.6 billion pixels; the data is tiny."""
    doc = pymupdf.open()
    page = doc.new_page()
    image = doc.get_new_xref()
    doc.update_object(image, f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
                             "/ColorSpace /DeviceRGB /BitsPerComponent 8 >>")
    doc.update_stream(image, b"\x00" * 1024)
    doc.xref_set_key(page.xref, "Resources", f"<< /XObject << /Im1 {image} 0 R >> >>")
    content = doc.get_new_xref()
    doc.update_object(content, "<< >>")
    doc.update_stream(content, b"q 500 0 0 700 50 50 cm /Im1 Do Q")
    doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
    return doc.tobytes()


def encrypted() -> bytes:
    doc = pymupdf.open(stream=pdf_bytes(), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


def polyglot() -> bytes:
    """Valid PDF to a PDF reader, HTML with a script to anything that sniffs the first bytes."""
    return pdf_bytes().replace(b"\n", b"\n%<html><body><script>alert(document.cookie)</script></body></html>\n", 1)


def truncated() -> bytes:
    """An interrupted transfer: MuPDF would repair it and show fewer pages or less text."""
    data = pdf_bytes(pages=3)
    return data[: int(len(data) * 0.9)]


BAD_FILES = {
    "non-PDF with a .pdf name": (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "is not a PDF"),
    "HTML then PDF": (lambda: b"<html><script>alert(1)</script></html>\n" + pdf_bytes(), "is not a PDF"),
    "HTML/PDF polyglot": (polyglot, "HTML markup"),
    "encrypted": (encrypted, "encrypted or password-protected"),
    "garbage after the header": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "could not be opened"),
    "truncated": (truncated, "incomplete"),
    "thousands of pages": (lambda: pdf_bytes(pages=3000, text=""), "3000 pages; the limit is 50"),
    "an enormous page": (lambda: pdf_bytes(width=14400, height=14400), "pt on the longest side"),
    "image decompression bomb": (image_bomb, "million pixels per image"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_the_validator_refuses_each_bad_file_quickly_with_a_clear_message(case, settings):
    settings.UPLOAD_MAX_PAGES = 50
    make, message = BAD_FILES[case]
    data = make()
    started = time.monotonic()
    with pytest.raises(PdfRejected, match=message) as refused:
        check_pdf(data, filename="upload.pdf")
    assert time.monotonic() - started < 3
    assert str(refused.value).startswith("upload.pdf")


def upload_through_the_page(client, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document_type = DocumentType.objects.get(slug="personnel_change").pk
    return client.post(reverse("documents"), {"document_type": document_type,
                                              "files": [SimpleUploadedFile(name, data, "application/pdf")]},
                       follow=True, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("case", ["empty", "over the size limit", *BAD_FILES])
def test_the_upload_page_shows_why_a_file_was_refused_and_stores_nothing(case, client, people, settings):
    settings.UPLOAD_MAX_PAGES = 50
    client.force_login(people["manager1"])
    if case == "empty":
        data, message = b"", "The submitted file is empty"
    elif case == "over the size limit":
        settings.UPLOAD_MAX_BYTES = 64 * 1024
        data, message = pdf_bytes(pages=400), "is too large (limit"
    else:
        make, message = BAD_FILES[case]
        data = make()
    response = upload_through_the_page(client, "bad.pdf", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not HistoryEvent.objects.filter(kind=HistoryEvent.Kind.UPLOAD).exists()


def test_javascript_launch_actions_and_attachments_are_scrubbed_before_the_pdf_is_stored(client, people):
    data = with_javascript_and_attachments()
    with pymupdf.open(stream=data, filetype="pdf") as original:
        assert {"JavaScript", "embedded files", "attachments"} <= set(active_content(original))
    client.force_login(people["manager1"])
    response = upload_through_the_page(client, "scripted.pdf", data)
    assert "uploaded as document" in response.content.decode()
    doc = Document.objects.get()
    stored = doc.original.read()
    for payload in (b"app.launchURL", b"app.alert", b"calc.exe", b"ATTACHED-SECRET", b"MZ-EMBEDDED-PAYLOAD"):
        assert payload not in stored
    with pymupdf.open(stream=stored, filetype="pdf") as clean:
        assert active_content(clean) == [] and clean.embfile_count() == 0
        assert "人事異動" in clean[0].get_text(), "the page itself is untouched"
    upload_event = doc.history.get(kind=HistoryEvent.Kind.UPLOAD)
    assert "JavaScript" in upload_event.data["removed"] and "embedded files" in upload_event.data["removed"]
    # The same file again is still recognised as a duplicate (the hash is of what was uploaded).
    again = upload_through_the_page(client, "scripted-again.pdf", data)
    assert "already uploaded" in again.content.decode()
    # The scrubbed copy renders like any other document.
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING and doc.pages.count() == 1


def test_a_plain_pdf_is_stored_byte_for_byte(client, people):
    data = pdf_bytes()
    client.force_login(people["manager1"])
    upload_through_the_page(client, "plain.pdf", data)
    assert Document.objects.get().original.read() == data


def test_rendering_is_pixel_capped_and_a_bomb_stored_earlier_fails_the_document_not_the_worker(settings, tmp_path):
    settings.RENDER_MAX_PIXELS = 100_000
    page_path = tmp_path / "big.pdf"
    page_path.write_bytes(pdf_bytes(width=4000, height=4000))
    [page] = render_pdf(page_path, dpi=300)  # 16,666 px square at 300 dpi without the cap
    assert page.width * page.height <= 100_000 * 1.01

    bomb_path = tmp_path / "bomb.pdf"
    bomb_path.write_bytes(image_bomb())
    started = time.monotonic()
    with pytest.raises(PdfRejected, match="million pixels"):
        render_pdf(bomb_path)
    assert time.monotonic() - started < 3


def test_a_bomb_that_reached_storage_ends_as_a_failed_document_with_the_reason(settings, generated_samples):
    """Files stored before a limit existed are checked again by the render task: FAILED, not a crash loop."""
    import hashlib

    from django.core.files.base import ContentFile

    from dataentry.doctypes import ensure_builtin
    from dataentry.tasks import render_document

    ensure_builtin()
    data = image_bomb()
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(document_type=DocumentType.objects.get(slug="personnel_change"), sha256=sha, filename="old.pdf")
    doc.original.save(f"{sha}.pdf", ContentFile(data), save=False)
    doc.save()
    render_document.apply(args=[doc.pk])
    doc.refresh_from_db()
    assert doc.status == Document.Status.FAILED and "million pixels" in doc.error
    assert doc.render_attempts == 1
