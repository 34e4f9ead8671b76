from __future__ import annotations

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.models import Entry
from dataentry.roles import REVIEWER, has_role
from dataentry.ui import minutes
from review.models import ReviewTask


def review_queue_size(reviewer) -> int:
    keyed_by_me = Entry.objects.filter(document=OuterRef("document"), operator=reviewer, state=Entry.State.SUBMITTED)
    return ReviewTask.objects.filter(status=ReviewTask.Status.OPEN).filter(~Exists(keyed_by_me)).count()


def reviewed_today(reviewer) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return ReviewTask.objects.filter(reviewer=reviewer, status=ReviewTask.Status.DONE, completed_at__gte=start).count()


# --- what the core asks through dataentry.hooks (registered in review/apps.py) ------------------

def reviewer_may_view(user, doc) -> bool:
    """A reviewer sees the pages of the review they hold open."""
    return ReviewTask.objects.filter(document=doc, reviewer=user, status=ReviewTask.Status.OPEN).exists()


def home_figures(user) -> dict:
    if not has_role(user, REVIEWER):
        return {}
    return {"review_queue": review_queue_size(user), "reviewed_today": reviewed_today(user)}


def today_figures(user, since) -> dict:
    reviews = ReviewTask.objects.filter(reviewer=user, status=ReviewTask.Status.DONE, completed_at__gte=since)
    seconds = reviews.aggregate(s=Sum("active_seconds"))["s"] or 0
    return {"reviewed": reviews.count(), "review_minutes": minutes(seconds)}


def held_claims() -> dict:
    """Open review tasks someone holds right now (for the manager's queue page)."""
    tasks = (ReviewTask.objects.filter(status=ReviewTask.Status.OPEN, reviewer__isnull=False,
                                       lease_expires_at__gt=timezone.now())
             .select_related("reviewer", "document").order_by("lease_expires_at"))
    return {
        "caption": _("Review claims held now"), "holder_label": _("Reviewer"),
        "empty": _("Nobody holds a review claim."),
        "rows": [{"document": t.document, "holder": t.reviewer, "expires": t.lease_expires_at} for t in tasks],
    }


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
