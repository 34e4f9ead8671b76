"""The machine keying task: call the configured keyer outside any transaction, record the outcome."""
from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from dataentry import services
from inference.base import FailureKind, KeyerFailure
from inference.keyers import get_keyer
from inference.selectors import keyer_input_for

log = logging.getLogger(__name__)


@shared_task(bind=True, name="inference.tasks.machine_key_document", acks_late=True, max_retries=None)
def machine_key_document(self, document_id: int) -> None:
    keyer_name = settings.MACHINE_KEYER
    run = services.machine_run_start(document_id=document_id, keyer=keyer_name)
    if run is None:
        return  # already keyed, failed over, or not rendered: a redelivery changes nothing
    final = run.attempt >= settings.MAX_TASK_ATTEMPTS
    try:
        keyer = get_keyer(keyer_name)
        output = keyer.key(keyer_input_for(document_id))
    except KeyerFailure as exc:
        retry = exc.retryable and not final
        services.machine_failure_store(
            document_id=document_id, run_id=run.pk, kind=exc.kind.value, message=exc.message,
            raw_response=exc.raw_response, final=not retry,
        )
        if retry:
            raise self.retry(countdown=min(2 ** run.attempt, 60), exc=exc)
        return
    except SoftTimeLimitExceeded:
        services.machine_failure_store(document_id=document_id, run_id=run.pk, kind=FailureKind.TIMEOUT.value,
                                       message="the machine keying exceeded the task time limit", final=final)
        if not final:
            raise self.retry(countdown=min(2 ** run.attempt, 60))
        return
    except Exception as exc:  # a bug in a keyer must not leave the document without a next step
        log.exception("machine keyer crashed on document %s", document_id)
        services.machine_failure_store(document_id=document_id, run_id=run.pk, kind="error",
                                       message=f"{type(exc).__name__}: {exc}", final=True)
        return
    services.machine_entry_store(run_id=run.pk, output=output)
