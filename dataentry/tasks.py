"""Celery tasks of the document pipeline. They take ids, are idempotent, and count attempts in the database."""
from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from dataentry import services
from dataentry.models import Document

log = logging.getLogger(__name__)


@shared_task(bind=True, name="dataentry.tasks.render_document", acks_late=True, max_retries=None)
def render_document(self, document_id: int) -> None:
    doc = Document.objects.filter(pk=document_id).only("render_attempts", "status").first()
    if doc is None or doc.status != Document.Status.RECEIVED:
        return
    if doc.render_attempts >= settings.MAX_TASK_ATTEMPTS:
        services.document_render_failed(
            document_id=document_id, reason=f"rendering failed {doc.render_attempts} times; giving up",
        )
        return
    try:
        services.document_render(document_id=document_id)
    except SoftTimeLimitExceeded:
        services.document_render_failed(document_id=document_id, reason="rendering took too long (time limit)")


@shared_task(name="dataentry.tasks.render_page_hd", acks_late=True,
             soft_time_limit=settings.HD_RENDER_TIME_LIMIT_S, time_limit=settings.HD_RENDER_TIME_LIMIT_S + 10)
def render_page_hd(document_id: int, number: int, dpi: int) -> None:
    """The zoom image of one page, rendered here rather than in the web request that asked for it."""
    from dataentry import ui
    from dataentry.pdf import PdfRejected

    doc = Document.objects.filter(pk=document_id).first()
    if doc is None:
        return
    try:
        ui.render_page_hd(doc, number, dpi)
    except (ValueError, PdfRejected, SoftTimeLimitExceeded) as exc:
        # The viewer keeps the normal page image; nothing else depends on the zoom image.
        log.warning("no %s dpi image of page %s of document %s: %s", dpi, number, document_id, exc)


@shared_task(name="dataentry.tasks.sweep_stuck_documents")
def sweep_stuck_documents() -> int:
    from dataentry.sweeper import sweep

    return sweep()
