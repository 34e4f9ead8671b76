"""Upload checks and rendering of untrusted PDFs (design §7.5)."""
from __future__ import annotations

import pymupdf
import pytest

from dataentry.pdf import PdfRejected, check_pdf, render_pdf


def one_page_pdf(text: str = "人事異動のお知らせ", width: float = 595, height: float = 842) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    page.insert_text((72, 72), text, fontname="japan", fontsize=12)
    return doc.tobytes()


def test_it_accepts_a_plain_pdf_and_reports_its_pages():
    info = check_pdf(one_page_pdf(), filename="ok.pdf")
    assert info.page_count == 1 and len(info.sha256) == 64


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"<html><script>alert(1)</script></html>%PDF-1.7", "is not a PDF, PNG, JPEG or TIFF file"),
    (b"%PDF-1.7\n this is not really a pdf", "could not be opened"),
])
def test_it_rejects_bad_files_with_a_clear_message(data, message):
    with pytest.raises(PdfRejected, match=message):
        check_pdf(data, filename="bad.pdf")


def test_it_rejects_encrypted_pdfs():
    doc = pymupdf.open(stream=one_page_pdf(), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    with pytest.raises(PdfRejected, match="encrypted"):
        check_pdf(data, filename="locked.pdf")


def test_it_enforces_the_size_page_and_page_size_limits(settings):
    settings.UPLOAD_MAX_PAGES = 3
    doc = pymupdf.open()
    for _ in range(4):
        doc.new_page()
    with pytest.raises(PdfRejected, match="4 pages; the limit is 3"):
        check_pdf(doc.tobytes(), filename="long.pdf")
    with pytest.raises(PdfRejected, match="pt on the longest side"):
        check_pdf(one_page_pdf(width=14000, height=14000), filename="huge.pdf")
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(PdfRejected, match="the limit is"):
        check_pdf(b"%PDF-" + b"0" * 2000, filename="big.pdf")


def test_it_renders_pages_and_keeps_the_text_layer(tmp_path, settings):
    settings.RENDER_MAX_PIXELS = 200_000
    path = tmp_path / "a.pdf"
    path.write_bytes(one_page_pdf("令和7年4月1日付"))
    [page] = render_pdf(path, dpi=150)
    assert "令和7年4月1日付" in page.text
    assert page.png.startswith(b"\x89PNG")
    # The pixel cap scales the page down rather than allocating a huge image.
    assert page.width * page.height <= 200_000 * 1.01
