"""Reads: what a user may see, queue sizes, lists for pages."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from dataentry.models import Document, Entry, Result
from dataentry.roles import MANAGER, has_role


def can_view_document(user, doc: Document) -> bool:
    """Managers see everything; an operator only a document they are keying; a reviewer or auditor only what they review."""
    if has_role(user, MANAGER):
        return True
    if Entry.objects.filter(document=doc, operator=user, state=Entry.State.DRAFT).exists() and doc.lease_holder_id == user.pk:
        return True
    from learning.selectors import auditor_may_view
    from review.models import ReviewTask

    if ReviewTask.objects.filter(document=doc, reviewer=user, status=ReviewTask.Status.OPEN).exists():
        return True
    return auditor_may_view(user, doc)


def keying_queue_size() -> int:
    return Document.objects.filter(status=Document.Status.KEYING).filter(
        Q(machine_state=Document.MachineState.FAILED, human_submitted__lt=2)
        | (~Q(machine_state=Document.MachineState.FAILED) & Q(human_submitted__lt=1))
    ).count()


def status_counts() -> list[dict]:
    rows = Document.objects.values("status").annotate(n=Count("id"), oldest=Min("created_at")).order_by("status")
    labels = dict(Document.Status.choices)
    now = timezone.now()
    return [
        {"status": r["status"], "label": labels.get(r["status"], r["status"]), "count": r["n"],
         "oldest_age": now - r["oldest"] if r["oldest"] else None}
        for r in rows
    ]


def active_claims():
    now = timezone.now()
    return Document.objects.filter(lease_holder__isnull=False, lease_expires_at__gt=now).select_related("lease_holder")


def documents_for_manager(limit: int = 200):
    return Document.objects.select_related("document_type").order_by("-created_at")[:limit]


def documents_filtered(*, status: str = "", document_type=None, uploaded_from=None, uploaded_to=None,
                       filename: str = "", external_ref: str = "", holder: str = ""):
    """The managers' document list (issue 14): every filter optional, newest first, with who holds
    each document (a keying claim or a review claim) in one query per page.

    Dates are local calendar days, both inclusive. `holder` is a user name: the operator holding
    the keying claim or the reviewer holding the review, while their claim lasts."""
    from review.models import ReviewTask

    now = timezone.now()
    qs = Document.objects.select_related("document_type", "lease_holder").order_by("-created_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if document_type is not None:
        qs = qs.filter(document_type=document_type)
    tz = timezone.get_current_timezone()
    if uploaded_from:
        qs = qs.filter(created_at__gte=datetime.combine(uploaded_from, time.min, tzinfo=tz))
    if uploaded_to:
        qs = qs.filter(created_at__lt=datetime.combine(uploaded_to + timedelta(days=1), time.min, tzinfo=tz))
    if filename:
        qs = qs.filter(filename__icontains=filename)
    if external_ref:
        qs = qs.filter(external_ref=external_ref)
    if holder:
        from django.contrib.auth import get_user_model

        # Resolve the name first: an OR across a join and a correlated subquery defeats the indexes.
        user_id = get_user_model().objects.filter(username=holder).values_list("pk", flat=True).first()
        if user_id is None:
            return qs.none()
        reviewing = ReviewTask.objects.filter(status=ReviewTask.Status.OPEN, reviewer_id=user_id,
                                              lease_expires_at__gt=now).values("document_id")
        qs = qs.filter(Q(lease_holder_id=user_id, lease_expires_at__gt=now) | Q(pk__in=reviewing))
    return qs


def with_review_holders(documents) -> list:
    """Set `reviewer_name` on each document of one page: who holds its review claim now, if anyone.
    One query per page; an annotation would be computed for every row an OFFSET skips."""
    from review.models import ReviewTask

    docs = list(documents)
    held = dict(
        ReviewTask.objects.filter(document__in=[d.pk for d in docs], status=ReviewTask.Status.OPEN,
                                  reviewer__isnull=False, lease_expires_at__gt=timezone.now())
        .values_list("document_id", "reviewer__username")
    ) if docs else {}
    for doc in docs:
        doc.reviewer_name = held.get(doc.pk, "")
    return docs


def set_aside_documents():
    """Documents operators could not key, oldest first, with the reason they gave."""
    from dataentry.models import HistoryEvent, SetAsideReason

    labels = dict(SetAsideReason.choices)
    docs = list(Document.objects.filter(status=Document.Status.SET_ASIDE).select_related("document_type").order_by("updated_at"))
    events = HistoryEvent.objects.filter(document__in=docs, kind=HistoryEvent.Kind.STATUS,
                                         to_status=Document.Status.SET_ASIDE).select_related("actor").order_by("at")
    latest = {e.document_id: e for e in events}
    for event in latest.values():
        event.reason_label = labels.get(event.data.get("set_aside"), event.data.get("set_aside", ""))
    for doc in docs:
        doc.set_aside_event = latest.get(doc.pk)
    return docs


def accepted_results(*, document_type=None):
    qs = Result.objects.select_related("document", "document__document_type").order_by("-created_at")
    if document_type is not None:
        qs = qs.filter(document__document_type=document_type)
    return qs


def accepted_results_filtered(*, accepted_from=None, accepted_to=None, document_type=None, path: str = ""):
    """Accepted results for an export (issue 14): local calendar days, both inclusive; oldest first
    so that an export of a period reads in order."""
    qs = Result.objects.select_related("document", "document__document_type").order_by("created_at", "id")
    tz = timezone.get_current_timezone()
    if accepted_from:
        qs = qs.filter(created_at__gte=datetime.combine(accepted_from, time.min, tzinfo=tz))
    if accepted_to:
        qs = qs.filter(created_at__lt=datetime.combine(accepted_to + timedelta(days=1), time.min, tzinfo=tz))
    if document_type is not None:
        qs = qs.filter(document__document_type=document_type)
    if path:
        qs = qs.filter(path=path)
    return qs


def my_done_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Entry.objects.filter(operator=user, state=Entry.State.SUBMITTED, submitted_at__gte=start).count()
