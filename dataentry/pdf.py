"""Checking and rendering uploaded PDFs (design §7.5).

Everything that opens an untrusted PDF lives here, so the limits are applied in one place:
size, PDF magic, no HTML markup where a browser would sniff it, a complete file (%%EOF at the
end), a successful PyMuPDF open, no encryption, page count and page size, object count, the
pixel count of embedded images, and a pixel cap when rendering.

Active content (JavaScript, launch/submit actions, embedded files and attachments, XFA forms,
rich media) is not rejected but scrubbed: `check_pdf` returns the cleaned bytes in
`PdfInfo.scrubbed`, and that copy is the one stored and later downloaded by managers. A file
whose active content cannot be removed completely is rejected. Limits are settings (see
README); the getattr defaults below apply when a setting is absent.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from django.conf import settings
from PIL import Image

# A browser that sniffs content looks at roughly the first 1445 bytes (MIME Sniffing Standard).
SNIFF_WINDOW = 4096
_HTML_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|img|object|embed|meta)", re.I)
_DANGEROUS_ACTIONS = ("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "GoToR", "RichMediaExecute",
                      "Rendition", "Sound", "Movie")
_DANGEROUS_ACTION_RE = re.compile(r"/S\s*/(" + "|".join(_DANGEROUS_ACTIONS) + r")\b")
# Keys whose value is active content wherever they appear, with what to call it in messages.
_ACTIVE_KEYS = {
    "AA": "JavaScript", "JS": "JavaScript", "JavaScript": "JavaScript", "Names/JavaScript": "JavaScript",
    "EmbeddedFiles": "embedded files", "Names/EmbeddedFiles": "embedded files", "EF": "embedded files",
    "FS/EF": "attachments", "XFA": "XFA form", "AcroForm/XFA": "XFA form", "RichMediaContent": "rich media",
}
# Annotations that carry files, media or scripts of their own.
_ACTIVE_ANNOTS = {"/FileAttachment": "attachments", "/RichMedia": "rich media", "/Screen": "rich media",
                  "/Movie": "rich media", "/Sound": "rich media", "/3D": "rich media"}
_MARKERS = re.compile(r"/(JavaScript|JS|AA|EmbeddedFiles?|EF|XFA|RichMedia\w*|Launch|SubmitForm|ImportData|GoToE|GoToR"
                      r"|Rendition|Sound|Movie|FileAttachment|Screen|3D|OpenAction)(?![\w.-])")
# Keys that may hold an inline action dictionary.
_ACTION_KEYS = ("A", "OpenAction", "Next")


class PdfRejected(Exception):
    """The file is not a PDF we accept; the message is shown to the uploader as is."""


@dataclass(frozen=True)
class PdfInfo:
    sha256: str          # of the uploaded bytes: re-uploading the same file is detected
    page_count: int
    size_bytes: int
    # The bytes to store when active content was removed (None: store the upload as is).
    scrubbed: bytes | None = None
    removed: tuple[str, ...] = ()


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
    if _HTML_MARKUP.search(data[:SNIFF_WINDOW]):
        raise PdfRejected(f"{name} contains HTML markup near its start (a PDF/HTML polyglot); save it again as a plain PDF.")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise PdfRejected(f"{name} could not be opened as a PDF ({exc}).") from None
    try:
        # An interrupted transfer is the usual "broken PDF": MuPDF repairs it silently and we
        # would key half a document. Readers accept up to 1 KB after the %%EOF marker.
        if b"%%EOF" not in data[-1024:]:
            raise PdfRejected(f"{name} is incomplete (it does not end with %%EOF); upload the whole file again.")
        page_count = _check_document(doc, name)
        removed = active_content(doc)
        scrubbed = _scrubbed_bytes(doc, name) if removed else None
    finally:
        doc.close()
    return PdfInfo(sha256=hashlib.sha256(data).hexdigest(), page_count=page_count, size_bytes=len(data),
                   scrubbed=scrubbed, removed=tuple(removed))


def _check_document(doc: "pymupdf.Document", name: str) -> int:
    if doc.needs_pass or doc.is_encrypted:
        raise PdfRejected(f"{name} is encrypted or password-protected; upload an unprotected copy.")
    if doc.page_count < 1:
        raise PdfRejected(f"{name} has no pages.")
    if doc.page_count > settings.UPLOAD_MAX_PAGES:
        raise PdfRejected(f"{name} has {doc.page_count} pages; the limit is {settings.UPLOAD_MAX_PAGES}.")
    max_objects = settings.UPLOAD_MAX_OBJECTS
    if doc.xref_length() > max_objects:
        raise PdfRejected(f"{name} has {doc.xref_length()} PDF objects; the limit is {max_objects}.")
    for index in range(doc.page_count):
        try:
            page = doc[index]
            rect = page.rect
            images = page.get_images(full=False)
        except Exception as exc:
            raise PdfRejected(f"{name}: page {index + 1} is damaged ({exc}).") from None
        if max(rect.width, rect.height) > settings.UPLOAD_MAX_PAGE_POINTS or min(rect.width, rect.height) <= 0:
            raise PdfRejected(
                f"{name}: page {index + 1} is {rect.width:.0f}×{rect.height:.0f} pt; "
                f"the limit is {settings.UPLOAD_MAX_PAGE_POINTS} pt on the longest side."
            )
        _check_images(images, name, index + 1)
    return doc.page_count


def _check_images(images: list, name: str, number: int) -> None:
    """Refuse a decompression bomb before anything decodes it: the sizes are in the image dictionaries."""
    max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    for image in images:
        width, height = int(image[2]), int(image[3])
        if width * height > max_pixels:
            raise PdfRejected(
                f"{name}: page {number} holds an image of {width}×{height} pixels; "
                f"the limit is {max_pixels / 1e6:.0f} million pixels per image."
            )


# --- active content -------------------------------------------------------------------------

def _key(doc: "pymupdf.Document", xref: int, key: str) -> tuple[str, str]:
    try:
        return doc.xref_get_key(xref, key)
    except Exception:
        return "null", "null"


def _is_resource_name(doc: "pymupdf.Document", kind: str, value: str) -> bool:
    """`/AA 5 0 R` in a font or XObject resource dictionary is a resource named AA, not actions."""
    if kind != "xref":
        return False
    target = int(value.split()[0])
    return _key(doc, target, "Type")[1] in ("/Font", "/XObject", "/ExtGState") or _key(doc, target, "Subtype")[0] != "null"


def _remove_active_annots(doc: "pymupdf.Document") -> None:
    for page in doc:
        doomed = [xref for xref in page.annot_xrefs() if _key(doc, xref[0], "Subtype")[1] in _ACTIVE_ANNOTS]
        for xref, _type, _ident in doomed:
            page.delete_annot(page.load_annot(xref))


def _walk_active(doc: "pymupdf.Document", *, remove: bool) -> list[str]:
    found: list[str] = []
    if remove:
        _remove_active_annots(doc)
    for xref in range(1, doc.xref_length()):
        # One cheap look at the printed object (names arrive decoded: /J#61vaScript prints as
        # /JavaScript) before the key-by-key checks, which cost ~20 lookups per object.
        try:
            text = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if not _MARKERS.search(text):
            continue
        subtype = _key(doc, xref, "Subtype")[1]
        if subtype in _ACTIVE_ANNOTS:
            found.append(_ACTIVE_ANNOTS[subtype])
        kind, action = _key(doc, xref, "S")
        if kind == "name" and action.lstrip("/") in _DANGEROUS_ACTIONS:
            found.append("JavaScript" if action == "/JavaScript" else f"{action.lstrip('/')} action")
            if remove:
                doc.update_object(xref, "<<>>")
            continue
        kind, subtype = _key(doc, xref, "Type")
        if subtype == "/EmbeddedFile":
            found.append("embedded files")
            if remove:
                doc.update_object(xref, "<<>>")
                doc.update_stream(xref, b"")
            continue
        for key, label in _ACTIVE_KEYS.items():
            kind, value = _key(doc, xref, key)
            if kind == "null" or _is_resource_name(doc, kind, value):
                continue
            found.append(label)
            if remove:
                doc.xref_set_key(xref, key, "null")
        for key in _ACTION_KEYS:
            kind, value = _key(doc, xref, key)
            match = _DANGEROUS_ACTION_RE.search(value) if kind == "dict" else None
            if match:
                found.append("JavaScript" if match.group(1) == "JavaScript" else f"{match.group(1)} action")
                if remove:
                    doc.xref_set_key(xref, key, "null")
    return sorted(set(found))


def active_content(doc: "pymupdf.Document") -> list[str]:
    """What a PDF reader could run or extract: JavaScript, launch/submit actions, embedded files, XFA."""
    return _walk_active(doc, remove=False)


def _scrubbed_bytes(doc: "pymupdf.Document", name: str) -> bytes:
    pages = doc.page_count
    try:
        _walk_active(doc, remove=True)
        # garbage=3 drops the objects nothing refers to any more (the scripts and files themselves).
        cleaned = doc.tobytes(garbage=3)
        with pymupdf.open(stream=cleaned, filetype="pdf") as check:
            left = active_content(check)
            complete = check.page_count == pages
    except Exception:  # a damaged file can break while being cleaned (found by tests/test_fuzz_pdf.py)
        left, complete = ["unknown"], False
    if left or not complete:
        raise PdfRejected(f"{name} contains active content (JavaScript, attachments or similar) that could not be "
                          "removed safely; print it to a new PDF and upload that.")
    return cleaned


# --- rendering ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenderedPage:
    number: int
    png: bytes
    width: int
    height: int
    text: str


def render_pdf(path: Path, *, dpi: int | None = None) -> list[RenderedPage]:
    """Render every page to PNG and keep its text layer. Raises PdfRejected on limits or damage."""
    dpi = dpi or settings.RENDER_DPI
    pages: list[RenderedPage] = []
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise PdfRejected(f"the stored PDF could not be opened ({exc})") from None
    with doc:
        for index in range(doc.page_count):
            try:
                page = doc[index]
                # Files stored before the upload checks existed get the same image limit here.
                _check_images(page.get_images(full=False), "the stored PDF", index + 1)
                pix = page_pixmap(page, dpi=dpi)
                text = page.get_text("text")
            except PdfRejected:
                raise
            except Exception as exc:  # a damaged content stream: say which page, do not crash the task
                raise PdfRejected(f"page {index + 1} could not be rendered ({exc})") from None
            pages.append(RenderedPage(number=index + 1, png=_png_via_pillow(pix), width=pix.width,
                                      height=pix.height, text=text))
    return pages


def page_pixmap(page: "pymupdf.Page", *, dpi: int) -> "pymupdf.Pixmap":
    """One page at `dpi`, scaled down when it would exceed RENDER_MAX_PIXELS: the page stays
    readable and memory stays bounded."""
    zoom = dpi / 72
    pixels = page.rect.width * zoom * page.rect.height * zoom
    if pixels > settings.RENDER_MAX_PIXELS:
        zoom *= (settings.RENDER_MAX_PIXELS / pixels) ** 0.5
    return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)


def page_png(page: "pymupdf.Page", *, dpi: int) -> tuple[bytes, int, int]:
    pix = page_pixmap(page, dpi=dpi)
    return _png_via_pillow(pix), pix.width, pix.height


def render_page(*, path: Path, number: int, dpi: int) -> bytes:
    """One page of a stored PDF as PNG (the zoom image); PdfRejected if it is missing or damaged."""
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise PdfRejected(f"the stored PDF could not be opened ({exc})") from None
    with doc:
        if not 1 <= number <= doc.page_count:
            raise PdfRejected(f"page {number} does not exist")
        try:
            png, _, _ = page_png(doc[number - 1], dpi=dpi)
        except PdfRejected:
            raise
        except Exception as exc:
            raise PdfRejected(f"page {number} could not be rendered ({exc})") from None
    return png


def _png_via_pillow(pix: "pymupdf.Pixmap") -> bytes:
    # The pixel cap as an error. Pillow's MAX_IMAGE_PIXELS would not help here: frombytes does not
    # check it, and setting it process-wide (as this function used to) leaked one test's limit into
    # every later Image.open in the process. The zoom above keeps us under the cap, rounding aside.
    if pix.width * pix.height > settings.RENDER_MAX_PIXELS * 1.05:
        raise PdfRejected(f"a rendered page would be {pix.width}×{pix.height} pixels; the limit is "
                          f"{settings.RENDER_MAX_PIXELS}.")
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()
