"""Small JSON/image endpoints behind the keying page (issue 3): validation as a field is left,
the claim's status, claiming the next document ahead, and pages re-rendered at a higher
resolution for zooming. Writes go through `dataentry.services` only."""
from __future__ import annotations

from django.core.cache import cache
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.utils.translation import gettext as _

from config.queue import publish
from dataentry import selectors, services, ui
from dataentry.models import Document, Entry, Page
from dataentry.roles import OPERATOR, role_required
from dataentry.views import own_entry


@role_required(OPERATOR)
@require_POST
def keying_validate(request, entry_id: int):
    """{"errors": {"r0-effective_date": "…"}} for the posted cells; never blocks anything."""
    entry = own_entry(request, entry_id)
    spec = entry.document.document_type.spec()
    errors = ui.validate_posted(spec, request.POST)
    return JsonResponse({"errors": errors})


@role_required(OPERATOR)
@require_GET
def keying_lease(request, entry_id: int):
    """The claim as the page should show it: ok (with seconds left), expired, taken, done."""
    entry = own_entry(request, entry_id)
    response = JsonResponse(ui.lease_state(entry))
    response["Cache-Control"] = "no-store"
    return response


@role_required(OPERATOR)
@require_POST
def keying_prefetch(request, entry_id: int):
    """Claim the document that opens after this one and name its page images, so the browser
    loads them while the operator is still keying. Empty when the queue is empty."""
    current = own_entry(request, entry_id)
    if not settings.KEYING_PREFETCH or current.state != Entry.State.DRAFT:
        return JsonResponse({})
    nxt = ui.claim_ahead(request.user, current)
    if nxt is None:
        return JsonResponse({})
    pages = Page.objects.filter(document_id=nxt.document_id).order_by("number")
    return JsonResponse({
        "entry": nxt.pk,
        "url": reverse("keying", args=[nxt.pk]),
        "images": [reverse("page_image", args=[nxt.document_id, p.number]) for p in pages],
    })


@role_required(OPERATOR)
@require_POST
def keying_release_ahead(request, entry_id: int):
    """Give back documents claimed ahead (the operator chose to stop after this one). Only
    untouched drafts are released; a document the operator has typed into stays theirs."""
    current = own_entry(request, entry_id)
    released = []
    for _ in range(5):
        held = ui.prefetched_entry(request.user, current)
        if held is None or any(v for record in held.records for v in record.values()):
            break
        services.keying_release(document_id=held.document_id, expected_holder_id=request.user.pk,
                                actor=request.user, reason="claimed ahead; operator stopped")
        released.append(held.document_id)
    return JsonResponse({"released": released})


@require_GET
def page_image_hd(request, document_id: int, number: int, dpi: int):
    """A page rendered again at `dpi` for zooming; same permission as the normal page image."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    doc = get_object_or_404(Document, pk=document_id)
    if not selectors.can_view_document(request.user, doc):
        raise PermissionDenied(_("You are not working on this document."))
    get_object_or_404(Page, document=doc, number=number)
    if dpi not in ui.ALLOWED_HD_DPI:
        raise Http404
    name = ui.hd_page_name(doc, number, dpi)
    if not default_storage.exists(name):
        # Rendering at 300 dpi is a worker's job (time-limited, MuPDF sandboxed); ask once a minute at most.
        if cache.add(f"hd-requested:{name}", 1, timeout=60):
            publish("dataentry.tasks.render_page_hd", doc.pk, number, dpi)
        if not default_storage.exists(name):  # in-process (embedded) the task has run already
            response = HttpResponse(status=503)
            response["Retry-After"] = "3"
            return response
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
