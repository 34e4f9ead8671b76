"""Rebuilding the reports the pages show, in a worker instead of a web request."""
from __future__ import annotations

from celery import shared_task

from reports import selectors
from reports.periods import PeriodError


@shared_task(name="reports.tasks.report_refresh", ignore_result=True)
def report_refresh(period_label: str, document_type: str = "", bucket: str | None = None) -> None:
    try:
        period = selectors.period_from_text(period_label)
    except PeriodError:
        return  # a message from an older release: the next page view asks again
    if selectors.report_is_fresh(period, document_type, bucket):
        return  # asked for again while no worker ran (the lock had expired): one build is enough
    selectors.report_rebuild(period, document_type, bucket)
