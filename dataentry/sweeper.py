"""Re-enqueue work that is stuck: the broker was down at upload, Redis was flushed, a worker was killed.

Runs every SWEEPER_PERIOD_SECONDS from Celery beat (`sweep_stuck_documents`) and can be run by hand
or from cron (`python manage.py sweep`); a document counts as stuck once its last enqueue is older
than SWEEPER_STALE_SECONDS (docs/reliability.md). Attempts are counted in the database by the tasks themselves, so a
document that keeps failing ends in FAILED (render) or the second-human fallback (machine) instead
of looping.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dataentry import services
from dataentry.models import Document, HistoryEvent, history_add

log = logging.getLogger(__name__)


def sweep() -> int:
    """Returns how many documents were re-enqueued or failed over."""
    stale = timezone.now() - timedelta(seconds=settings.SWEEPER_STALE_SECONDS)
    touched = 0
    stuck_render = Document.objects.filter(status=Document.Status.RECEIVED).filter(
        Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lt=stale)
    )
    for doc_id in stuck_render.values_list("pk", flat=True):
        touched += 1
        _requeue(doc_id, services.RENDER_TASK)
    stuck_machine = Document.objects.filter(
        status=Document.Status.KEYING, machine_state=Document.MachineState.PENDING
    ).filter(Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lt=stale))
    for doc_id, attempts in stuck_machine.values_list("pk", "machine_attempts"):
        touched += 1
        if attempts >= settings.MAX_TASK_ATTEMPTS:
            services.machine_failure_store(
                document_id=doc_id, run_id=None, kind="stuck",
                message=f"no machine result after {attempts} attempts", final=True,
            )
        else:
            _requeue(doc_id, services.MACHINE_TASK)
    return touched


def _requeue(document_id: int, task_name: str) -> None:
    with transaction.atomic(durable=True):
        doc = Document.objects.get(pk=document_id)
        history_add(kind=HistoryEvent.Kind.ENQUEUE, document=doc, note="sweeper re-enqueued", data={"task": task_name})
        services.enqueue(task_name, document_id)
