"""Database → plain facts for `reports.calc`, in a fixed handful of queries (no query per document).

Queries: report settings, document types + fields, accepted documents with their results,
their entries, machine runs, finished reviews, and the two-human documents for the baseline.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from zoneinfo import ZoneInfo

from dataentry.models import Document, DocumentType, Entry, MachineRun
from dataentry.spec import DocumentTypeSpec, ResultPath
from reports.calc import (
    BaselineSample,
    DocumentFacts,
    HumanKeying,
    MachineKeying,
    MachineRunFacts,
    Report,
    ReviewFacts,
    SINGLE_ENTRY_AUDIT,
    build_report,
    measured_seconds,
)
from reports.models import ReportSettings
from reports.periods import Period, parse_period
from review.models import ReviewTask

FALLBACK_PATHS = tuple(sorted(ResultPath.FALLBACK))


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def period_from_text(text: str) -> Period:
    """Parse a period in settings.TIME_ZONE (raises reports.periods.PeriodError)."""
    return parse_period(text, local_tz())


def document_type_specs() -> dict[str, DocumentTypeSpec]:
    types = DocumentType.objects.prefetch_related("field_definitions")
    return {t.slug: t.spec() for t in types}


def document_type_choices() -> list[tuple[str, str]]:
    return list(DocumentType.objects.order_by("name").values_list("slug", "name"))


def _accepted(period: Period, document_type: str) -> QuerySet:
    docs = Document.objects.filter(
        status=Document.Status.ACCEPTED, accepted_at__gte=period.start, accepted_at__lt=period.end, result__isnull=False,
    )
    return docs.filter(document_type__slug=document_type) if document_type else docs


def _run_seconds(latency_ms: int, started_at: datetime | None, finished_at: datetime | None) -> float:
    # A failed attempt records no latency, only when it started and finished.
    if latency_ms:
        return latency_ms / 1000
    if started_at and finished_at:
        return max(0.0, (finished_at - started_at).total_seconds())
    return 0.0


def document_facts(period: Period, document_type: str = "") -> list[DocumentFacts]:
    docs = list(
        _accepted(period, document_type)
        .values("id", "document_type__slug", "created_at", "accepted_at", "result__path", "result__records")
    )
    ids = _accepted(period, document_type).values("id")  # a subquery, not a list of parameters
    humans: dict[int, list[HumanKeying]] = defaultdict(list)
    drafts: dict[int, list[HumanKeying]] = defaultdict(list)
    machines: dict[int, MachineKeying] = {}
    entries = (
        Entry.objects.filter(document_id__in=ids)
        .order_by("document_id", "submitted_at", "id")
        .values("document_id", "source", "state", "operator__username", "active_seconds", "wall_seconds", "records",
                "keyer", "model_name", "prompt_version", "confidence", "latency_ms", "prompt_tokens",
                "completion_tokens")
    )
    for e in entries:
        if e["source"] == Entry.Source.MACHINE:
            machines[e["document_id"]] = MachineKeying(
                keyer=e["keyer"], model=e["model_name"], prompt_version=e["prompt_version"], records=e["records"] or [],
                confidence=e["confidence"], latency_ms=e["latency_ms"], prompt_tokens=e["prompt_tokens"],
                completion_tokens=e["completion_tokens"],
            )
            continue
        keying = HumanKeying(operator=e["operator__username"] or "?", active_seconds=e["active_seconds"],
                             wall_seconds=e["wall_seconds"], records=e["records"] or [])
        (humans if e["state"] == Entry.State.SUBMITTED else drafts)[e["document_id"]].append(keying)
    runs: dict[int, list[MachineRunFacts]] = defaultdict(list)
    for r in (MachineRun.objects.filter(document_id__in=ids).order_by("document_id", "attempt")
              .values("document_id", "keyer", "outcome", "failure_kind", "latency_ms", "started_at", "finished_at")):
        runs[r["document_id"]].append(MachineRunFacts(
            keyer=r["keyer"], outcome=r["outcome"], failure_kind=r["failure_kind"],
            seconds=_run_seconds(r["latency_ms"], r["started_at"], r["finished_at"]),
        ))
    reviews: dict[int, ReviewFacts] = {}
    for t in (ReviewTask.objects.filter(document_id__in=ids, status=ReviewTask.Status.DONE)
              .values("document_id", "reviewer__username", "active_seconds", "wall_seconds", "decisions",
                      "comparison__conflict_count")):
        counts: dict[str, int] = defaultdict(int)
        for decision in (t["decisions"] or {}).values():
            if isinstance(decision, dict):
                counts[str(decision.get("choice", ""))] += 1
        reviews[t["document_id"]] = ReviewFacts(
            reviewer=t["reviewer__username"] or "?", active_seconds=t["active_seconds"], wall_seconds=t["wall_seconds"],
            conflicts=t["comparison__conflict_count"], decisions=dict(counts),
        )
    from singleentry.models import SingleEntryDecision

    audited = set(SingleEntryDecision.objects.filter(document_id__in=ids, outcome=SingleEntryDecision.Outcome.AUDIT)
                  .values_list("document_id", flat=True))
    return [
        DocumentFacts(
            id=d["id"], document_type=d["document_type__slug"], uploaded_at=d["created_at"], accepted_at=d["accepted_at"],
            path=d["result__path"], result=d["result__records"] or [], humans=tuple(humans.get(d["id"], ())),
            machine=machines.get(d["id"]), runs=tuple(runs.get(d["id"], ())), review=reviews.get(d["id"]),
            drafts=tuple(drafts.get(d["id"], ())), single_entry=SINGLE_ENTRY_AUDIT if d["id"] in audited else "",
        )
        for d in docs
    ]


def baseline_samples(until: datetime, document_type: str = "") -> list[BaselineSample]:
    """Every two-human document accepted before `until`, with its review time (0 when the humans agreed)."""
    fallback = Q(result__path__in=FALLBACK_PATHS, status=Document.Status.ACCEPTED, accepted_at__lt=until)
    if document_type:
        fallback &= Q(document_type__slug=document_type)
    docs = list(Document.objects.filter(fallback).values_list("id", "document_type__slug"))
    seconds = {
        t["document_id"]: measured_seconds(t["active_seconds"], t["wall_seconds"])[0]
        for t in ReviewTask.objects.filter(status=ReviewTask.Status.DONE, document__in=Document.objects.filter(fallback))
        .values("document_id", "active_seconds", "wall_seconds")
    }
    return [BaselineSample(document_type=slug, review_seconds=seconds.get(pk, 0.0)) for pk, slug in docs]


def set_aside_counts(period: Period, document_type: str = "") -> list[tuple[str, int]]:
    """How many documents operators could not key in the period, per reason (issue 14), from the history."""
    from collections import Counter

    from dataentry.models import HistoryEvent, SetAsideReason

    events = HistoryEvent.objects.filter(kind=HistoryEvent.Kind.STATUS, to_status=Document.Status.SET_ASIDE,
                                         at__gte=period.start, at__lt=period.end)
    if document_type:
        events = events.filter(document__document_type__slug=document_type)
    counts = Counter((data or {}).get("set_aside") for data in events.values_list("data", flat=True))
    return [(label, counts.get(value, 0)) for value, label in SetAsideReason.choices]


def report_for(period: Period, document_type: str = "", bucket: str | None = None) -> Report:
    """The report both the pages and `manage.py report` show."""
    return build_report(
        document_facts(period, document_type),
        period=period,
        config=ReportSettings.load().to_config(),
        specs=document_type_specs(),
        baseline=baseline_samples(period.end, document_type),
        document_type=document_type,
        bucket=bucket,
        today=datetime.now(local_tz()).date(),
    )


def cached_report_for(period: Period, document_type: str = "", bucket: str | None = None) -> Report:
    """`report_for`, kept for up to a minute (the pages say so) and rebuilt by a Celery worker.

    Building a report aligns every accepted document of the period again (1–2 s of CPU with 6,000
    documents). Under load results are accepted every second, so keying the cache on the latest
    result would never hit; a minute-old overview is what managers expect of a dashboard, and
    `manage.py report` always computes afresh. A change of the report settings takes effect at once.

    When the minute is up, the first request takes a short lock and hands the rebuild to a worker
    (reports.tasks.report_refresh) while it and the others are answered with the previous report.
    A build inside a web worker held the interpreter lock for its whole length, so the keying
    requests on that worker's other threads waited behind it (issue 16: "GET reports overview" p95
    2.1 s and the keying p95 over 100 ms at 160 bench users). Only a period nobody has looked at yet
    is built in the request, and with no broker (Redis down) the request builds it as before.
    """
    import time

    from django.core.cache import cache

    from config.queue import publish

    key = report_cache_key(period, document_type, bucket)
    cached = _cached(key)
    if cached is not None:
        built_at, report = cached
        if time.time() - built_at < REPORT_CACHE_SECONDS:
            return report
        try:
            if not cache.add(key + ":building", 1, REPORT_BUILD_LOCK_SECONDS):
                return report  # a rebuild is already under way
        except Exception:
            return report_rebuild(period, document_type, bucket)
        if publish(REPORT_TASK, period.label, document_type, bucket) is not None:
            return report_rebuild(period, document_type, bucket)
        # Embedded, the task ran in this process: show what it built.
        return (_cached(key) or cached)[1]
    return report_rebuild(period, document_type, bucket)


def report_is_fresh(period: Period, document_type: str = "", bucket: str | None = None) -> bool:
    import time

    cached = _cached(report_cache_key(period, document_type, bucket))
    return cached is not None and time.time() - cached[0] < REPORT_CACHE_SECONDS


def report_rebuild(period: Period, document_type: str = "", bucket: str | None = None) -> Report:
    """Build the report, keep it for the pages and let go of the rebuild lock."""
    import time

    from django.core.cache import cache

    key = report_cache_key(period, document_type, bucket)
    report = report_for(period, document_type, bucket)
    built_at = time.time()
    # Names this build of this report: the pages keep its rendered tables under it (reports/views.py).
    report.stamp = f"{key}:{built_at!r}"
    try:
        cache.set(key, (built_at, report), REPORT_STALE_SECONDS)
        cache.delete(key + ":building")
    except Exception:
        pass
    return report


def _cached(key: str) -> tuple[float, Report] | None:
    """(built_at, report) kept under `key`, or None."""
    from django.core.cache import cache

    try:
        cached = cache.get(key)
    except Exception:  # the cache is only a speed-up: a Redis outage must not break the page
        return None
    if cached is None:
        return None
    built_at, report = cached
    report.stamp = f"{key}:{built_at!r}"
    return built_at, report


def report_cache_key(period: Period, document_type: str = "", bucket: str | None = None) -> str:
    import hashlib

    config = repr(ReportSettings.load().to_config())
    fingerprint = f"{period.start}|{period.end}|{document_type}|{bucket}|{config}"
    return "twomatch:report:" + hashlib.sha256(fingerprint.encode()).hexdigest()


REPORT_TASK = "reports.tasks.report_refresh"
REPORT_CACHE_SECONDS = 60
# A builder that died, or a task no worker took, leaves its lock this long; a report older than
# REPORT_STALE_SECONDS is never shown (the next request builds it however many others are building).
REPORT_BUILD_LOCK_SECONDS = 30
REPORT_STALE_SECONDS = 600
