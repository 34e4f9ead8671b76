"""Reads: what a user may see, queue sizes, lists for pages."""
from __future__ import annotations

from datetime import timedelta

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


def accepted_results(*, document_type=None):
    qs = Result.objects.select_related("document", "document__document_type").order_by("-created_at")
    if document_type is not None:
        qs = qs.filter(document__document_type=document_type)
    return qs


def my_done_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Entry.objects.filter(operator=user, state=Entry.State.SUBMITTED, submitted_at__gte=start).count()
