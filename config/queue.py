"""Handing work to Celery: the one place that decides between in-process and broker.

Embedded (no REDIS_URL) runs the task in-process; otherwise the message goes to the broker. A
broker that cannot be reached is logged and reported to the caller, never raised: the state is
already in the database, and each caller's sweeper publishes again later.
"""
from __future__ import annotations

import importlib
import logging
from typing import Callable

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


def publish(task_name: str, *args, countdown: int | None = None) -> Exception | None:
    """Run or send one task now; returns the broker error, or None when it was handed over."""
    from config.celery import app

    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            importlib.import_module(task_name.rsplit(".", 1)[0])  # registers the task
            app.tasks[task_name].apply(args=list(args))
        else:
            app.send_task(task_name, args=list(args), countdown=countdown)
    except Exception as exc:  # kombu raises many types when Redis is unreachable
        log.warning("could not enqueue %s%r; it will be published again later", task_name, args, exc_info=True)
        return exc
    return None


def publish_on_commit(task_name: str, *args, on_failure: Callable[[Exception], None] | None = None,
                      robust: bool = False) -> None:
    """Publish once the current transaction commits, so a task never sees a row that was rolled back."""

    def run() -> None:
        error = publish(task_name, *args)
        if error is not None and on_failure is not None:
            on_failure(error)

    transaction.on_commit(run, robust=robust)
