"""Celery tasks of the intake API: send one callback attempt; sweep callbacks that are due.

A failed attempt schedules the next one with a countdown (backoff) when a worker runs the
tasks; in the embedded mode (tasks run in-process, no countdowns) and after a broker
outage, `sweep_callbacks` picks up whatever is due. Attempts are counted in the database,
so neither path can retry forever.
"""
from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction

from api import services
from config.queue import publish, publish_on_commit

log = logging.getLogger(__name__)


@shared_task(name="api.tasks.send_callback", acks_late=True)
def send_callback(delivery_id: int) -> str:
    outcome = services.callback_attempt(delivery_id=delivery_id)
    if outcome.sent and outcome.retry_in is not None and not settings.CELERY_TASK_ALWAYS_EAGER:
        _publish(delivery_id, countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="api.tasks.sweep_callbacks")
def sweep_callbacks() -> int:
    """Create deliveries the signal missed, then send every delivery that is due. Returns how many."""
    for document_id in services.callbacks_missing():
        with transaction.atomic(durable=True):
            services.callback_create(document_id=document_id)
    due = services.callbacks_due()
    for delivery_id in due:
        _publish(delivery_id)
    return len(due)


def _publish(delivery_id: int, countdown: int | None = None) -> None:
    publish("api.tasks.send_callback", delivery_id, countdown=countdown)  # a broker error: the sweeper retries


def enqueue_callback(delivery_id: int) -> None:
    """Send after the accepting transaction commits; `robust` so a failure there never reaches the
    reviewer or operator whose action accepted the document."""
    publish_on_commit("api.tasks.send_callback", delivery_id, robust=True)
