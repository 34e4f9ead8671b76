"""Writes of the review step: claim a conflict, save decisions, resolve into an accepted result."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry import claims
from dataentry.errors import WorkflowError
from dataentry.models import Document, Entry, HistoryEvent, Result, history_add
from dataentry.records import canonical_value
from review.models import Comparison, ReviewTask
from review.overrides import apply_overrides, clean_overrides

FIRST, SECOND, TYPED, KEEP, DROP = "first", "second", "typed", "keep", "drop"
FIELD_CHOICES = {FIRST, SECOND, TYPED}
PERSON_CHOICES = {KEEP, DROP}
STALE = _("This review was changed in another window; reload to see the newest decisions.")


def comparison_store(*, document: Document, first_entry: Entry, second_entry: Entry, result) -> int:
    """The core's `hooks.store_comparison`: keep the comparison and, when the keyings differ,
    open its review task. Runs inside the core's transaction with the document locked; a second
    run for the same pair is a no-op. Read, then created if missing, without get_or_create's savepoints
    (four queries, issue 16): every comparison and review task is made here, under that lock."""
    comparison = Comparison.objects.filter(document=document, first_entry=first_entry, second_entry=second_entry).first()
    created = comparison is None
    if created:
        comparison = Comparison.objects.create(
            document=document, first_entry=first_entry, second_entry=second_entry, result=result.to_dict(),
            agreed=result.agreed, conflict_count=len(result.conflicts))
    if not result.agreed and (created or not ReviewTask.objects.filter(comparison=comparison).exists()):
        ReviewTask.objects.create(comparison=comparison, document=document)
    return comparison.pk


def review_tasks_close(*, document_id: int, actor, reason: str) -> int:
    """The core's `hooks.document_withdrawn`: the document's open reviews close (their decisions
    stay as they were); returns how many. Runs inside the core's transaction, before the document
    is locked (lock order: task rows first)."""
    tasks = list(ReviewTask.objects.select_for_update().filter(document_id=document_id, status=ReviewTask.Status.OPEN))
    for task in tasks:
        task.transition(ReviewTask.Status.CLOSED, actor=actor, reason=reason, data={"review_task": task.pk})
        task.save(update_fields=["status", "lease_expires_at"])
    return len(tasks)


def _open_for(reviewer):
    now = timezone.now()
    # Four eyes: nobody reviews a document whose keying they submitted. A draft they never submitted
    # (an abandoned claim, a document claimed ahead) is not one of the compared entries.
    keyed_by_me = Entry.objects.filter(document=OuterRef("document"), operator=reviewer, state=Entry.State.SUBMITTED)
    return (
        ReviewTask.objects.filter(status=ReviewTask.Status.OPEN)
        .filter(Q(reviewer__isnull=True) | Q(lease_expires_at__lte=now) | Q(reviewer=reviewer))
        .filter(~Exists(keyed_by_me))
    )


def _claimed(claim: claims.Claim) -> ReviewTask:
    task = claim.work  # a new holder's task starts with no decisions (ReviewTask.handed_over, saved by the claim)
    history_add(kind=HistoryEvent.Kind.CLAIM, document_id=task.document_id, actor=task.reviewer, note="review",
                data={"review_task": task.pk})
    return task


def review_claim_next(*, reviewer) -> ReviewTask | None:
    with transaction.atomic(durable=True):
        claim = claims.claim_next(_open_for(reviewer), holder=reviewer,
                                  order_by=("-document__priority", "created_at", "id"))
        return _claimed(claim) if claim is not None else None


def review_claim(*, reviewer, task_id: int) -> ReviewTask:
    with transaction.atomic(durable=True):
        claim = claims.claim(_open_for(reviewer), holder=reviewer, pk=task_id,
                             unavailable=_("This review is no longer available to you: another reviewer has it, it "
                                           "is done, or you keyed this document."))
        return _claimed(claim)


def _validate_decisions(task: ReviewTask, decisions: dict, *, complete: bool) -> dict:
    conflicts = task.comparison.parsed().conflicts
    cleaned: dict[str, dict] = {}
    for index, conflict in enumerate(conflicts):
        decision = decisions.get(str(index)) or {}
        choice = decision.get("choice", "")
        allowed = FIELD_CHOICES if conflict.kind == "field" else PERSON_CHOICES
        if choice not in allowed:
            if complete:
                raise WorkflowError(_("Conflict %(n)d has no decision yet.") % {"n": index + 1})
            continue
        value = str(decision.get("value", ""))[:500] if choice == TYPED else ""
        cleaned[str(index)] = {"choice": choice, "value": value}
    # issue 14: agreed values the reviewer changed on purpose, each with a reason.
    cleaned.update(clean_overrides(decisions, task.comparison.parsed(), task.document.document_type.spec(), complete=complete))
    return cleaned


def _lock_own(task_id: int, reviewer, *, with_entries: bool = False) -> ReviewTask:
    # The document's type (for its spec) and the comparison (with its two keyings for a submit) come in
    # the same query, unlocked.
    related = ["document__document_type", "comparison"]
    if with_entries:
        related += ["comparison__first_entry", "comparison__second_entry"]
    try:  # get(), not first(): first() sorts by the model's ordering
        task = ReviewTask.objects.select_for_update(of=("self",)).select_related(*related).get(pk=task_id)
    except ReviewTask.DoesNotExist:
        task = None
    if task is None or task.reviewer_id != reviewer.pk:
        raise WorkflowError(_("This review is not assigned to you."))
    if task.status != ReviewTask.Status.OPEN:
        raise WorkflowError(_("This review was already submitted."))
    return task


def review_save(*, task_id: int, reviewer, decisions: dict, version: int, active_seconds: float = 0,
                wall_seconds: float = 0) -> ReviewTask:
    """Save decisions so far. A save based on an older version (another tab) is refused."""
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, reviewer)
        claims.record_work(task, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds,
                           stale=STALE)
        task.decisions = _validate_decisions(task, decisions, complete=False)
        claims.renew(task, reviewer)
        task.save(update_fields=["version", "active_seconds", "wall_seconds", "decisions", "lease_expires_at"])
        return task


def review_submit(*, task_id: int, reviewer, decisions: dict, version: int, active_seconds: float = 0,
                  wall_seconds: float = 0) -> Result:
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, reviewer, with_entries=True)
        claims.record_work(task, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds,
                           stale=STALE)
        claims.require_lease(task, reviewer, _("Your claim on this review expired; claim it again to submit "
                                               "(your decisions are kept)."))
        task.decisions = _validate_decisions(task, decisions, complete=True)
        doc = Document.objects.select_for_update(of=("self",)).select_related("document_type").get(pk=task.document_id)
        comparison = task.comparison
        records, provenance, notes = _resolve(doc, comparison, task.decisions)
        counts: dict[str, int] = {}
        for d in task.decisions.values():
            counts[d["choice"]] = counts.get(d["choice"], 0) + 1
        task.transition(ReviewTask.Status.DONE, actor=reviewer,
                        data={"review_task": task.pk, "conflicts": len(task.decisions), "decisions": counts,
                              "active_seconds": task.active_seconds, "wall_seconds": task.wall_seconds})
        # What the submit changed, not every column (issue 16).
        task.save(update_fields=["version", "active_seconds", "wall_seconds", "decisions", "status", "completed_at",
                                 "lease_expires_at"])
        with_machine = comparison.first_entry.source == Entry.Source.MACHINE
        result = Result.objects.create(
            document=doc, path=Result.Path.REVIEWED if with_machine else Result.Path.REVIEWED_HUMANS,
            records=records, provenance=provenance, first_entry=comparison.first_entry,
            second_entry=comparison.second_entry, accepted_by=reviewer,
            notes=[{**note, "by": reviewer.username} for note in notes],
        )
        doc.transition(Document.Status.ACCEPTED, actor=reviewer, reason="review resolved")
        doc.save(update_fields=["status", "accepted_at", "updated_at"])
        return result


def _resolve(doc: Document, comparison, decisions: dict) -> tuple[list[dict], list[dict], list[dict]]:
    spec = doc.document_type.spec()
    parsed = comparison.parsed()
    first, second = comparison.first_entry.records, comparison.second_entry.records
    by_pair: dict[int, dict] = {}
    for index, conflict in enumerate(parsed.conflicts):
        by_pair.setdefault(conflict.pair, {})[conflict.field or "__person__"] = decisions[str(index)]
    records, provenance, notes = [], [], []
    for pair_index, pair in enumerate(parsed.pairs):
        chosen = by_pair.get(pair_index, {})
        if pair.a_index is None or pair.b_index is None:
            if chosen.get("__person__", {}).get("choice") != KEEP:
                continue
            source, prov = (first[pair.a_index], Result.Provenance.FIRST) if pair.a_index is not None else (second[pair.b_index], Result.Provenance.SECOND)
            records.append({f.key: canonical_value(source.get(f.key, ""), f) for f in spec.fields})
            provenance.append({f.key: prov for f in spec.fields})
            continue
        row, prov_row = {}, {}
        for f in spec.fields:
            decision = chosen.get(f.key)
            if decision is None:
                row[f.key], prov_row[f.key] = canonical_value(second[pair.b_index].get(f.key, ""), f), Result.Provenance.AGREED
            elif decision["choice"] == FIRST:
                row[f.key], prov_row[f.key] = canonical_value(first[pair.a_index].get(f.key, ""), f), Result.Provenance.FIRST
            elif decision["choice"] == SECOND:
                row[f.key], prov_row[f.key] = canonical_value(second[pair.b_index].get(f.key, ""), f), Result.Provenance.SECOND
            else:
                row[f.key], prov_row[f.key] = canonical_value(decision["value"], f), Result.Provenance.REVIEWER
        for note in apply_overrides(pair_index, row, prov_row, decisions, spec, Result.Provenance.OVERRIDE):
            notes.append({"record": len(records), **note})
        records.append(row)
        provenance.append(prov_row)
    return records, provenance, notes
