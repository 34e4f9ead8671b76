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
        raise PdfRejected(not_accepted_message(name))
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


# --- images and the one entry point for uploads (issue 11) ------------------------------------

# What the content starts with decides the type; the name only has to agree with it.
MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".tif": "tiff",
              ".tiff": "tiff"}
KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "tiff": "TIFF"}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}
# Pillow's format name for each kind: a PNG header on a JPEG body is caught when Pillow disagrees.
_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF"}
# Scanners write the resolution; a missing or absurd one gets the usual scanner setting.
DEFAULT_IMAGE_DPI = 200
_DPI_RANGE = (50, 2400)


def not_accepted_message(name: str) -> str:
    return f"{name} is not a PDF, PNG, JPEG or TIFF file (its content is none of these)."


def sniff(data: bytes) -> str | None:
    """The accepted type the content is, by its first bytes; None for anything else."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


@dataclass(frozen=True)
class UploadInfo:
    sha256: str          # of the uploaded bytes (the original): re-uploading the same file is detected
    page_count: int
    size_bytes: int
    kind: str            # pdf, png, jpeg or tiff: what the content is
    # The PDF to store and work on when it is not the upload itself: an image made into PDF
    # pages, or a PDF with its active content removed. None: the upload is stored as is.
    pdf: bytes | None = None
    removed: tuple[str, ...] = ()


def check_upload(data: bytes, *, filename: str = "") -> UploadInfo:
    """Check any upload: a PDF as `check_pdf` does, an image by its limits, made into a PDF with
    one page per frame. Raises PdfRejected with one line saying why."""
    name = filename or "the file"
    if not data:
        raise PdfRejected(f"{name} is empty.")
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise PdfRejected(
            f"{name} is {len(data) / 1_048_576:.1f} MB; the limit is {settings.UPLOAD_MAX_BYTES / 1_048_576:.0f} MB."
        )
    kind = sniff(data)
    if kind is None:
        raise PdfRejected(not_accepted_message(name))
    named = EXTENSIONS.get(Path(filename).suffix.lower()) if filename else None
    if named is not None and named != kind:
        raise PdfRejected(f"{name} is named as a {KIND_LABELS[named]} file but its content is {KIND_LABELS[kind]}; "
                          f"check that it is the right file and rename it.")
    if kind == "pdf":
        info = check_pdf(data, filename=filename)
        return UploadInfo(sha256=info.sha256, page_count=info.page_count, size_bytes=info.size_bytes, kind="pdf",
                          pdf=info.scrubbed, removed=info.removed)
    if _HTML_MARKUP.search(data[:SNIFF_WINDOW]):
        raise PdfRejected(f"{name} contains HTML markup near its start (an image/HTML polyglot); save it again "
                          f"from an image program.")
    made = image_to_pdf(data, kind=kind, name=name)
    # The same page checks as an uploaded PDF (page count, page size, image pixels).
    with pymupdf.open(stream=made, filetype="pdf") as doc:
        page_count = _check_document(doc, name)
    return UploadInfo(sha256=hashlib.sha256(data).hexdigest(), page_count=page_count, size_bytes=len(data),
                      kind=kind, pdf=made)


def _frame_dpi(frame: "Image.Image") -> tuple[float, float]:
    dpi = frame.info.get("dpi")
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_DPI
    low, high = _DPI_RANGE
    if not (low <= x <= high and low <= y <= high):
        return DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_DPI
    return x, y


def _frame_for_pdf(frame: "Image.Image", kind: str) -> tuple[bytes, int, int]:
    """One frame, upright (EXIF orientation), as PNG or JPEG bytes for a PDF page."""
    from PIL import ImageOps

    image = ImageOps.exif_transpose(frame) if kind in ("jpeg", "tiff", "png") else frame
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba).convert("RGB")
    elif image.mode not in ("1", "L", "RGB"):
        image = image.convert("L" if image.mode in ("I", "I;16", "F") else "RGB")
    out = io.BytesIO()
    if kind == "jpeg" and image.mode in ("L", "RGB"):
        image.save(out, format="JPEG", quality=92)
    else:
        image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue(), image.width, image.height


def image_to_pdf(data: bytes, *, kind: str, name: str) -> bytes:
    """A PNG, JPEG or TIFF (every frame) as a PDF, one page per frame, the page as large as the
    image at its resolution. Refuses pixel bombs before decoding and damaged or lying files."""
    import warnings

    max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    label = KIND_LABELS[kind]
    out = pymupdf.open()
    try:
        with warnings.catch_warnings():
            # Pillow warns beyond its own pixel limit (and refuses at twice that); ours, a setting, is
            # checked on each frame's size before anything is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.simplefilter("ignore", UserWarning)  # Pillow's notes on damaged tags: the outcome says enough
            try:
                image = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]])
            except Image.DecompressionBombError:
                raise PdfRejected(f"{name} is an image of too many pixels; the limit is "
                                  f"{max_pixels / 1e6:.0f} million pixels per image.") from None
            except Exception:
                raise PdfRejected(f"{name} starts like a {label} image but could not be read as one "
                                  f"(damaged or not really {label}).") from None
            with image:
                number = 0
                while True:
                    number += 1
                    if number > settings.UPLOAD_MAX_PAGES:
                        raise PdfRejected(f"{name} has more than {settings.UPLOAD_MAX_PAGES} pages; "
                                          f"the limit is {settings.UPLOAD_MAX_PAGES}.")
                    width, height = image.size
                    if width * height > max_pixels:
                        raise PdfRejected(f"{name}: page {number} is an image of {width}×{height} pixels; "
                                          f"the limit is {max_pixels / 1e6:.0f} million pixels per image.")
                    if width < 1 or height < 1:
                        raise PdfRejected(f"{name}: page {number} is an empty image.")
                    try:
                        image.load()
                        stream, w, h = _frame_for_pdf(image, kind)
                    except PdfRejected:
                        raise
                    except Image.DecompressionBombError:
                        raise PdfRejected(f"{name}: page {number} has too many pixels; the limit is "
                                          f"{max_pixels / 1e6:.0f} million pixels per image.") from None
                    except MemoryError:
                        raise
                    except Exception as exc:  # truncated data, a broken codec stream, a lying header
                        raise PdfRejected(f"{name}: page {number} could not be decoded as {label} "
                                          f"({_short(exc)}); the file is damaged or incomplete.") from None
                    xdpi, ydpi = _frame_dpi(image)
                    # EXIF may have turned the frame: its width now goes with the other resolution.
                    if (w, h) != (width, height):
                        xdpi, ydpi = ydpi, xdpi
                    page = out.new_page(width=w * 72 / xdpi, height=h * 72 / ydpi)
                    try:
                        page.insert_image(page.rect, stream=stream)
                    except Exception as exc:
                        raise PdfRejected(f"{name}: page {number} could not be made into a PDF page ({_short(exc)}).") from None
                    try:
                        image.seek(image.tell() + 1)
                    except EOFError:
                        break
                    except Exception as exc:
                        raise PdfRejected(f"{name}: the page after page {number} could not be read "
                                          f"({_short(exc)}); the file is damaged or incomplete.") from None
        return out.tobytes(garbage=1, deflate=True)
    finally:
        out.close()


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


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


# --- page clean-up of scans (issue 11) -----------------------------------------------------------

# Scans are re-rendered for clean-up at their own resolution, within these bounds.
CLEAN_DPI_RANGE = (100, 300)
CLEAN_BATCH = 8  # pages per sandbox call: OSD takes about a second a page, the child has a CPU limit


@dataclass(frozen=True)
class CleanedPages:
    # One report per page looked at: {"page", "rotation", "skew", "orientation_checked"[, "note"]}.
    reports: tuple = ()
    # (page number, image bytes, width pt, height pt) for each page that was corrected.
    images: tuple = ()


def _scan_dpi_and_mode(page: "pymupdf.Page") -> tuple[int, str]:
    """The resolution of the page's largest image and whether it is bilevel, grey or colour."""
    dpi, mode = CLEAN_DPI_RANGE[0] * 2, "RGB"
    try:
        infos = page.get_image_info()
        images = page.get_images(full=False)
    except Exception:
        return dpi, mode
    largest = max(infos, key=lambda i: i.get("width", 0) * i.get("height", 0), default=None)
    if largest is not None:
        inches = max((largest["bbox"][2] - largest["bbox"][0]) / 72, 0.01)
        dpi = round(largest["width"] / inches)
    if images and all(int(i[4]) == 1 for i in images):
        mode = "1"
    elif images and all(str(i[5]) in ("DeviceGray", "CalGray", "Indexed") or int(i[4]) == 1 for i in images):
        mode = "L"
    low, high = CLEAN_DPI_RANGE
    return min(max(dpi, low), high), mode


def clean_pages(path: Path, *, start: int, stop: int) -> CleanedPages:
    """Turn upright and straighten the pages start..stop-1 (0-based) that have no text layer.
    Pages with text are born-digital: their layout is exact and left alone."""
    from inference.local.cleanup import straighten

    reports, images = [], []
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise PdfRejected(f"the stored PDF could not be opened ({exc})") from None
    with doc:
        for index in range(start, min(stop, doc.page_count)):
            try:
                page = doc[index]
                if page.get_text("text").strip():
                    continue
                _check_images(page.get_images(full=False), "the stored PDF", index + 1)
                dpi, mode = _scan_dpi_and_mode(page)
                pix = page_pixmap(page, dpi=dpi)
            except PdfRejected:
                raise
            except Exception as exc:
                raise PdfRejected(f"page {index + 1} could not be rendered ({exc})") from None
            if not pix.width or not pix.height:
                continue
            image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
            if mode != "RGB":
                image = image.convert("L")
            corrected, report = straighten(image)
            reports.append({"page": index + 1, **report.as_dict()})
            if not report.changed:
                continue
            out = io.BytesIO()
            if mode == "1":
                corrected.point(lambda v: 255 if v >= 128 else 0).convert("1").save(out, format="PNG")
            elif mode == "L" and dpi < 250:
                corrected.save(out, format="PNG", compress_level=6)
            else:
                corrected.save(out, format="JPEG", quality=90)
            zoom = pix.width / page.rect.width  # pixels per point actually used (the pixel cap may lower it)
            images.append((index + 1, out.getvalue(), corrected.width / zoom, corrected.height / zoom))
    return CleanedPages(reports=tuple(reports), images=tuple(images))


def replace_pages(path: Path, *, images: tuple) -> bytes:
    """The stored PDF with the listed pages replaced by their corrected images (`clean_pages`)."""
    replacements = {int(number): (data, width, height) for number, data, width, height in images}
    try:
        src = pymupdf.open(path)
    except Exception as exc:
        raise PdfRejected(f"the stored PDF could not be opened ({exc})") from None
    out = pymupdf.open()
    try:
        with src:
            for index in range(src.page_count):
                if index + 1 in replacements:
                    data, width, height = replacements[index + 1]
                    page = out.new_page(width=width, height=height)
                    page.insert_image(page.rect, stream=data)
                else:
                    out.insert_pdf(src, from_page=index, to_page=index)
        return out.tobytes(garbage=1, deflate=True)
    except Exception as exc:
        raise PdfRejected(f"the corrected pages could not be stored ({_short(exc)})") from None
    finally:
        out.close()


# --- rendering ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenderedPage:
    number: int
    png: bytes
    width: int
    height: int
    text: str
    body_points: float = 0.0  # `page_body_points`; 0: no text layer


def page_body_points(page: "pymupdf.Page") -> float | None:
    """The page's body text size in points: the median font size of its characters, so a title or
    a footnote does not decide. None for a page without text (a scan)."""
    weighted = sorted(
        (span["size"], len(span["text"].strip()))
        for block in page.get_text("dict").get("blocks", []) for line in block.get("lines", [])
        for span in line.get("spans", []) if span.get("text", "").strip()
    )
    total = sum(n for _, n in weighted)
    middle, seen = total / 2, 0
    for size, n in weighted:
        seen += n
        if seen >= middle:
            return round(float(size), 2)
    return None


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
            try:
                body_points = page_body_points(page) or 0.0
            except Exception:  # only the opening zoom depends on it, which then assumes the usual size
                body_points = 0.0
            pages.append(RenderedPage(number=index + 1, png=_png_via_pillow(pix), width=pix.width,
                                      height=pix.height, text=text, body_points=body_points))
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
