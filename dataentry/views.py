"""Pages of the keying side and the manager's document pages. Thin: writes go through services."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dataentry import hooks, selectors, services, ui
from dataentry.forms import UploadForm, edited_records, int_from_post, posted_rows, work_from_post
from dataentry.models import Document, Entry, Page, Result, SetAsideReason
from dataentry.pdf import CONTENT_TYPES, PdfRejected
from dataentry.roles import MANAGER, OPERATOR, has_role, role_required
from dataentry.uploads import refused_upload, too_large_message
from django.conf import settings


# --- home ----------------------------------------------------------------------------

def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    context = {}
    if has_role(request.user, OPERATOR):
        context["keying_queue"] = selectors.keying_queue_size()
        context["keyed_today"] = selectors.my_done_today(request.user)
    context.update(hooks.home_figures.merged(request.user))
    context["today"] = ui.today_stats(request.user)
    if has_role(request.user, MANAGER):
        context["status_counts"] = selectors.status_counts()
    return render(request, "home.html", context)


# --- documents (managers) -----------------------------------------------------------------------

@role_required(MANAGER)
def documents(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    outcomes = []
    if (refused := refused_upload(request)) is not None:
        outcomes.append((False, refused))
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            outcomes.append(_upload_one(request, upload, form))
        if not request.htmx:
            for ok, text in outcomes:
                (messages.success if ok else messages.error)(request, text)
            return redirect("documents")
    context = {"form": form, "outcomes": outcomes, **_document_list(request)}
    if request.htmx and request.method == "GET":
        return render(request, "dataentry/_documents_table.html", context)
    return render(request, "dataentry/documents.html", context)


DOCUMENTS_PER_PAGE = 50


def _document_list(request) -> dict:
    """The filtered, paginated list (issue 14); a bad filter shows its error and lists nothing."""
    from django.core.paginator import Paginator

    from dataentry.forms import DocumentFilterForm

    filters = DocumentFilterForm(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        return {"filters": filters, "page": None, "documents": [], "query": "", "now_ts": timezone.now()}
    page = Paginator(selectors.documents_filtered(**filters.filters()), DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"filters": filters, "page": page, "documents": selectors.with_review_holders(page.object_list),
            "query": query.urlencode(),
            "now_ts": timezone.now()}


def _upload_one(request, upload, form) -> tuple[bool, str]:
    if upload.size > settings.UPLOAD_MAX_BYTES:
        return False, too_large_message(upload.name)
    data = upload.read()
    try:
        doc = services.document_upload(
            data=data, filename=upload.name, document_type=form.cleaned_data["document_type"],
            uploaded_by=request.user, priority=form.cleaned_data.get("priority") or 0,
        )
    except PdfRejected as exc:
        return False, str(exc)
    except services.DuplicateDocument as exc:
        return False, str(exc)
    return True, _("%(name)s uploaded as document #%(id)d.") % {"name": upload.name, "id": doc.pk}


@role_required(MANAGER)
def document_detail(request, document_id: int):
    doc = get_object_or_404(Document.objects.select_related("document_type"), pk=document_id)
    spec = doc.document_type.spec()
    result = Result.objects.filter(document=doc).first()
    result_rows = []
    if result is not None:
        labels = dict(Result.Provenance.choices)
        notes = {(n.get("record"), n.get("field")): n for n in result.notes}
        for index, (record, prov) in enumerate(zip(result.records, result.provenance)):
            result_rows.append([{"value": record.get(f.key, ""), "provenance": prov.get(f.key, ""),
                                 "provenance_label": labels.get(prov.get(f.key, ""), prov.get(f.key, "")),
                                 "note": notes.get((index, f.key))} for f in spec.fields])
    from dataentry.tools_views import tools_context

    return render(request, "dataentry/document_detail.html", {
        "doc": doc, "history": doc.history.select_related("actor").all(),
        "runs": doc.machine_runs.all(), "result": result, "result_rows": result_rows,
        "spec": spec, "pages": doc.pages.all(), **tools_context(doc, request.user),
    })


@require_GET
def page_image(request, document_id: int, number: int):
    if not request.user.is_authenticated:
        raise PermissionDenied
    # The page with its document in one query, and only what the access check reads: a sixth of all
    # requests are page images, and the page's text and word boxes are large (issue 16).
    try:
        page = (Page.objects.select_related("document").only("image", "document__lease_holder", "document__lease_expires_at")
                .get(document_id=document_id, number=number))
    except Page.DoesNotExist:
        page = None
    doc = page.document if page is not None else get_object_or_404(Document, pk=document_id)
    if not selectors.can_view_document(request.user, doc):
        raise PermissionDenied(_("You are not working on this document."))
    if page is None:
        raise Http404
    if settings.MEDIA_ACCEL_REDIRECT:
        # The proxy sends the file (deploy/Caddyfile.app): no worker thread copies PNGs.
        response = HttpResponse(content_type="image/png")
        response["X-Accel-Redirect"] = "/protected-media/" + quote(page.image.name)
    else:
        response = FileResponse(page.image.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(MANAGER)
def original_pdf(request, document_id: int):
    doc = get_object_or_404(Document, pk=document_id)
    # An image upload's PDF is named after the image, with the suffix it really has.
    name = doc.filename if doc.filename.lower().endswith(".pdf") else f"{Path(doc.filename).stem or 'document'}.pdf"
    response = FileResponse(doc.original.open("rb"), content_type="application/pdf", as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def source_file(request, document_id: int):
    """issue 11: the upload as it came (an image, or a scan before its pages were turned upright),
    for whoever may see the document's pages."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    doc = get_object_or_404(Document, pk=document_id)
    if not selectors.can_view_document(request.user, doc):
        raise PermissionDenied("You are not working on this document.")
    stored = doc.source or doc.original
    response = FileResponse(stored.open("rb"), content_type=CONTENT_TYPES.get(doc.source_kind, "application/octet-stream"),
                            as_attachment=True, filename=doc.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(MANAGER)
def queues(request):
    return render(request, "dataentry/queues.html", {
        "status_counts": selectors.status_counts(), "claims": selectors.active_claims(),
        "keying_queue": selectors.keying_queue_size(), "other_claims": hooks.held_claims.collected(),
        "set_aside": selectors.set_aside_documents(),
    })


@role_required(MANAGER)
@require_POST
def release_claim(request, document_id: int):
    """Free the claim of the operator the manager saw on the queues page (`holder`), not whoever holds it now."""
    try:
        services.keying_release(document_id=document_id, expected_holder_id=int_from_post(request.POST, "holder"),
                                actor=request.user, reason=request.POST.get("reason", "released by manager"))
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Claim released."))
    if request.POST.get("next") == "detail":
        return redirect("document_detail", document_id=document_id)
    return redirect("queues")


@role_required(MANAGER)
def results(request):
    from dataentry.forms import ExportFilterForm

    return render(request, "dataentry/results.html", {"results": selectors.accepted_results()[:200],
                                                      "export_form": ExportFilterForm(request.GET or None)})


@role_required(MANAGER)
def results_export(request, fmt: str):
    """CSV, JSON or Excel of the accepted results the filters select (issue 14), streamed."""
    from dataentry.forms import ExportFilterForm
    from dataentry.tools_views import export_response, filtered_export

    filters, refused = filtered_export(request, fmt, ExportFilterForm, "results")
    if refused:
        return refused
    return export_response(selectors.accepted_results_filtered(**filters), fmt)


# --- the one autosave protocol -----------------------------------------------------------------

def autosave_answer(request, *, work=None, lease_ok: bool = False, error: str = ""):
    """How the keying, review and audit pages save while people work: htmx posts the page's own
    form to the page's URL with action=save; the answer is the status partial, which also
    swaps in the new version (out of band). A refused save (a stale tab, work that is no longer
    theirs) answers 409 with the message, which htmx swaps too (see base.html's htmx-config)."""
    if error:
        return render(request, "dataentry/_autosave_status.html", {"error": error}, status=409)
    return render(request, "dataentry/_autosave_status.html", {"work": work, "lease_ok": lease_ok})


# --- keying (operators) -----------------------------------------------------------------------

def keying_autosave(request, entry_id: int):
    """A third of all requests (issue 16): the service checks the owner and the state under its row lock,
    so the entry is not read first here as for the other actions."""
    try:
        saved = services.draft_save(entry_id=entry_id, operator=request.user, records=posted_rows(request.POST),
                                    **work_from_post(request.POST))
    except services.NotYours as exc:
        raise PermissionDenied(str(exc)) from None
    except services.WorkflowError as exc:
        return autosave_answer(request, error=str(exc))
    return autosave_answer(request, work=saved.entry, lease_ok=saved.lease_ok)


@role_required(OPERATOR)
def keying_home(request):
    return render(request, "dataentry/keying_home.html", {
        "keying_queue": selectors.keying_queue_size(), "keyed_today": selectors.my_done_today(request.user),
        "today": ui.today_stats(request.user),
    })


@role_required(OPERATOR)
@require_POST
def keying_next(request):
    entry = services.keying_claim_next(operator=request.user)
    if entry is None:
        messages.info(request, _("No document is waiting for keying. Well done."))
        return redirect("keying_home")
    return redirect("keying", entry_id=entry.pk)


@role_required(OPERATOR)
@require_POST
def keying_reclaim(request, entry_id: int):
    entry = get_object_or_404(Entry, pk=entry_id, operator=request.user, source=Entry.Source.HUMAN)
    try:
        services.keying_claim(operator=request.user, document_id=entry.document_id)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("keying_home")
    return redirect("keying", entry_id=entry.pk)


# What a submit (or a row added or removed) checks before the service reads the rest again, locked.
_POST_COLUMNS = ("operator", "state", "source", "document__document_type")
# What the keying page shows and checks (the type whole, for its spec): a tenth of all requests (issue 16).
_PAGE_COLUMNS = ("document", "operator", "source", "state", "records", "version", "active_seconds", "wall_seconds",
                 "document__filename", "document__sha256", "document__original", "document__lease_holder",
                 "document__lease_expires_at", "document__document_type")


def own_entry(request, entry_id: int, *, columns: tuple[str, ...] = ()) -> Entry:
    """The operator's own keying, with its document and type; 404 or 403 otherwise. `columns`: only
    these of the entry and its document (`Entry.only`), the rest read when used."""
    entries = Entry.objects.select_related("document", "document__document_type")
    if columns:
        entries = entries.only(*columns)
    try:  # get(), not first(): first() orders by the model's ordering, a join to the document
        entry = entries.get(pk=entry_id, source=Entry.Source.HUMAN)
    except Entry.DoesNotExist:
        raise Http404 from None
    if entry.operator_id != request.user.pk:
        raise PermissionDenied(_("This document is claimed by another operator."))
    return entry


@role_required(OPERATOR)
def keying(request, entry_id: int):
    if request.method == "POST" and request.htmx and request.POST.get("action") == "save":
        return keying_autosave(request, entry_id)
    entry = own_entry(request, entry_id, columns=_POST_COLUMNS if request.method == "POST" else _PAGE_COLUMNS)
    if entry.state == Entry.State.SUBMITTED:
        messages.info(request, _("You already submitted this document."))
        return redirect("keying_home")
    spec = entry.document.document_type.spec()
    if request.method == "POST":
        records, action = edited_records(request.POST, spec)
        kwargs = dict(entry_id=entry.pk, operator=request.user, records=records, **work_from_post(request.POST))
        try:
            if action == "submit":
                services.entry_submit(**kwargs)
                messages.success(request, _("Submitted. Thank you."))
                if request.POST.get("then") == "stop":
                    return redirect("keying_home")
                nxt = services.keying_claim_next(operator=request.user)
                return redirect("keying", entry_id=nxt.pk) if nxt else redirect("keying_home")
            saved = services.draft_save(**kwargs)
        except services.LeaseExpired as exc:
            messages.error(request, str(exc))
            return redirect("keying", entry_id=entry.pk)
        except services.WorkflowError as exc:
            if request.htmx:
                return autosave_answer(request, error=str(exc))
            messages.error(request, str(exc))
            return redirect("keying", entry_id=entry.pk)
        if request.htmx and action == "save":
            return autosave_answer(request, work=saved.entry, lease_ok=saved.lease_ok)
        return redirect("keying", entry_id=entry.pk)
    rows = entry.records or [{f.key: "" for f in spec.fields}]
    # By number alone: Page's default ordering starts with the document, which joins its table to sort by it.
    pages = list(entry.document.pages.only(*Page.VIEWER_COLUMNS).order_by("number"))
    return render(request, "dataentry/keying.html", {
        "entry": entry, "doc": entry.document, "spec": spec, "rows": rows, "pages": pages,
        "lease_ok": entry.holds_lease(), "rows_json": json.dumps(rows, ensure_ascii=False),
        "idle_threshold": settings.IDLE_THRESHOLD_SECONDS, "keying_config": ui.keying_config(entry, spec),
        "viewer_config": ui.viewer_config(entry.document, pages), "set_aside_reasons": SetAsideReason,
    })
