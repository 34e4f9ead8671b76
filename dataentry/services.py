"""Writes of the keying workflow: upload, render, claim, draft, submit, machine outcome, compare.

Every public function is an entry point with its own durable transaction: callers never
wrap them. Celery work is enqueued with `transaction.on_commit`, so a task never sees a
row that was rolled back, and a broker that is down loses nothing (the sweeper re-enqueues).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.queue import publish_on_commit
from dataentry import claims, hooks, pdf, pdf_sandbox, selectors
from dataentry.comparison import compare_entries
from dataentry.errors import LeaseExpired, NotYours, StaleEdit, WorkflowError
from dataentry.models import (
    Document,
    DocumentType,
    Entry,
    HistoryEvent,
    MachineRun,
    Page,
    Result,
    history_add,
)
from dataentry.pdf import PdfRejected
from dataentry.records import canonical_value, clean_records

log = logging.getLogger(__name__)


__all__ = ["LeaseExpired", "NotYours", "StaleEdit", "WorkflowError"]  # re-exported: callers catch services.WorkflowError


class DuplicateDocument(WorkflowError):
    def __init__(self, existing: Document):
        super().__init__(_("This file was already uploaded as document #%(id)d (%(name)s).")
                         % {"id": existing.pk, "name": existing.filename})
        self.existing = existing


# --- enqueueing -------------------------------------------------------------------------

def enqueue(task_name: str, document_id: int) -> None:
    """Publish after commit. A broker that is down is logged, not raised: the row is already
    safe in the database and the sweeper publishes it again (it looks at last_enqueued_at)."""
    Document.objects.filter(pk=document_id).update(last_enqueued_at=timezone.now())
    publish_on_commit(task_name, document_id)


RENDER_TASK = "dataentry.tasks.render_document"
MACHINE_TASK = "inference.tasks.machine_key_document"


# --- upload and render ------------------------------------------------------------------

def _printable(name: str) -> str:
    """File names come from browsers and other systems: drop control characters (NUL cannot
    even be stored in PostgreSQL) and keep the rest as given."""
    return "".join(ch for ch in name if ch.isprintable()) or "upload.pdf"


def document_upload(*, data: bytes, filename: str, document_type: DocumentType, uploaded_by=None,
                    priority: int = 0, external_ref: str = "") -> Document:
    """Check and store a PDF or an image (PNG, JPEG, TIFF: made into PDF pages), then enqueue
    its rendering. Raises PdfRejected or DuplicateDocument."""
    info = pdf_sandbox.run("check_upload", data=data, filename=filename)
    existing = Document.objects.filter(sha256=info.sha256).first()
    if existing is not None:
        raise DuplicateDocument(existing)
    try:
        with transaction.atomic(durable=True):
            doc = Document(
                document_type=document_type, sha256=info.sha256, filename=_printable(filename)[:255], size_bytes=info.size_bytes,
                page_count=info.page_count, priority=priority, uploaded_by=uploaded_by, external_ref=external_ref,
                source_kind=info.kind,
            )
            # issue 6: a PDF with JavaScript or attachments is stored scrubbed (check_upload made the copy);
            # sha256 stays the upload's, so sending the same file again is still a duplicate.
            # issue 11: an image is stored as it came (`source`) beside the PDF made from it.
            doc.original.save(f"{info.sha256}.pdf", ContentFile(info.pdf or data), save=False)
            if info.kind != "pdf":
                doc.source.save(f"{info.sha256}.{SOURCE_SUFFIXES[info.kind]}", ContentFile(data), save=False)
            doc.save()
            history_add(kind=HistoryEvent.Kind.UPLOAD, document=doc, actor=uploaded_by, note=filename,
                        data={"sha256": info.sha256, "pages": info.page_count, "bytes": info.size_bytes,
                              "kind": info.kind, **({"removed": list(info.removed)} if info.removed else {})})
            enqueue(RENDER_TASK, doc.pk)
    except IntegrityError:
        # Two uploads of the same file raced; the other one won.
        raise DuplicateDocument(Document.objects.get(sha256=info.sha256)) from None
    return doc


SOURCE_SUFFIXES = {"png": "png", "jpeg": "jpg", "tiff": "tif", "pdf": "pdf"}


def _clean_scanned_pages(path: str, page_count: int) -> tuple[list[dict], bytes | None]:
    """issue 11: pages without a text layer turned upright and straightened (in the sandbox).
    Returns the per-page reports and the corrected PDF (None when nothing changed)."""
    reports, images = [], []
    for start in range(0, max(page_count, 1), pdf.CLEAN_BATCH):
        try:
            cleaned = pdf_sandbox.run("clean_pages", path=Path(path), start=start, stop=start + pdf.CLEAN_BATCH)
        except PdfRejected as exc:
            # Clean-up is an improvement, not a condition: the pages stay as scanned, and a
            # file that is really damaged is refused by the rendering that follows.
            reports.append({"page": start + 1, "rotation": 0, "skew": 0.0, "orientation_checked": False,
                            "note": f"pages {start + 1}-{min(start + pdf.CLEAN_BATCH, page_count)} were not "
                                    f"cleaned up: {exc}"})
            continue
        reports.extend(cleaned.reports)
        images.extend(cleaned.images)
    if not images:
        return reports, None
    return reports, pdf_sandbox.run("replace_pages", path=Path(path), images=tuple(images))


def document_render(*, document_id: int) -> None:
    """Clean up scanned pages, render pages and keep the text layer; idempotent (a second run
    finds the status moved on)."""
    with transaction.atomic(durable=True):
        doc = Document.objects.select_for_update().get(pk=document_id)
        if doc.status != Document.Status.RECEIVED:
            return
        doc.render_attempts += 1
        doc.save(update_fields=["render_attempts", "updated_at"])
        path = doc.original.path
        page_count = doc.page_count
    # Rendering is slow and needs no lock; only the result is written under one.
    cleaned_name = ""
    try:
        reports, corrected = _clean_scanned_pages(path, page_count)
        if corrected is not None:
            # A new name: the file the upload stored stays as it was until the switch below commits.
            cleaned_name = default_storage.save(f"originals/{Path(path).stem}-upright.pdf", ContentFile(corrected))
            path = default_storage.path(cleaned_name)
        rendered = pdf_sandbox.run("render_pdf", path=Path(path))
        failure = ""
    except PdfRejected as exc:
        rendered, reports, failure = [], [], str(exc)
    with transaction.atomic(durable=True):
        doc = Document.objects.select_for_update().get(pk=document_id)
        if doc.status != Document.Status.RECEIVED:
            return
        if failure:
            doc.error = failure
            doc.transition(Document.Status.FAILED, reason=failure)
            doc.save()
            return
        by_page = {r["page"]: {k: v for k, v in r.items() if k != "page"} for r in reports}
        for page in rendered:
            obj = Page(document=doc, number=page.number, width=page.width, height=page.height, text=page.text,
                       cleanup=by_page.get(page.number, {}), body_points=page.body_points)
            obj.image.save(f"{doc.sha256}-{page.number}.png", ContentFile(page.png), save=False)
            obj.save()
        if cleaned_name:
            if not doc.source:
                doc.source.name = doc.original.name  # a scanned PDF: the upload is kept as it came
            doc.original.name = cleaned_name
        notes = sorted({r["note"] for r in reports if r.get("note")})
        doc.cleanup_note = "; ".join(notes)
        doc.page_count = len(rendered)
        corrected_pages = [{"page": r["page"], "rotation": r["rotation"], "skew": r["skew"]} for r in reports
                           if r["rotation"] or r["skew"]]
        history_add(kind=HistoryEvent.Kind.RENDER, document=doc,
                    data={"pages": len(rendered), "dpi": settings.RENDER_DPI,
                          **({"corrected": corrected_pages} if corrected_pages else {}),
                          **({"cleanup_note": doc.cleanup_note} if doc.cleanup_note else {})})
        doc.transition(Document.Status.KEYING, reason="pages rendered")
        if settings.MACHINE_KEYER == "none":
            doc.machine_error = "no machine keyer configured (MACHINE_KEYER=none)"
            doc.machine_transition(Document.MachineState.FAILED, reason=doc.machine_error, data={"keyer": "none"})
        doc.save()
        if doc.machine_state == Document.MachineState.PENDING:
            enqueue(MACHINE_TASK, doc.pk)


def document_render_failed(*, document_id: int, reason: str) -> None:
    """The render task gave up (attempts exhausted or a crash): the document says why."""
    with transaction.atomic(durable=True):
        doc = Document.objects.select_for_update().get(pk=document_id)
        if doc.status == Document.Status.RECEIVED:
            doc.error = reason
            doc.transition(Document.Status.FAILED, reason=reason)
            doc.save()


# --- machine keying outcome ---------------------------------------------------------------

def machine_run_start(*, document_id: int, keyer: str) -> MachineRun | None:
    """Count an attempt in the database before calling the keyer. None when no attempt is due."""
    with transaction.atomic(durable=True):
        doc = Document.objects.select_for_update().get(pk=document_id)
        if doc.status != Document.Status.KEYING or doc.machine_state != Document.MachineState.PENDING:
            return None
        doc.machine_attempts += 1
        doc.save(update_fields=["machine_attempts", "updated_at"])
        # issue 6: an attempt still "running" when the next one starts lost its worker (SIGKILL,
        # OOM, hard time limit); without this it would stay "running" in the history forever.
        MachineRun.objects.filter(document=doc, outcome=MachineRun.Outcome.RUNNING).update(
            outcome=MachineRun.Outcome.FAILED, failure_kind="worker_lost", finished_at=timezone.now(),
            message="the worker stopped before this attempt finished; a later attempt took over",
        )
        return MachineRun.objects.create(document=doc, attempt=doc.machine_attempts, keyer=keyer)


def machine_entry_store(*, run_id: int, output) -> Entry | None:
    """Store the machine's records; a second delivery of the same task is a no-op."""
    with transaction.atomic(durable=True):
        run = MachineRun.objects.select_for_update().get(pk=run_id)
        doc = Document.objects.select_for_update().get(pk=run.document_id)
        run.outcome = MachineRun.Outcome.OK
        run.finished_at = timezone.now()
        run.latency_ms = output.latency_ms
        run.raw_response = output.raw_response
        run.save()
        if doc.machine_state != Document.MachineState.PENDING or Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).exists():
            return None
        spec = doc.document_type.spec()
        entry = Entry.objects.create(
            document=doc, source=Entry.Source.MACHINE, state=Entry.State.SUBMITTED,
            records=clean_records(output.records, spec), keyer=output.keyer, model_name=output.model[:200],
            prompt_version=output.prompt_version, raw_response=output.raw_response, latency_ms=output.latency_ms,
            prompt_tokens=output.prompt_tokens, completion_tokens=output.completion_tokens,
            confidence=output.confidence, submitted_at=timezone.now(),
        )
        doc.machine_transition(Document.MachineState.DONE, reason="machine entry stored",
                               data={"keyer": output.keyer, "model": output.model, "latency_ms": output.latency_ms,
                                     "records": len(entry.records)})
        doc.save(update_fields=["machine_state", "updated_at"])
        # A consumer (single entry, issue 15) may accept on the machine's keying alone.
        if not hooks.machine_entry_stored.any(document=doc, entry=entry):
            _compare_if_ready(doc)
        return entry


def machine_failure_store(*, document_id: int, run_id: int | None, kind: str, message: str, raw_response: str = "",
                          final: bool) -> None:
    """Record a failed attempt; the final one sends the document to a second human keyer."""
    with transaction.atomic(durable=True):
        doc = Document.objects.select_for_update().get(pk=document_id)
        if run_id is not None:
            MachineRun.objects.filter(pk=run_id).update(
                outcome=MachineRun.Outcome.FAILED, failure_kind=kind, message=message[:2000],
                raw_response=raw_response, finished_at=timezone.now(),
            )
        if not final or doc.machine_state != Document.MachineState.PENDING:
            return
        doc.machine_error = f"{kind}: {message}"[:2000]
        doc.machine_transition(Document.MachineState.FAILED, reason=f"machine keying failed: {kind}",
                               data={"kind": kind, "message": message[:500], "fallback": "second human keying"})
        doc.save(update_fields=["machine_state", "machine_error", "updated_at"])
        _compare_if_ready(doc)


# --- human keying -------------------------------------------------------------------------

def _keying_claimed(claim: claims.Claim, *, actor=None, note: str = "", data: dict | None = None) -> Entry:
    """The operator's draft of the claimed document; `actor` when somebody else gave them the claim."""
    doc, operator = claim.work, claim.work.lease_holder
    # Not get_or_create: its savepoint guards against a concurrent insert, which the document's row
    # lock held here already rules out (every path to an operator's entry claims the document first).
    try:
        entry, created = Entry.objects.get(document=doc, operator=operator, source=Entry.Source.HUMAN), False
    except Entry.DoesNotExist:
        entry, created = Entry.objects.create(document=doc, operator=operator, source=Entry.Source.HUMAN,
                                              records=[], state=Entry.State.DRAFT), True
    history_add(kind=HistoryEvent.Kind.CLAIM, document=doc, actor=actor or operator, note=note,
                data={"entry": entry.pk, "resumed": not created, "lease_expires_at": doc.lease_expires_at.isoformat(),
                      **(data or {})})
    return entry


def keying_claim_next(*, operator) -> Entry | None:
    """Lease the operator's own open document, or else the next one in the queue."""
    with transaction.atomic(durable=True):
        claim = claims.claim_next(selectors.keying_available_to(operator).only(*claims.LEASE_COLUMNS), holder=operator,
                                  order_by=("-priority", "created_at", "id"))
        return _keying_claimed(claim) if claim is not None else None


def keying_claim(*, operator, document_id: int) -> Entry:
    """Re-claim one document (after an expired lease), if nobody else took it meanwhile."""
    with transaction.atomic(durable=True):
        claim = claims.claim(
            selectors.keying_available_to(operator), holder=operator, pk=document_id,
            unavailable=_("This document is no longer available to you: another operator has it, or it is done."))
        return _keying_claimed(claim)


@dataclass
class DraftSaved:
    entry: Entry
    lease_ok: bool


def _record_draft(entry: Entry, doc: Document, *, records: list[dict], version: int, active_seconds: float,
                  wall_seconds: float) -> None:
    """A save on the locked entry and document (the caller saves): refused when submitted or stale."""
    if entry.state != Entry.State.DRAFT:
        raise WorkflowError(_("This keying was already submitted."))
    claims.record_work(entry, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds,
                       stale=_("This draft was saved from another window in the meantime; reload to continue "
                               "from the newest version."))
    entry.records = clean_records(records, doc.document_type.spec(), keep_empty=True)
    entry.document = doc


def draft_save(*, entry_id: int, operator, records: list[dict], version: int, active_seconds: float = 0,
               wall_seconds: float = 0) -> DraftSaved:
    """Autosave. Always keeps what was typed (unless the save is stale); renews the lease only
    while the operator still holds it."""
    with transaction.atomic(durable=True):
        entry = _own_draft_for_update(entry_id, operator)
        doc = entry.document
        _record_draft(entry, doc, records=records, version=version, active_seconds=active_seconds,
                      wall_seconds=wall_seconds)
        entry.save(update_fields=["records", "version", "active_seconds", "wall_seconds"])
        now = timezone.now()
        lease_ok = doc.held_by(operator, now)
        if lease_ok and claims.renewal_due(doc, now):
            claims.renew(doc, operator, now)
            doc.save(update_fields=["lease_expires_at", "updated_at"])
        return DraftSaved(entry=entry, lease_ok=lease_ok)


def entry_submit(*, entry_id: int, operator, records: list[dict], version: int, active_seconds: float = 0,
                 wall_seconds: float = 0) -> Entry:
    """Submit a keying. A stale lease is refused, and what was typed is kept as the draft."""
    work = dict(records=records, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds)
    with transaction.atomic(durable=True):
        entry = _own_draft_for_update(entry_id, operator, columns=())
        doc = entry.document
        if entry.state == Entry.State.DRAFT and doc.held_by(operator):
            # The usual case: the save and the submit in one transaction (issue 16: half the queries of
            # a save followed by a submit; the lease the save would renew is ended by the submit anyway).
            _record_draft(entry, doc, **work)
            return _submit_locked(entry, doc, operator)
    # Already submitted, or the claim is gone: keep what was typed as the draft (or refuse it), then refuse.
    draft_save(entry_id=entry_id, operator=operator, **work)
    with transaction.atomic(durable=True):
        entry = _own_draft_for_update(entry_id, operator, columns=())
        return _submit_locked(entry, entry.document, operator)


def _submit_locked(entry: Entry, doc: Document, operator) -> Entry:
    """The submit on the locked entry and document: needs a live claim; compares when both keyings are in."""
    claims.require_lease(doc, operator, _("Your claim on this document expired, so it was not submitted. Your "
                                           "draft is saved; claim the document again to submit it (if nobody "
                                           "else has taken it)."))
    spec = doc.document_type.spec()
    entry.records = clean_records(entry.records, spec)
    entry.state = Entry.State.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.version += 1
    entry.save(update_fields=["records", "state", "submitted_at", "version", "active_seconds", "wall_seconds"])
    doc.human_submitted += 1
    doc.lease_holder = None
    doc.lease_expires_at = None
    history_add(kind=HistoryEvent.Kind.SUBMIT, document=doc, actor=operator,
                data={"entry": entry.pk, "records": len(entry.records), "active_seconds": entry.active_seconds,
                      "wall_seconds": entry.wall_seconds})
    # One UPDATE of the document, not two, when the submit completes the pair (issue 16).
    if not _compare_if_ready(doc, changed=["human_submitted"]):
        doc.save(update_fields=["human_submitted", "lease_holder", "lease_expires_at", "updated_at"])
    return entry


def keying_release(*, document_id: int, expected_holder_id: int, actor, reason: str) -> None:
    """Free the keying claim `expected_holder_id` holds (a manager freeing a stuck claim, an
    operator giving back a document claimed ahead); the draft stays for whoever claims next.
    Refused with WorkflowError when the document is held by somebody else by now."""
    with transaction.atomic(durable=True):
        doc = claims.release(Document, document_id, expected_holder_id=expected_holder_id)
        if doc is not None:
            history_add(kind=HistoryEvent.Kind.RELEASE, document=doc, actor=actor, note=reason,
                        data={"holder": expected_holder_id})


# What an autosave reads and writes of the entry and its document; the type whole, for its spec.
_DRAFT_COLUMNS = ("document", "operator", "source", "state", "records", "version", "active_seconds", "wall_seconds",
                  "document__lease_holder", "document__lease_expires_at", "document__document_type")


def _own_draft_for_update(entry_id: int, operator, *, columns: tuple[str, ...] = _DRAFT_COLUMNS) -> Entry:
    """The operator's keying and its document (with its type), both locked, in one query; `columns` of them
    only, or all when empty (issue 16: an autosave is a third of all requests; two locking reads of whole
    rows were a fifth of its CPU)."""
    entries = Entry.objects.select_for_update(of=("self", "document")).select_related("document__document_type")
    try:
        return (entries.only(*columns) if columns else entries).get(pk=entry_id, operator=operator,
                                                                      source=Entry.Source.HUMAN)
    except Entry.DoesNotExist:
        raise NotYours(_("This keying is not yours.")) from None


def _own_entry_for_update(entry_id: int, operator) -> Entry:
    try:  # get(), not first(): first() orders by the model's ordering, a join to the document
        return Entry.objects.select_for_update().get(pk=entry_id, operator=operator, source=Entry.Source.HUMAN)
    except Entry.DoesNotExist:
        raise NotYours(_("This keying is not yours.")) from None


# --- comparison -------------------------------------------------------------------------

def _compare_if_ready(doc: Document, *, changed: list[str] | None = None) -> bool:
    """Called with the document locked, whenever a keying arrives or the machine gives up.
    The comparison (and, when the keyings differ, the review task) is stored by the review app
    through `hooks.store_comparison`. True when it compared, and saved the document: every field, or
    with `changed` only those and what a comparison changes."""
    if doc.status != Document.Status.KEYING:
        return False
    entries = list(doc.entries.filter(state=Entry.State.SUBMITTED).order_by("submitted_at", "id"))  # one query, not two
    humans = [e for e in entries if e.source == Entry.Source.HUMAN]
    machine = [e for e in entries if e.source == Entry.Source.MACHINE]
    if doc.machine_state == Document.MachineState.DONE and humans:
        first = machine[0] if len(machine) == 1 else doc.entries.get(source=Entry.Source.MACHINE)
        second, with_machine = humans[0], True
    elif doc.machine_state == Document.MachineState.FAILED and len(humans) >= 2:
        first, second, with_machine = humans[0], humans[1], False
    else:
        return False
    spec = doc.document_type.spec()
    result = compare_entries(first.records, second.records, spec)
    comparison_id = hooks.store_comparison.call(document=doc, first_entry=first, second_entry=second, result=result)
    history_add(kind=HistoryEvent.Kind.COMPARE, document=doc,
                data={"comparison": comparison_id, "conflicts": len(result.conflicts), "with_machine": with_machine})
    if result.agreed:
        records, provenance = [], []
        for pair in result.pairs:
            source = second.records[pair.b_index]
            records.append({f.key: canonical_value(source.get(f.key, ""), f) for f in spec.fields})
            provenance.append({f.key: Result.Provenance.AGREED for f in spec.fields})
        Result.objects.create(
            document=doc, path=Result.Path.AUTO if with_machine else Result.Path.AUTO_HUMANS,
            records=records, provenance=provenance, first_entry=first, second_entry=second,
        )
        doc.transition(Document.Status.ACCEPTED, reason="all fields agree")
    else:
        doc.transition(Document.Status.IN_REVIEW, reason=f"{len(result.conflicts)} conflict(s)")
    doc.lease_holder = None
    doc.lease_expires_at = None
    if changed is None:
        doc.save()
    else:
        doc.save(update_fields=[*changed, "status", "accepted_at", "lease_holder", "lease_expires_at", "updated_at"])
    return True


# --- admin changes --------------------------------------------------------------------------------

def admin_change_record(*, actor, action: str, obj, message, changes: dict) -> HistoryEvent:
    """One history row for one add, change or delete made in the Django admin; on the document's
    history when the object is a document or belongs to one."""
    document = obj if isinstance(obj, Document) else getattr(obj, "document", None)
    if not isinstance(document, Document) or (action == "delete" and document is obj):
        document = None  # a deleted document cannot be referred to
    label = obj._meta.label_lower
    return history_add(
        kind=HistoryEvent.Kind.ADMIN, document=document, actor=actor,
        note=f"{action} {label} #{obj.pk}: {str(obj)[:200]}",
        data={"action": action, "model": label, "object_id": str(obj.pk), "message": message, "changes": changes},
    )


# --- managers' document tools and the operators' "cannot key" (issue 14) -------------------------

def _locked_document(document_id: int) -> Document:
    doc = Document.objects.select_for_update().filter(pk=document_id).first()
    if doc is None:
        raise WorkflowError(_("This document does not exist."))
    return doc


def _clear_lease(doc: Document) -> None:
    doc.lease_holder = None
    doc.lease_expires_at = None


def document_priority_set(*, document_id: int, priority: int, actor) -> Document:
    """Higher is keyed and reviewed first; the change is in the history."""
    if not -1000 <= priority <= 1000:
        raise WorkflowError(_("Priority must be a whole number between -1000 and 1000."))
    with transaction.atomic(durable=True):
        doc = _locked_document(document_id)
        before = doc.priority
        if before == priority:
            return doc
        doc.priority = priority
        doc.save(update_fields=["priority", "updated_at"])
        history_add(kind=HistoryEvent.Kind.PRIORITY, document=doc, actor=actor, note=f"{before} → {priority}",
                    data={"from": before, "to": priority})
        return doc


def keying_reassign(*, document_id: int, operator, actor) -> Entry:
    """Give the keying claim to another operator (who has not keyed this document yet)."""
    from dataentry.roles import OPERATOR, has_role

    if not has_role(operator, OPERATOR):
        raise WorkflowError(_("Only an operator can be given a keying claim."))
    with transaction.atomic(durable=True):
        doc = _locked_document(document_id)
        if not doc.needs_human_keying():
            raise WorkflowError(_("This document does not need a human keying now, so there is no claim to give."))
        if Entry.objects.filter(document=doc, operator=operator, state=Entry.State.SUBMITTED).exists():
            raise WorkflowError(_("This operator already keyed this document; two keyings must come from two people."))
        previous = doc.lease_holder_id
        return _keying_claimed(claims.take(doc, operator), actor=actor, note="claim reassigned by a manager",
                               data={"from": previous, "to": operator.pk})


def document_withdraw(*, document_id: int, actor, reason: str) -> Document:
    """Take a document out of the workflow: it leaves the keying, review and set-aside queues;
    its history, entries and pages stay. An accepted document is corrected, not withdrawn."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Say why the document is withdrawn."))
    with transaction.atomic(durable=True):
        # The consumers' open work on it closes first: their rows come before the document in the
        # lock order (dataentry/claims.py). A refusal below rolls the closing back.
        closed = sum(hooks.document_withdrawn.collected(document_id=document_id, actor=actor, reason=reason[:2000]))
        doc = _locked_document(document_id)
        if Document.Status.WITHDRAWN not in Document.TRANSITIONS[Document.Status(doc.status)]:
            raise WorkflowError(_("A document that is %(status)s cannot be withdrawn.") % {"status": doc.get_status_display()})
        _clear_lease(doc)
        doc.transition(Document.Status.WITHDRAWN, actor=actor, reason=reason[:2000], data={"review_tasks_closed": closed})
        doc.save()
        return doc


def document_set_aside(*, entry_id: int, operator, reason: str, note: str = "") -> Document:
    """The operator cannot key this document: it leaves the keying queue and waits for a manager.
    What the operator typed stays as a draft."""
    from dataentry.models import SetAsideReason

    if reason not in SetAsideReason.values:
        raise WorkflowError(_("Choose why this document cannot be keyed."))
    with transaction.atomic(durable=True):
        entry = _own_entry_for_update(entry_id, operator)
        doc = _locked_document(entry.document_id)
        entry.document = doc
        not_held = _("You no longer hold this document, so it was not set aside.")
        if entry.state != Entry.State.DRAFT:
            raise WorkflowError(not_held)
        claims.require_lease(doc, operator, not_held)
        _clear_lease(doc)
        doc.transition(Document.Status.SET_ASIDE, actor=operator, reason=note.strip()[:2000] or reason,
                       data={"set_aside": reason, "entry": entry.pk})
        doc.save()
        return doc


def document_return_to_keying(*, document_id: int, actor, note: str = "") -> Document:
    """A manager looked at a set-aside document and sends it back to the operators."""
    with transaction.atomic(durable=True):
        doc = _locked_document(document_id)
        if doc.status != Document.Status.SET_ASIDE:
            raise WorkflowError(_("Only a document set aside by an operator can be returned to keying."))
        doc.transition(Document.Status.KEYING, actor=actor, reason=note.strip()[:2000] or "returned to keying")
        doc.save()
        # Keyings may have completed while it was set aside (the machine's, typically).
        _compare_if_ready(doc)
        return doc


def machine_rerun(*, document_id: int, actor) -> Document:
    """Run the machine keyer again on a document that fell back to two humans (the GPU was down,
    say), as long as the second human keying has not been submitted."""
    with transaction.atomic(durable=True):
        doc = _locked_document(document_id)
        if doc.status != Document.Status.KEYING or doc.machine_state != Document.MachineState.FAILED:
            raise WorkflowError(_("The machine keyer runs again only on a document still being keyed whose machine keying failed."))
        if doc.human_submitted >= 2:
            raise WorkflowError(_("Two operators have keyed this document already."))
        if settings.MACHINE_KEYER == "none":
            raise WorkflowError(_("No machine keyer is configured (MACHINE_KEYER=none)."))
        doc.machine_transition(Document.MachineState.PENDING, actor=actor, reason="machine keying requested again",
                               data={"rerun": True})
        doc.machine_attempts = 0
        doc.machine_error = ""
        doc.save(update_fields=["machine_state", "machine_attempts", "machine_error", "updated_at"])
        enqueue(MACHINE_TASK, doc.pk)
        return doc


def result_correction_propose(*, document_id: int, record: int, field: str, value: str, reason: str, actor):
    """First pair of eyes: a proposed change to an accepted value. Nothing changes until a second
    person confirms it."""
    from dataentry.models import ResultCorrection

    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Say why the value is wrong."))
    with transaction.atomic(durable=True):
        doc = _locked_document(document_id)
        result = Result.objects.filter(document=doc).first()
        if result is None:
            raise WorkflowError(_("Only an accepted result can be corrected."))
        spec = doc.document_type.spec()
        if field not in {f.key for f in spec.fields}:
            raise WorkflowError(_("This document type has no such field."))
        if not 0 <= record < len(result.records):
            raise WorkflowError(_("This result has no such person."))
        new_value = canonical_value(value[:spec.field(field).max_length], spec.field(field))
        old_value = result.records[record].get(field, "")
        if new_value == old_value:
            raise WorkflowError(_("The new value is the same as the accepted one."))
        correction = ResultCorrection.objects.create(
            result=result, record=record, field=field, old_value=old_value, new_value=new_value,
            reason=reason[:2000], proposed_by=actor)
        history_add(kind=HistoryEvent.Kind.CORRECTION, document=doc, actor=actor, note=reason[:2000],
                    data={"correction": correction.pk, "record": record, "field": field, "from": old_value, "to": new_value})
        return correction


def result_correction_decide(*, correction_id: int, actor, confirm: bool):
    """Second pair of eyes: confirm (the value changes, with provenance "manager") or reject."""
    from dataentry.models import ResultCorrection

    with transaction.atomic(durable=True):
        correction = ResultCorrection.objects.select_for_update().filter(pk=correction_id).first()
        if correction is None or correction.status != ResultCorrection.Status.PROPOSED:
            raise WorkflowError(_("This correction was already decided."))
        if correction.proposed_by_id == actor.pk:
            raise WorkflowError(_("A second person must confirm a correction: you proposed this one."))
        result = Result.objects.select_for_update().select_related("document").get(pk=correction.result_id)
        doc = result.document
        correction.decided_by, correction.decided_at = actor, timezone.now()
        if not confirm:
            correction.status = ResultCorrection.Status.REJECTED
            correction.save()
            history_add(kind=HistoryEvent.Kind.CORRECTION, document=doc, actor=actor, note="correction rejected",
                        data={"correction": correction.pk, "rejected": True})
            return correction
        current = result.records[correction.record].get(correction.field, "") if correction.record < len(result.records) else None
        if current != correction.old_value:
            raise WorkflowError(_("The accepted value changed after this correction was proposed; reject it and propose it again."))
        before = {"records": result.records, "provenance": result.provenance}
        records = [dict(r) for r in result.records]
        provenance = [dict(p) for p in result.provenance]
        records[correction.record][correction.field] = correction.new_value
        provenance[correction.record][correction.field] = Result.Provenance.MANAGER
        result.records, result.provenance = records, provenance
        result.notes = [*result.notes, {
            "record": correction.record, "field": correction.field, "provenance": Result.Provenance.MANAGER,
            "reason": correction.reason, "by": correction.proposed_by.username, "confirmed_by": actor.username}]
        result.save(update_fields=["records", "provenance", "notes"])
        correction.status = ResultCorrection.Status.CONFIRMED
        correction.save()
        history_add(kind=HistoryEvent.Kind.CORRECT, document=doc, actor=actor,
                    note=f"result corrected by a manager, confirmed by a second person: {correction.reason}"[:2000],
                    data={"correction": correction.pk, "proposed_by": correction.proposed_by_id,
                          "before": before, "after": {"records": records, "provenance": provenance}})
        return correction
