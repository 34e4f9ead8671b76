"""Reads of the learning loop: periods, the shared-error estimate, audit queues, who may see a page."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from dataentry.intervals import wilson_interval
from dataentry.models import Entry
from learning.models import AuditTask, ExportJob
from reports import periods



# --- periods: calendar months in the site's time zone, as the reports count them -----------------
# The one period module is reports/periods.py; audits are selected and estimated per month.

def month_bounds(label: str) -> tuple[datetime, datetime]:
    """"2026-11" -> [2026-11-01 00:00, 2026-12-01 00:00) as aware datetimes in TIME_ZONE."""
    month = _month(label)
    return month.start, month.end


def _month(label: str) -> periods.Period:
    try:
        period = periods.parse_period(label, timezone.get_default_timezone())
    except periods.PeriodError:
        period = None
    if period is None or period.kind != periods.MONTH:
        raise ValueError(f"an audit period is a calendar month, written YYYY-MM, not {label!r}")
    return period


def to_aware(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def period_label(moment: datetime | date | None = None) -> str:
    day = timezone.localtime(to_aware(moment or timezone.now())).date()
    return periods.month_period(day, timezone.get_default_timezone()).label


def previous_period(label: str) -> str:
    return _month(label).shifted(-1).label


# --- the shared-error estimate ------------------------------------------------------------------

def shared_error_estimate(period_start: date | datetime, period_end: date | datetime) -> dict[str, Any]:
    """Share of auto-accepted documents that were wrong although both keyers agreed.

    Over finished audits of results accepted in [period_start, period_end): a document "has an
    error" when at least one audit finding was confirmed. `rate`, `ci_low`, `ci_high` are
    fractions (None without audits); the interval is Wilson's, 95 %.
    """
    done = AuditTask.objects.filter(
        status=AuditTask.Status.DONE,
        result__created_at__gte=to_aware(period_start), result__created_at__lt=to_aware(period_end),
    )
    audits = done.count()
    with_error = done.filter(confirmed_count__gt=0).count()
    low, high = wilson_interval(with_error, audits)
    return {
        "audits": audits,
        "documents_with_error": with_error,
        "rate": with_error / audits if audits else None,
        "ci_low": low,
        "ci_high": high,
    }


# --- audits -------------------------------------------------------------------------------------

def _not_keyed_by(user):
    # Four eyes: whoever keyed (or started keying) the document does not audit it.
    return ~Exists(Entry.objects.filter(document=OuterRef("document"), operator=user))


def audits_available_to(user):
    """Open or checking audits this user may claim now (unclaimed, lease expired, or already theirs)."""
    now = timezone.now()
    return (
        AuditTask.objects.filter(status__in=[AuditTask.Status.OPEN, AuditTask.Status.CHECKING])
        .filter(Q(reviewer__isnull=True) | Q(lease_expires_at__lte=now) | Q(reviewer=user))
        .filter(_not_keyed_by(user))
        # Four eyes: the findings go to somebody other than the auditor who made them.
        .exclude(status=AuditTask.Status.CHECKING, auditor=user)
    )


def audit_queue_size(user) -> int:
    return audits_available_to(user).count()


def auditor_may_view(user, doc, *, cutoff=None) -> bool:
    """True while `user` holds an unfinished audit of `doc` whose lease ends after `cutoff` (the core
    asks through dataentry.hooks.may_view_document; issue 12 hole 7: an expired claim shows nothing)."""
    if cutoff is None:
        from dataentry.selectors import view_lease_cutoff

        cutoff = view_lease_cutoff()
    return AuditTask.objects.filter(
        document=doc, reviewer=user, status__in=[AuditTask.Status.OPEN, AuditTask.Status.CHECKING],
        lease_expires_at__gt=cutoff,
    ).exists()


def audits_for_manager(limit: int = 100):
    return AuditTask.objects.select_related("document", "auditor", "checked_by").order_by("-created_at", "-id")[:limit]


def period_audit_counts(label: str) -> dict[str, int]:
    counts = {status: 0 for status in AuditTask.Status.values}
    for status in AuditTask.objects.filter(period=label).values_list("status", flat=True):
        counts[status] += 1
    return counts


def export_jobs(limit: int = 20):
    return ExportJob.objects.select_related("created_by").order_by("-created_at", "-id")[:limit]
