"""Hook from the keying workflow into the API: a new accepted Result queues the client's callback.

Why a signal here (the codebase otherwise calls services explicitly): this is an integration
boundary. The workflow in `dataentry`/`review` must not know that an API exists, and must
never fail or wait because a callback could not be queued. The receiver therefore works in
a savepoint, logs instead of raising, and sends only after the accepting transaction commits.
"""
from __future__ import annotations


def result_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return  # a later correction of a result (e.g. after an audit) does not call back again
    from api.services import callbacks_enqueue

    callbacks_enqueue(document_id=instance.document_id)
