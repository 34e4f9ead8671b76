"""Celery tasks of the document pipeline. They take ids, are idempotent, and count attempts in the database."""
from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from dataentry import services
from dataentry.models import Document


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


@shared_task(name="dataentry.tasks.sweep_stuck_documents")
def sweep_stuck_documents() -> int:
    from dataentry.sweeper import sweep

    return sweep()
