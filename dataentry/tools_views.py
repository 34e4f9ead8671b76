"""Everyday tools (issue 14): the managers' actions on a document page, streamed exports, and the
operators' "cannot key this document". Thin: every write goes through `dataentry.services`."""
from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dataentry import exports, selectors, services
from dataentry.forms import int_from_post
from dataentry.models import Document, Entry, ResultCorrection, SetAsideReason
from dataentry.roles import MANAGER, OPERATOR, role_required

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _streamed(chunks, fmt: str, filename: str):
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _xlsx(header, rows, filename: str, title: str):
    # openpyxl writes a zip, which needs a seekable file: spill to a temporary file, then stream it.
    spool = tempfile.TemporaryFile(suffix=".xlsx")
    exports.write_xlsx(header, rows, spool, title=title)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=CONTENT_TYPES["xlsx"])


def export_response(results, fmt: str):
    """Accepted results as CSV, JSON or Excel, read from the database in chunks."""
    from dataentry.models import DocumentType

    present = DocumentType.objects.filter(pk__in=results.values("document__document_type"))
    header = exports.stream_header(present.order_by("pk").prefetch_related("field_definitions"))
    rows = results.prefetch_related("document__document_type__field_definitions").iterator(chunk_size=500)
    if fmt == "csv":
        return _streamed(exports.stream_csv(header, exports.stream_rows(rows)), fmt, "twomatch-results")
    if fmt == "json":
        return _streamed(exports.stream_json(exports.export_json_items(rows)), fmt, "twomatch-results")
    return _xlsx(header, exports.stream_rows(rows), "twomatch-results", "results")


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


DOCUMENT_COLUMNS = ["document_id", "filename", "document_type", "status", "machine", "priority", "external_ref",
                    "uploaded_at", "accepted_at", "held_by"]


def _document_rows(docs):
    for doc in docs:
        yield {
            "document_id": doc.pk, "filename": doc.filename, "document_type": doc.document_type.slug,
            "status": doc.status, "machine": doc.machine_state, "priority": doc.priority,
            "external_ref": doc.external_ref, "uploaded_at": doc.created_at.isoformat(),
            "accepted_at": doc.accepted_at.isoformat() if doc.accepted_at else "",
            "held_by": (doc.lease_holder.username if doc.lease_holder_id and doc.lease_expires_at else "") or (doc.reviewer_name or ""),
        }


def filtered_export(request, fmt: str, form_class, back: str):
    """The filters of an export, or the redirect that shows why they are wrong. Records the export."""
    from dataentry.models import HistoryEvent, history_add

    if fmt not in CONTENT_TYPES:
        raise Http404
    form = form_class(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return None, redirect(back)
    filters = form.filters()
    history_add(kind=HistoryEvent.Kind.EXPORT, actor=request.user,
                data={"format": fmt, "of": back, "filters": {k: str(v) for k, v in filters.items()}})
    return filters, None


@role_required(MANAGER)
def documents_export(request, fmt: str):
    """The documents list as the filters select it (status, type, upload days, …), streamed."""
    from dataentry.forms import DocumentFilterForm

    filters, refused = filtered_export(request, fmt, DocumentFilterForm, "documents")
    if refused:
        return refused
    docs = selectors.documents_filtered(**filters)
    rows = _document_rows(doc for chunk in _chunks(docs.iterator(chunk_size=1000), 1000)
                          for doc in selectors.with_review_holders(chunk))
    if fmt == "csv":
        return _streamed(exports.stream_csv(DOCUMENT_COLUMNS, rows), fmt, "twomatch-documents")
    if fmt == "json":
        return _streamed(exports.stream_json(rows), fmt, "twomatch-documents")
    return _xlsx(DOCUMENT_COLUMNS, rows, "twomatch-documents", "documents")


# --- document page actions (managers) ---------------------------------------------------------

def tools_context(doc: Document, user) -> dict:
    """What the document page needs for its action panel."""
    from dataentry.roles import OPERATOR as OPERATOR_ROLE

    User = get_user_model()
    keyed = Entry.objects.filter(document=doc, state=Entry.State.SUBMITTED, operator__isnull=False).values("operator")
    return {
        "operators": User.objects.filter(groups__name=OPERATOR_ROLE, is_active=True).exclude(pk__in=keyed).order_by("username"),
        "corrections": ResultCorrection.objects.filter(result__document=doc).select_related("proposed_by", "decided_by"),
        "can_withdraw": Document.Status.WITHDRAWN in Document.TRANSITIONS[Document.Status(doc.status)],
        "can_rerun": doc.status == Document.Status.KEYING and doc.machine_state == Document.MachineState.FAILED
        and doc.human_submitted < 2,
        "set_aside_reasons": SetAsideReason,
    }


def _done(request, document_id: int, action, success: str):
    try:
        action()
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("document_detail", document_id=document_id)


@role_required(MANAGER)
@require_POST
def document_priority(request, document_id: int):
    priority = int_from_post(request.POST, "priority")
    if priority == -1 and request.POST.get("priority", "").strip() != "-1":
        messages.error(request, _("Priority must be a whole number between -1000 and 1000."))
        return redirect("document_detail", document_id=document_id)
    return _done(request, document_id, lambda: services.document_priority_set(
        document_id=document_id, priority=priority, actor=request.user), _("Priority changed."))


@role_required(MANAGER)
@require_POST
def document_reassign(request, document_id: int):
    operator = get_user_model().objects.filter(pk=int_from_post(request.POST, "operator")).first()
    if operator is None:
        messages.error(request, _("Choose the operator who should key this document."))
        return redirect("document_detail", document_id=document_id)
    return _done(request, document_id, lambda: services.keying_reassign(
        document_id=document_id, operator=operator, actor=request.user),
        _("The claim now belongs to %(name)s.") % {"name": operator.username})


@role_required(MANAGER)
@require_POST
def document_withdraw(request, document_id: int):
    return _done(request, document_id, lambda: services.document_withdraw(
        document_id=document_id, actor=request.user, reason=request.POST.get("reason", "")),
        _("Withdrawn: the document left every queue; its history stays."))


@role_required(MANAGER)
@require_POST
def document_return(request, document_id: int):
    return _done(request, document_id, lambda: services.document_return_to_keying(
        document_id=document_id, actor=request.user, note=request.POST.get("note", "")),
        _("The document is back in the keying queue."))


@role_required(MANAGER)
@require_POST
def document_rerun(request, document_id: int):
    return _done(request, document_id, lambda: services.machine_rerun(document_id=document_id, actor=request.user),
                 _("The machine keyer will key this document again."))


@role_required(MANAGER)
@require_POST
def correction_propose(request, document_id: int):
    return _done(request, document_id, lambda: services.result_correction_propose(
        document_id=document_id, record=int_from_post(request.POST, "record") - 1,
        field=request.POST.get("field", ""), value=request.POST.get("value", ""),
        reason=request.POST.get("reason", ""), actor=request.user),
        _("Correction proposed. A second manager must confirm it before the result changes."))


@role_required(MANAGER)
@require_POST
def correction_decide(request, correction_id: int):
    correction = get_object_or_404(ResultCorrection.objects.select_related("result"), pk=correction_id)
    confirm = request.POST.get("decision") == "confirm"
    return _done(request, correction.result.document_id, lambda: services.result_correction_decide(
        correction_id=correction.pk, actor=request.user, confirm=confirm),
        _("Correction confirmed; the result is changed.") if confirm else _("Correction rejected."))


# --- operators ------------------------------------------------------------------------------

@role_required(OPERATOR)
@require_POST
def keying_set_aside(request, entry_id: int):
    from dataentry.views import own_entry

    entry = own_entry(request, entry_id)
    try:
        services.document_set_aside(entry_id=entry.pk, operator=request.user, reason=request.POST.get("reason", ""),
                                    note=request.POST.get("note", ""))
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("keying", entry_id=entry.pk)
    messages.success(request, _("Document #%(id)d was set aside for a manager.") % {"id": entry.document_id})
    if request.POST.get("then") == "stop":
        return redirect("keying_home")
    nxt = services.keying_claim_next(operator=request.user)
    return redirect("keying", entry_id=nxt.pk) if nxt else redirect("keying_home")


@role_required(OPERATOR)
def keying_words(request, entry_id: int, number: int):
    """The words printed on one page of the operator's document, for click-to-insert."""
    from django.http import JsonResponse

    from dataentry import ui
    from dataentry.models import Page
    from dataentry.views import own_entry

    entry = own_entry(request, entry_id)
    # The words are the page's content: the same unexpired claim as its image (hole 7).
    if not selectors.can_view_document(request.user, entry.document):
        raise PermissionDenied(_("You are not working on this document."))
    page = get_object_or_404(Page, document_id=entry.document_id, number=number)
    response = JsonResponse({"page": number, "words": ui.page_words(entry.document, number, page.width)})
    response["Cache-Control"] = "private, max-age=600"
    return response
