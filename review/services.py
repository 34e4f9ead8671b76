"""Writes of the review step: claim a conflict, save decisions, resolve into an accepted result."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from dataentry.models import Document, Entry, HistoryEvent, Result, history_add, lease_until
from dataentry.records import canonical_value
from dataentry.services import LeaseExpired, StaleEdit, WorkflowError
from review.models import ReviewTask
from review.overrides import apply_overrides, clean_overrides

FIRST, SECOND, TYPED, KEEP, DROP = "first", "second", "typed", "keep", "drop"
FIELD_CHOICES = {FIRST, SECOND, TYPED}
PERSON_CHOICES = {KEEP, DROP}


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


def _take(task: ReviewTask, reviewer) -> ReviewTask:
    if task.reviewer_id != reviewer.pk:
        task.decisions = {}  # another reviewer's abandoned choices are not this reviewer's
    task.reviewer = reviewer
    task.lease_expires_at = lease_until()
    task.claimed_at = task.claimed_at if task.reviewer_id == reviewer.pk and task.claimed_at else timezone.now()
    task.version += 1
    task.save()
    history_add(kind=HistoryEvent.Kind.CLAIM, document=task.document, actor=reviewer, note="review", data={"review_task": task.pk})
    return task


def review_claim_next(*, reviewer) -> ReviewTask | None:
    with transaction.atomic(durable=True):
        candidates = _open_for(reviewer).select_for_update(skip_locked=True, of=("self",))
        task = candidates.filter(reviewer=reviewer, lease_expires_at__gt=timezone.now()).first()
        if task is None:
            task = candidates.order_by("-document__priority", "created_at", "id").first()
        if task is None:
            return None
        return _take(task, reviewer)


def review_claim(*, reviewer, task_id: int) -> ReviewTask:
    with transaction.atomic(durable=True):
        task = _open_for(reviewer).select_for_update(of=("self",)).filter(pk=task_id).first()
        if task is None:
            raise WorkflowError("This review is no longer available to you: another reviewer has it, it is done, or you keyed this document.")
        return _take(task, reviewer)


def _validate_decisions(task: ReviewTask, decisions: dict, *, complete: bool) -> dict:
    conflicts = task.comparison.parsed().conflicts
    cleaned: dict[str, dict] = {}
    for index, conflict in enumerate(conflicts):
        decision = decisions.get(str(index)) or {}
        choice = decision.get("choice", "")
        allowed = FIELD_CHOICES if conflict.kind == "field" else PERSON_CHOICES
        if choice not in allowed:
            if complete:
                raise WorkflowError(f"Conflict {index + 1} has no decision yet.")
            continue
        value = str(decision.get("value", ""))[:500] if choice == TYPED else ""
        cleaned[str(index)] = {"choice": choice, "value": value}
    # issue 14: agreed values the reviewer changed on purpose, each with a reason.
    cleaned.update(clean_overrides(decisions, task.comparison.parsed(), task.document.document_type.spec(), complete=complete))
    return cleaned


def _lock_own(task_id: int, reviewer) -> ReviewTask:
    task = ReviewTask.objects.select_for_update().filter(pk=task_id).first()
    if task is None or task.reviewer_id != reviewer.pk:
        raise WorkflowError("This review is not assigned to you.")
    if task.status != ReviewTask.Status.OPEN:
        raise WorkflowError("This review was already submitted.")
    return task


def review_save(*, task_id: int, reviewer, decisions: dict, version: int, active_seconds: float = 0,
                wall_seconds: float = 0) -> ReviewTask:
    """Save decisions so far. A save based on an older version (another tab) is refused."""
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, reviewer)
        if task.version != version:
            raise StaleEdit("This review was changed in another window; reload to see the newest decisions.")
        task.decisions = _validate_decisions(task, decisions, complete=False)
        task.version += 1
        task.active_seconds = max(task.active_seconds, float(active_seconds))
        task.wall_seconds = max(task.wall_seconds, float(wall_seconds))
        if task.lease_active():
            task.lease_expires_at = lease_until()
        task.save()
        return task


def review_submit(*, task_id: int, reviewer, decisions: dict, version: int, active_seconds: float = 0,
                  wall_seconds: float = 0) -> Result:
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, reviewer)
        if task.version != version:
            raise StaleEdit("This review was changed in another window; reload to see the newest decisions.")
        if not task.lease_active():
            raise LeaseExpired("Your claim on this review expired; claim it again to submit (your decisions are kept).")
        task.decisions = _validate_decisions(task, decisions, complete=True)
        doc = Document.objects.select_for_update().get(pk=task.document_id)
        comparison = task.comparison
        records, provenance, notes = _resolve(doc, comparison, task.decisions)
        now = timezone.now()
        task.status = ReviewTask.Status.DONE
        task.completed_at = now
        task.version += 1
        task.active_seconds = max(task.active_seconds, float(active_seconds))
        task.wall_seconds = max(task.wall_seconds, float(wall_seconds))
        task.lease_expires_at = None
        task.save()
        with_machine = comparison.first_entry.source == Entry.Source.MACHINE
        result = Result.objects.create(
            document=doc, path=Result.Path.REVIEWED if with_machine else Result.Path.REVIEWED_HUMANS,
            records=records, provenance=provenance, first_entry=comparison.first_entry,
            second_entry=comparison.second_entry, accepted_by=reviewer,
            notes=[{**note, "by": reviewer.username} for note in notes],
        )
        counts: dict[str, int] = {}
        for d in task.decisions.values():
            counts[d["choice"]] = counts.get(d["choice"], 0) + 1
        history_add(kind=HistoryEvent.Kind.REVIEW, document=doc, actor=reviewer,
                    data={"review_task": task.pk, "conflicts": len(task.decisions), "decisions": counts,
                          "active_seconds": task.active_seconds, "wall_seconds": task.wall_seconds})
        doc.transition(Document.Status.ACCEPTED, actor=reviewer, reason="review resolved")
        doc.save()
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
