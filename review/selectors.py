from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dataentry import ui
from dataentry.comparison import MATCHED
from dataentry.models import Entry
from dataentry.roles import REVIEWER, has_role
from dataentry.selectors import view_lease_cutoff
from review.models import ReviewTask
from review.overrides import override_key


def review_queue_size(reviewer) -> int:
    keyed_by_me = Entry.objects.filter(document=OuterRef("document"), operator=reviewer, state=Entry.State.SUBMITTED)
    return ReviewTask.objects.filter(status=ReviewTask.Status.OPEN).filter(~Exists(keyed_by_me)).count()


def reviewed_today(reviewer) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return ReviewTask.objects.filter(reviewer=reviewer, status=ReviewTask.Status.DONE, completed_at__gte=start).count()


# --- what the core asks through dataentry.hooks (registered in review/apps.py) ------------------

def reviewer_may_view(user, doc) -> bool:
    """A reviewer sees the pages of the review they hold open, while the claim lasts (issue 12, hole 7)."""
    return ReviewTask.objects.filter(document=doc, reviewer=user, status=ReviewTask.Status.OPEN,
                                     lease_expires_at__gt=view_lease_cutoff()).exists()


def home_figures(user) -> dict:
    if not has_role(user, REVIEWER):
        return {}
    return {"review_queue": review_queue_size(user), "reviewed_today": reviewed_today(user)}


def today_figures(user, since) -> dict:
    reviews = ReviewTask.objects.filter(reviewer=user, status=ReviewTask.Status.DONE, completed_at__gte=since)
    seconds = reviews.aggregate(s=Sum("active_seconds"))["s"] or 0
    return {"reviewed": reviews.count(), "review_minutes": ui.minutes(seconds)}


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


def work_held_by(user_id: int, now) -> Q:
    """Documents whose review `user_id` holds now (the managers' holder filter)."""
    reviewing = ReviewTask.objects.filter(status=ReviewTask.Status.OPEN, reviewer_id=user_id,
                                          lease_expires_at__gt=now).values("document_id")
    return Q(pk__in=reviewing)


def work_holders(document_ids: list[int], now) -> dict[int, str]:
    """{document id: reviewer's user name} for the reviews held now among `document_ids`."""
    return dict(ReviewTask.objects.filter(document__in=document_ids, status=ReviewTask.Status.OPEN,
                                          reviewer__isnull=False, lease_expires_at__gt=now)
                .values_list("document_id", "reviewer__username"))


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


# --- the review page ---------------------------------------------------------------------------

def review_people(task: ReviewTask, spec, rows: list[dict]) -> list[dict]:
    """The review page's persons in reading order: each with its conflicts (the `rows` of
    `review.selectors.conflict_rows`, with the diff attached) and its agreed fields, which are
    shown collapsed and read-only."""
    comparison = task.comparison
    parsed = comparison.parsed()
    language = translation.get_language()
    by_pair: dict[int, list[dict]] = {}
    for row, conflict in zip(rows, parsed.conflicts):
        row = dict(row)
        row["label"] = ui.field_label(spec.field(row["field"]), language) if row.get("field") else ""
        if row["kind"] == "field":
            first, second = ui.char_diff(str(row["first"] or ""), str(row["second"] or ""))
            row["diff"] = {"first": first, "second": second}
        by_pair.setdefault(conflict.pair, []).append(row)
    people = []
    first_records, second_records = comparison.first_entry.records, comparison.second_entry.records
    for index, pair in enumerate(parsed.pairs):
        record = (second_records[pair.b_index] if pair.b_index is not None
                  else first_records[pair.a_index] if pair.a_index is not None else {})
        name = " ".join(str(record.get(f.key, "")) for f in spec.fields if f.kind == "name" and record.get(f.key))
        agreed = []
        if pair.kind == MATCHED:
            for f in pair.fields:
                if f.agree:
                    override = task.decisions.get(override_key(index, f.key)) or {}
                    agreed.append({"label": ui.field_label(spec.field(f.key), language), "value": f.b, "key": f.key,
                                   "name": f"o{index}-{f.key}", "override": override.get("value", f.b),
                                   "reason": override.get("reason", ""), "changed": bool(override)})
        people.append({
            "number": index + 1, "name": name, "kind": pair.kind, "conflicts": by_pair.get(index, []),
            "agreed": agreed, "name_parts": _name_parts(spec, record, by_pair.get(index, []), agreed),
        })
    return people


def _name_parts(spec, record: dict, conflicts: list[dict], agreed: list[dict]) -> list[dict]:
    """The person heading (issue 14): each name field shows the value the reviewer chose, a typed
    correction or an override; undecided conflicts show both candidates. review_heading.js keeps
    it current while the reviewer decides."""
    parts = []
    for f in spec.fields:
        if f.kind != "name":
            continue
        conflict = next((c for c in conflicts if c.get("field") == f.key), None)
        kept = next((a for a in agreed if a["key"] == f.key), None)
        if conflict is not None:
            chosen = {"first": conflict["first"], "second": conflict["second"], "typed": conflict["value"]}.get(conflict["choice"])
            parts.append({"field": f.key, "conflict": conflict["index"], "first": conflict["first"],
                          "second": conflict["second"], "text": chosen if chosen is not None else f"{conflict['first']}／{conflict['second']}",
                          "decided": chosen is not None})
        elif kept is not None:
            parts.append({"field": f.key, "override": kept["name"], "text": kept["override"], "decided": True})
        elif record.get(f.key):
            parts.append({"field": f.key, "text": record.get(f.key), "decided": True})
    return parts


def review_config(task: ReviewTask) -> dict:
    """Settings and addresses review.js needs (rendered with json_script)."""
    return {
        "task": task.pk,
        "idleSeconds": settings.IDLE_THRESHOLD_SECONDS,
        "leaseSeconds": settings.LEASE_MINUTES * 60,
        "evidenceUrl": reverse("ui_review_evidence", args=[task.pk]),
        "reclaimUrl": reverse("ui_review_reclaim", args=[task.pk]),
        "homeUrl": reverse("review_home"),
    }
