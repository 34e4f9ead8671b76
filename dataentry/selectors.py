"""Reads: what a user may see, queue sizes, lists for pages."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from dataentry import hooks
from dataentry.models import Document, Entry, Result
from dataentry.roles import MANAGER, has_role


def view_lease_cutoff():
    """Leases that ended after this moment still show the page (issue 12, hole 7): a page already
    open when the claim runs out may finish loading, nothing more."""
    return timezone.now() - timedelta(seconds=settings.LEASE_VIEW_GRACE_SECONDS)


def can_view_document(user, doc: Document) -> bool:
    """Managers see everything; an operator only a document whose unexpired claim they hold; a
    reviewer or auditor only what they hold an unexpired claim to review (answered by those apps
    through `hooks.may_view_document`)."""
    if has_role(user, MANAGER):
        return True
    cutoff = view_lease_cutoff()
    if (doc.lease_holder_id == user.pk and doc.lease_expires_at is not None and doc.lease_expires_at > cutoff
            and Entry.objects.filter(document=doc, operator=user, state=Entry.State.DRAFT).exists()):
        return True
    return hooks.may_view_document.any(user, doc)


def keying_queue_size() -> int:
    return Document.objects.needing_human_keying().count()


def keying_available_to(operator):
    """Documents `operator` may claim for keying now: needing a human keying, not claimed by
    someone else (or the claim expired), and not already keyed by them."""
    now = timezone.now()
    keyed_by_me = Entry.objects.filter(document=OuterRef("pk"), operator=operator, state=Entry.State.SUBMITTED)
    available = (
        Document.objects.needing_human_keying()
        .filter(Q(lease_holder__isnull=True) | Q(lease_expires_at__lte=now) | Q(lease_holder=operator))
        .filter(~Exists(keyed_by_me))
    )
    for held in hooks.keying_hold.collected(now):
        available = available.exclude(held)
    return available


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
        held = Q(lease_holder_id=user_id, lease_expires_at__gt=now)
        for other in hooks.work_held_by.collected(user_id, now):  # a review claim, say
            held |= other
        qs = qs.filter(held)
    return qs


def with_review_holders(documents) -> list:
    """Set `reviewer_name` on each document of one page: who holds its review claim now, if anyone.
    One query per page; an annotation would be computed for every row an OFFSET skips."""
    docs = list(documents)
    held: dict[int, str] = {}
    if docs:
        now = timezone.now()
        for holders in hooks.work_holders.collected([d.pk for d in docs], now):
            held.update(holders)
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
