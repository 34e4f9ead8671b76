"""Hostile and broken uploads (issue 6, point 8): each is refused with a message the manager can act
on (or, for JavaScript and attachments, stored without them), quickly, and without crashing the
web process or a worker. Limits are settings: UPLOAD_MAX_BYTES, UPLOAD_MAX_PAGES,
UPLOAD_MAX_PAGE_POINTS, UPLOAD_MAX_OBJECTS, UPLOAD_MAX_IMAGE_PIXELS, RENDER_MAX_PIXELS.
"""
from __future__ import annotations

import io
import struct
import time
import zlib

import pymupdf
import pytest
from django.urls import reverse

from dataentry.models import Document, DocumentType, HistoryEvent
from dataentry.pdf import PdfRejected, active_content, check_upload, render_pdf

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


def image(kind: str = "PNG", size=(400, 300), **params) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", size, 255).save(out, format=kind, **params)
    return out.getvalue()


def png_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A PNG whose header claims 3.6 billion pixels; the data is a few bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


def tiff_pages(count: int) -> bytes:
    from PIL import Image

    frames = [Image.new("1", (200, 280), 1) for _ in range(count)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", compression="group4", save_all=True, append_images=frames[1:])
    return out.getvalue()


# name: the file name uploaded (the type is decided by the content; a name that says otherwise is refused).
BAD_FILES = {
    "PNG bytes with a .pdf name": (lambda: image("PNG"), "named as a PDF file but its content is PNG"),
    "HTML then PDF": (lambda: b"<html><script>alert(1)</script></html>\n" + pdf_bytes(), "is not a PDF, PNG, JPEG or TIFF"),
    "a GIF": (lambda: b"GIF89a" + image("GIF")[6:], "is not a PDF, PNG, JPEG or TIFF", "scan.gif"),
    "a .png that is a PDF": (lambda: pdf_bytes(), "named as a PNG file but its content is PDF", "scan.png"),
    "a JPEG named .png": (lambda: image("JPEG"), "named as a PNG file but its content is JPEG", "scan.png"),
    "PNG header, JPEG body": (lambda: b"\x89PNG\r\n\x1a\n" + image("JPEG"), "could not be read as one", "scan.png"),
    "truncated PNG": (lambda: image("PNG", size=(1200, 900), compress_level=0)[:5000], "damaged or incomplete", "scan.png"),
    "truncated JPEG": (lambda: image("JPEG", size=(1200, 900), quality=95)[:800], "damaged or incomplete", "scan.jpg"),
    "truncated multi-page TIFF": (lambda: tiff_pages(3)[:-300], "damaged or incomplete", "fax.tif"),
    "PNG decompression bomb": (png_bomb, "million pixels per image", "bomb.png"),
    "TIFF of too many pages": (lambda: tiff_pages(60), "the limit is 50", "fax.tif"),
    "HTML/PNG polyglot": (lambda: image("PNG")[:8] + b"<html><script>alert(1)</script>" + image("PNG")[8:],
                          "HTML markup", "scan.png"),
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
    make, message, *named = BAD_FILES[case]
    name = named[0] if named else "upload.pdf"
    data = make()
    started = time.monotonic()
    with pytest.raises(PdfRejected, match=message) as refused:
        check_upload(data, filename=name)
    assert time.monotonic() - started < 3
    assert str(refused.value).startswith(name) and "\n" not in str(refused.value)


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
    named = []
    if case == "empty":
        data, message = b"", "The submitted file is empty"
    elif case == "over the size limit":
        settings.UPLOAD_MAX_BYTES = 64 * 1024
        data, message = pdf_bytes(pages=400), "is too large (limit"
    else:
        make, message, *named = BAD_FILES[case]
        data = make()
    response = upload_through_the_page(client, named[0] if named else "bad.pdf", data)
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
