from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from dataentry.models import Entry
from review.models import ReviewTask


def review_queue_size(reviewer) -> int:
    keyed_by_me = Entry.objects.filter(document=OuterRef("document"), operator=reviewer, state=Entry.State.SUBMITTED)
    return ReviewTask.objects.filter(status=ReviewTask.Status.OPEN).filter(~Exists(keyed_by_me)).count()


def reviewed_today(reviewer) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return ReviewTask.objects.filter(reviewer=reviewer, status=ReviewTask.Status.DONE, completed_at__gte=start).count()


def conflict_rows(task: ReviewTask, spec) -> list[dict]:
    """What the reviewer sees: each conflict with both values and the person it concerns."""
    comparison = task.comparison
    parsed = comparison.parsed()
    first_is_machine = comparison.first_entry.source == Entry.Source.MACHINE
    labels = {f.key: f.label for f in spec.fields}
    rows = []
    for index, conflict in enumerate(parsed.conflicts):
        pair = parsed.pairs[conflict.pair]
        decision = task.decisions.get(str(index), {})
        rows.append({
            "index": index, "kind": conflict.kind, "field": conflict.field, "label": labels.get(conflict.field, ""),
            "first": conflict.a, "second": conflict.b, "person": _person(comparison, pair),
            "choice": decision.get("choice", ""), "value": decision.get("value", ""),
        })
    return rows, ("machine" if first_is_machine else "human1")


def _person(comparison, pair) -> str:
    record = None
    if pair.b_index is not None:
        record = comparison.second_entry.records[pair.b_index]
    elif pair.a_index is not None:
        record = comparison.first_entry.records[pair.a_index]
    if not record:
        return ""
    return f"{record.get('family_name', '')} {record.get('given_name', '')}".strip() or next(iter(record.values()), "")
