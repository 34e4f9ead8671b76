"""Checking and rendering uploaded PDFs (design §7.5).

Everything that opens an untrusted PDF lives here, so the limits are applied in one place:
size, PDF magic, a successful PyMuPDF open, no encryption, page count and page size, and a
pixel cap when rendering.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from django.conf import settings
from PIL import Image


class PdfRejected(Exception):
    """The file is not a PDF we accept; the message is shown to the uploader as is."""


@dataclass(frozen=True)
class PdfInfo:
    sha256: str
    page_count: int
    size_bytes: int


def check_pdf(data: bytes, *, filename: str = "") -> PdfInfo:
    name = filename or "the file"
    if not data:
        raise PdfRejected(f"{name} is empty.")
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise PdfRejected(
            f"{name} is {len(data) / 1_048_576:.1f} MB; the limit is {settings.UPLOAD_MAX_BYTES / 1_048_576:.0f} MB."
        )
    # The header must be at the very start: a file that is HTML (or anything else) first and PDF
    # later would be sniffed as HTML by a browser.
    if not data.startswith(b"%PDF-"):
        raise PdfRejected(f"{name} is not a PDF (it does not start with %PDF-).")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise PdfRejected(f"{name} could not be opened as a PDF ({exc}).") from None
    try:
        if doc.needs_pass or doc.is_encrypted:
            raise PdfRejected(f"{name} is encrypted or password-protected; upload an unprotected copy.")
        if doc.page_count < 1:
            raise PdfRejected(f"{name} has no pages.")
        if doc.page_count > settings.UPLOAD_MAX_PAGES:
            raise PdfRejected(f"{name} has {doc.page_count} pages; the limit is {settings.UPLOAD_MAX_PAGES}.")
        for page in doc:
            rect = page.rect
            if max(rect.width, rect.height) > settings.UPLOAD_MAX_PAGE_POINTS or min(rect.width, rect.height) <= 0:
                raise PdfRejected(
                    f"{name}: page {page.number + 1} is {rect.width:.0f}×{rect.height:.0f} pt; "
                    f"the limit is {settings.UPLOAD_MAX_PAGE_POINTS} pt on the longest side."
                )
        page_count = doc.page_count
    finally:
        doc.close()
    return PdfInfo(sha256=hashlib.sha256(data).hexdigest(), page_count=page_count, size_bytes=len(data))


@dataclass(frozen=True)
class RenderedPage:
    number: int
    png: bytes
    width: int
    height: int
    text: str


def render_pdf(path: Path, *, dpi: int | None = None) -> list[RenderedPage]:
    """Render every page to PNG and keep its text layer. Raises PdfRejected on limits."""
    dpi = dpi or settings.RENDER_DPI
    pages: list[RenderedPage] = []
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise PdfRejected(f"the stored PDF could not be opened ({exc})") from None
    with doc:
        for page in doc:
            zoom = dpi / 72
            pixels = page.rect.width * zoom * page.rect.height * zoom
            if pixels > settings.RENDER_MAX_PIXELS:
                # Scale down instead of refusing: the page is still readable, memory stays bounded.
                zoom *= (settings.RENDER_MAX_PIXELS / pixels) ** 0.5
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            png = _png_via_pillow(pix)
            pages.append(
                RenderedPage(number=page.number + 1, png=png, width=pix.width, height=pix.height, text=page.get_text("text"))
            )
    return pages


def _png_via_pillow(pix: "pymupdf.Pixmap") -> bytes:
    Image.MAX_IMAGE_PIXELS = settings.RENDER_MAX_PIXELS
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()
