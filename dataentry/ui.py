"""View helpers of the keying and review pages (issue 3): labels, validation messages, the
character diff shown to reviewers, lease status, today's figures, on-demand high-dpi pages and
the claim-ahead ("prefetch") of the next document.

Nothing here changes the workflow's rules: every write goes through `dataentry.services`.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pymupdf

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from dataentry import hooks, selectors, services
from dataentry.models import Document, Entry
from dataentry.normalization import validate
from dataentry.pdf import page_body_points
from dataentry import pdf_sandbox
from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec

# Zoomed pages are rendered again at this resolution: 300 dpi makes 6 pt half-width kana
# (ﾜﾀﾅﾍﾞ above a name) legible, which the 150 dpi base image does not.
HD_DPI = 300
ALLOWED_HD_DPI = (HD_DPI,)


# --- labels and field layout -------------------------------------------------------------------

def is_japanese(language: str | None) -> bool:
    return (language or "").lower().startswith("ja")


def field_label(field: FieldSpec, language: str | None) -> str:
    """Japanese UI: the label as printed in the documents (発令日); English: the English label."""
    if is_japanese(language) or not field.label_en:
        return field.label
    return field.label_en


def field_span(field: FieldSpec) -> int:
    """Columns (of 12) a field takes in the keying grid, so that a personnel change reads
    発令日 | 姓 | 名, then 会社名 | 姓(ふりがな) | 名(ふりがな), then 新役職 | 旧役職 — DOM order,
    hence Tab order, is the spec's order. Generic on purpose: a type added in the admin gets a
    sensible layout from the kinds and max lengths of its fields."""
    if field.kind == FieldKind.KANA:
        return 3
    if field.kind == FieldKind.TEXT and field.max_length > 60:
        return 6
    return 4


def copy_keys(spec: DocumentTypeSpec) -> list[str]:
    """Fields the "copy from the person above" shortcut fills: the dates and the company,
    which most announcements state once for everybody."""
    return [f.key for f in spec.fields if f.kind == FieldKind.DATE or f.key == "company"]


# --- validation ---------------------------------------------------------------------------------

def validate_posted(spec: DocumentTypeSpec, data: Mapping[str, str]) -> dict[str, str]:
    """Errors for posted cells named r{i}-{key}, in the active language; cells that are fine are left out."""
    fields = {f.key: f for f in spec.fields}
    errors: dict[str, str] = {}
    for name, value in data.items():
        if not name.startswith("r") or "-" not in name:
            continue
        index, _, key = name[1:].partition("-")
        if not index.isdigit() or key not in fields:
            continue
        message = validate(str(value)[:1000], fields[key])
        if message:
            errors[name] = message
    return errors


# --- reviewer's character diff ---------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


def char_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """The two values cut into runs that are equal in both or differ, character by character,
    so the reviewer sees 部長 vs 部長 代理 with only " 代理" marked."""
    a, b = a or "", b or ""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        same = op == "equal"
        if i2 > i1:
            left.append(Segment(a[i1:i2], not same))
        if j2 > j1:
            right.append(Segment(b[j1:j2], not same))
    return left, right


# --- what the page scripts read (rendered with json_script) -------------------------------------

def keying_config(entry: Entry, spec: DocumentTypeSpec) -> dict:
    """Settings and addresses keying.js needs."""
    return {
        "entry": entry.pk,
        "version": entry.version,
        "idleSeconds": settings.IDLE_THRESHOLD_SECONDS,
        "leaseSeconds": settings.LEASE_MINUTES * 60,
        "copyKeys": copy_keys(spec),
        "keys": spec.keys,
        "maxRecords": spec.max_records,
        "validateUrl": reverse("ui_keying_validate", args=[entry.pk]),
        "leaseUrl": reverse("ui_keying_lease", args=[entry.pk]),
        "reclaimUrl": reverse("keying_reclaim", args=[entry.pk]),
        "prefetchUrl": reverse("ui_keying_prefetch", args=[entry.pk]) if settings.KEYING_PREFETCH else "",
        "releaseUrl": reverse("ui_keying_release_ahead", args=[entry.pk]),
        "homeUrl": reverse("keying_home"),
    }


def viewer_config(doc: Document, pages) -> dict:
    """Pages of the document viewer: base image, on-demand high-resolution image, pixel size and
    body text height (the opening zoom shows it at least MIN_TEXT_PX high)."""
    body = body_text_pixels(doc, pages)
    return {
        "document": doc.pk,
        "minTextPx": MIN_TEXT_PX,
        "pages": [
            {"number": p.number, "width": p.width, "height": p.height,
             "src": reverse("page_image", args=[doc.pk, p.number]),
             "hd": reverse("ui_page_image_hd", args=[doc.pk, p.number, HD_DPI]),
             "bodyPx": body.get(p.number)}
            for p in pages
        ],
    }


# --- leases ------------------------------------------------------------------------------------

LEASE_OK, LEASE_EXPIRED, LEASE_TAKEN, LEASE_DONE = "ok", "expired", "taken", "done"


def lease_state(entry: Entry, now=None) -> dict:
    """What the keying page tells the operator about their claim."""
    now = now or timezone.now()
    doc = entry.document
    if entry.state != Entry.State.DRAFT or not doc.needs_human_keying():
        return {"state": LEASE_DONE, "expires_in": 0}
    if doc.lease_holder_id == entry.operator_id and doc.lease_expires_at and doc.lease_expires_at > now:
        return {"state": LEASE_OK, "expires_in": int((doc.lease_expires_at - now).total_seconds())}
    if doc.lease_active_for_other(entry.operator, now):
        return {"state": LEASE_TAKEN, "expires_in": 0}
    return {"state": LEASE_EXPIRED, "expires_in": 0}


# --- today's figures on the home pages ----------------------------------------------------------

def start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def minutes(seconds: float) -> float | int:
    """0.5 for half a minute; whole minutes from ten on."""
    minutes = seconds / 60
    return round(minutes, 1) if minutes < 10 else round(minutes)


def today_stats(user) -> dict:
    """Documents keyed today with their active minutes, and what the other apps add
    (`hooks.today_figures`: conflicts resolved by the reviewer)."""
    start = start_of_today()
    keyed = Entry.objects.filter(operator=user, source=Entry.Source.HUMAN, state=Entry.State.SUBMITTED,
                                 submitted_at__gte=start)
    keyed_s = keyed.aggregate(s=Sum("active_seconds"))["s"] or 0
    keyed_n = keyed.count()
    return {
        "keyed": keyed_n, "keying_minutes": minutes(keyed_s),
        "seconds_per_document": round(keyed_s / keyed_n) if keyed_n else None,
        **hooks.today_figures.merged(user, start),
    }


# --- pages at a higher resolution for zooming ----------------------------------------------------

def hd_page_name(doc: Document, number: int, dpi: int) -> str:
    return f"pages-hd/{doc.sha256}-{number}-{dpi}.png"


def render_page_hd(doc: Document, number: int, dpi: int = HD_DPI) -> str:
    """Render one page of the stored original at `dpi` once and keep it next to the other
    page images; returns its storage name. Runs in the worker (dataentry.tasks.render_page_hd),
    MuPDF in the sandbox; the pixel cap of RENDER_MAX_PIXELS still applies. Raises ValueError
    for a page or dpi that is not offered, PdfRejected when the page cannot be rendered."""
    if dpi not in ALLOWED_HD_DPI:
        raise ValueError(f"dpi {dpi} is not offered")
    name = hd_page_name(doc, number, dpi)
    if default_storage.exists(name):
        return name
    if not 1 <= number <= doc.page_count:
        raise ValueError(f"page {number} does not exist")
    png = pdf_sandbox.run("render_page", path=Path(doc.original.path), number=number, dpi=dpi)
    if default_storage.exists(name):  # another worker rendered it meanwhile
        return name
    return default_storage.save(name, ContentFile(png))


# --- opening zoom: body text at least MIN_TEXT_PX on screen (issue 14) ---------------------------

MIN_TEXT_PX = 12
# A page without a text layer (a scan) is assumed to use the usual body size of such notices.
DEFAULT_BODY_POINTS = 10.5


def body_text_points(doc: Document) -> dict[int, float]:
    """{page number: body text size in points}: the median font size of the page's characters,
    so a title or a footnote does not decide. Pages without text get DEFAULT_BODY_POINTS.
    Kept in the cache: the stored original never changes (it is stored by its sha256)."""
    from django.core.cache import cache

    key = f"twomatch:body-points:{doc.sha256}"
    try:
        cached = cache.get(key)
    except Exception:  # the cache is only a speed-up
        cached = None
    if cached is not None:
        return cached
    sizes: dict[int, float] = {}
    try:
        with pymupdf.open(doc.original.path) as pdf:
            for number, page in enumerate(pdf, start=1):
                size = page_body_points(page)
                if size is not None:
                    sizes[number] = size
    except (OSError, RuntimeError, ValueError):
        sizes = {}
    try:
        cache.set(key, sizes, 24 * 3600)
    except Exception:
        pass
    return sizes


def body_text_pixels(doc: Document, pages) -> dict[int, float]:
    """{page number: body text height in pixels of the stored page image}."""
    if all(p.body_points is not None for p in pages):  # measured when rendered: the PDF stays closed
        points = {p.number: p.body_points for p in pages if p.body_points}
    else:
        points = body_text_points(doc)
    return {p.number: round(points.get(p.number, DEFAULT_BODY_POINTS) * settings.RENDER_DPI / 72, 2) for p in pages}


# --- words on the page, for click-to-insert (issue 14) -------------------------------------------

def page_words(doc: Document, number: int, image_width: int) -> list[dict]:
    """The text layer's words of one page in page-image pixels: {"t", "run", "x", "y", "w", "h"}.
    A word ends at any white space, the ideographic space included ("室長"); `run` is the text
    of the whole line ("DX推進室　室長　兼　法務部　係長"), which Shift+click inserts. Empty for a scan."""
    words: list[dict] = []
    with pymupdf.open(doc.original.path) as pdf:
        if not 1 <= number <= pdf.page_count:
            return words
        page = pdf[number - 1]
        scale = image_width / page.rect.width if page.rect.width else 1.0
        for block in page.get_text("rawdict").get("blocks", []):
            for line in block.get("lines", []):
                chars = [c for span in line.get("spans", []) for c in span.get("chars", [])]
                run = "".join(c["c"] for c in chars).strip()
                current: list[dict] = []
                for c in [*chars, None]:
                    if c is not None and not c["c"].isspace():
                        current.append(c)
                        continue
                    if current:
                        x0, y0 = min(ch["bbox"][0] for ch in current), min(ch["bbox"][1] for ch in current)
                        x1, y1 = max(ch["bbox"][2] for ch in current), max(ch["bbox"][3] for ch in current)
                        words.append({"t": "".join(ch["c"] for ch in current), "run": run,
                                      "x": round(x0 * scale, 1), "y": round(y0 * scale, 1),
                                      "w": round((x1 - x0) * scale, 1), "h": round((y1 - y0) * scale, 1)})
                    current = []
    return words


# --- claim ahead ---------------------------------------------------------------------------------

def prefetched_entry(operator, current: Entry) -> Entry | None:
    """A draft of another document the operator holds a live claim on (claimed ahead earlier)."""
    now = timezone.now()
    return (
        Entry.objects.select_related("document")
        .filter(operator=operator, source=Entry.Source.HUMAN, state=Entry.State.DRAFT,
                document__status=Document.Status.KEYING, document__lease_holder=operator,
                document__lease_expires_at__gt=now)
        .exclude(pk=current.pk)
        .order_by("-document__priority", "document__created_at", "id")
        .first()
    )


def claim_ahead(operator, current: Entry) -> Entry | None:
    """Claim the document that will open after `current` is submitted, so that its page and
    images are loaded before the operator gets there. Uses the same claim service as the
    "Next document" button; a document someone else takes meanwhile is simply skipped."""
    held = prefetched_entry(operator, current)
    if held is not None:
        return held
    candidates = (
        selectors.keying_available_to(operator)
        .exclude(pk=current.document_id)
        .exclude(lease_holder=operator)
        .order_by("-priority", "created_at", "id")
        .values_list("pk", flat=True)[:3]
    )
    for document_id in candidates:
        try:
            return services.keying_claim(operator=operator, document_id=document_id)
        except services.WorkflowError:
            continue
    return None
