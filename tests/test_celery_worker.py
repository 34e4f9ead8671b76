"""Tasks through the real broker: a Celery worker process started by the test, Redis, PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from dataentry import services
from dataentry.models import Document, DocumentType, Entry
from tests.conftest import REPO, uses_postgres

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def worker_env(media_root) -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"],
        "MEDIA_ROOT": str(media_root),
        "MACHINE_KEYER": "textlayer",
        "ALLOW_PLAIN_HTTP": "1",  # a real database with DEBUG off; nothing here speaks HTTP
    })
    return env


@pytest.fixture
def worker(settings):
    if not os.environ.get("REDIS_URL") or not uses_postgres():
        pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL (set by .ci/run)")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    env = worker_env(settings.MEDIA_ROOT)
    subprocess.run([sys.executable, "-m", "celery", "-A", "config", "purge", "-f"], cwd=REPO, env=env,
                   capture_output=True, timeout=60)
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_for(predicate, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_it_renders_and_machine_keys_an_upload_through_the_real_broker(worker, generated_samples):
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    doc = services.document_upload(
        data=generated_samples[0].read_bytes(), filename="broker.pdf",
        document_type=DocumentType.objects.get(slug="personnel_change"),
    )
    assert doc.status == Document.Status.RECEIVED  # nothing ran in-process

    def keyed():
        doc.refresh_from_db()
        return doc.machine_state != Document.MachineState.PENDING

    if not wait_for(keyed):
        worker.terminate()
        output = worker.communicate(timeout=20)[0]
        pytest.fail(f"worker did not finish; status={doc.status}; worker output:\n{output[-3000:]}")
    assert doc.status == Document.Status.KEYING
    assert doc.pages.count() == doc.page_count
    assert doc.machine_state == Document.MachineState.DONE
    assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1
