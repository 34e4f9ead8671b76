"""Faults with real processes (issue 6, points 1-3): workers killed with SIGKILL mid-task, Redis
stopped or flushed while documents arrive, tasks delivered twice.

Each test starts its own redis-server and Celery worker(s) against pytest's PostgreSQL test
database; the sweeper runs as it does in production (`manage.py sweep`, or Celery beat).
Skipped with a reason without PostgreSQL and REDIS_URL.
"""
from __future__ import annotations

import os
import signal
import threading
import time

import pymupdf
import pytest
from django.db import connection
from django.urls import reverse

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent, MachineRun
from tests.test_faults_support import beat, broker, manage, process_env, wait_for, workers  # noqa: F401 (fixtures)
from tests.vllm_fake import FakeVllm, Sleep

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def personnel_change() -> DocumentType:
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    return DocumentType.objects.get(slug="personnel_change")


def upload(path_or_bytes, name: str) -> Document:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return services.document_upload(data=data, filename=name, document_type=personnel_change())


def finished(doc: Document) -> bool:
    doc.refresh_from_db()
    return doc.status == Document.Status.KEYING and doc.machine_state != Document.MachineState.PENDING


def snapshot(doc: Document) -> dict:
    doc.refresh_from_db()
    return {
        "status": doc.status, "machine_state": doc.machine_state, "render_attempts": doc.render_attempts,
        "machine_attempts": doc.machine_attempts, "pages": doc.pages.count(), "entries": doc.entries.count(),
        "runs": doc.machine_runs.count(),
        "history": sorted(doc.history.exclude(kind=HistoryEvent.Kind.ENQUEUE).values_list("kind", flat=True)),
    }


def sweep_once(settings, broker) -> str:
    """The management command, as cron or an operator would run it; 'stuck' means older than 1 s here."""
    out = manage(process_env(settings.MEDIA_ROOT, broker.url, SWEEPER_STALE_SECONDS="1"), "sweep")
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture
def slow_pdf(generated_samples, tmp_path) -> bytes:
    """A real announcement repeated over 12 pages: rendering it at 600 dpi takes ~7 s."""
    src = pymupdf.open(generated_samples[0])
    out = pymupdf.open()
    for _ in range(12):
        out.insert_pdf(src)
    return out.tobytes()


def test_a_pool_process_killed_mid_render_gives_the_task_back_and_the_document_finishes_once(
        broker, workers, slow_pdf):
    """The OOM killer's case: the process running the task dies, the worker survives. acks_late and
    reject_on_worker_lost put the message back at once; the second run renders the whole document."""
    worker = workers(pool="prefork", RENDER_DPI="600")
    doc = upload(slow_pdf, "slow.pdf")
    assert wait_for(lambda: Document.objects.get(pk=doc.pk).render_attempts == 1, 30), worker.log()[-2000:]
    time.sleep(1.0)  # well inside the ~7 s of rendering at 600 dpi
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)
    doc.refresh_from_db()
    assert doc.status == Document.Status.RECEIVED and doc.pages.count() == 0

    assert wait_for(lambda: finished(doc), 90), worker.log()[-3000:]
    doc.refresh_from_db()
    assert doc.render_attempts == 2, "the killed attempt is counted in the database"
    assert doc.pages.count() == 12
    assert doc.machine_state == Document.MachineState.DONE
    assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1
    assert doc.history.filter(kind=HistoryEvent.Kind.RENDER).count() == 1
    assert not doc.history.filter(kind=HistoryEvent.Kind.ENQUEUE).exists(), "redelivered by the broker, not the sweeper"


def test_a_worker_killed_mid_render_is_replaced_and_the_sweeper_finishes_the_document_once(
        broker, workers, settings, slow_pdf):
    """The whole worker dies (SIGKILL, machine reboot): its unacknowledged message would come back only
    after Redis's visibility timeout, so the sweeper re-enqueues the document from the database."""
    slow = workers(RENDER_DPI="600")
    doc = upload(slow_pdf, "slow.pdf")
    assert wait_for(lambda: Document.objects.get(pk=doc.pk).render_attempts == 1, 30), slow.log()[-2000:]
    time.sleep(1.0)
    slow.kill()
    doc.refresh_from_db()
    assert doc.status == Document.Status.RECEIVED and doc.pages.count() == 0

    workers()
    time.sleep(1.1)
    sweep_once(settings, broker)
    assert wait_for(lambda: finished(doc), 90)
    doc.refresh_from_db()
    assert doc.render_attempts == 2 and doc.pages.count() == 12
    assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1
    assert doc.history.filter(kind=HistoryEvent.Kind.RENDER).count() == 1


def test_a_worker_killed_while_the_model_answers_is_replaced_and_keys_once(broker, workers, settings, generated_samples):
    with FakeVllm() as fake:
        fake.script.append(Sleep(60))  # the first request hangs until the worker is gone
        env = {"MACHINE_KEYER": "vllm", "VLLM_BASE_URL": fake.base_url, "VLLM_MODEL": "tiny", "VLLM_MAX_RETRIES": "0"}
        first = workers(**env)
        doc = upload(generated_samples[1], "model.pdf")
        assert wait_for(lambda: len(fake.chat_requests) == 1, 60), first.log()[-2000:]
        first.kill()
        doc.refresh_from_db()
        assert doc.machine_state == Document.MachineState.PENDING and doc.machine_attempts == 1

        workers(**env)
        time.sleep(1.1)
        sweep_once(settings, broker)
        assert wait_for(lambda: finished(doc), 60)
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.DONE
    assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1
    assert doc.machine_attempts == 2
    runs = list(doc.machine_runs.order_by("attempt").values_list("outcome", "failure_kind"))
    assert runs == [(MachineRun.Outcome.FAILED, "worker_lost"), (MachineRun.Outcome.OK, "")]


def test_uploads_succeed_while_redis_is_down_and_the_sweeper_enqueues_them_when_it_is_back(
        broker, workers, settings, client, generated_samples):
    from tests.conftest import make_user

    workers()
    client.force_login(make_user("manager-redis-down", "manager"))
    broker.stop()
    started = time.monotonic()
    for path in generated_samples[:2]:
        with open(path, "rb") as f:
            response = client.post(reverse("documents"), {"document_type": personnel_change().pk, "files": [f]},
                                   follow=True)
        assert "としてアップロードしました" in response.content.decode()  # the default interface is Japanese
    assert time.monotonic() - started < 30, "a dead broker must not hang uploads"
    docs = list(Document.objects.order_by("pk"))
    assert len(docs) == 2 and {d.status for d in docs} == {Document.Status.RECEIVED}

    # The sweeper with the broker still down: no crash, nothing lost, nothing changed.
    sweep_once(settings, broker)
    assert {d.status for d in Document.objects.all()} == {Document.Status.RECEIVED}

    broker.start()
    time.sleep(1.1)
    sweep_once(settings, broker)
    assert wait_for(lambda: all(finished(d) for d in docs), 90)
    for doc in docs:
        assert doc.history.filter(kind=HistoryEvent.Kind.ENQUEUE, note="sweeper re-enqueued").exists()
        assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1


def test_after_redis_is_flushed_celery_beat_finishes_everything_within_one_sweeper_period(
        broker, workers, settings, tmp_path, generated_samples):
    docs = [upload(path, f"flush{i}.pdf") for i, path in enumerate(generated_samples[3:6])]
    assert broker.queue_length() == 3  # nobody is consuming yet
    broker.flush()  # the queued messages are gone; only PostgreSQL knows the documents
    workers(SWEEPER_STALE_SECONDS="1")  # beat only sends the sweep; a worker runs it
    time.sleep(2)
    assert {Document.objects.get(pk=d.pk).status for d in docs} == {Document.Status.RECEIVED}

    period = 5
    env = process_env(settings.MEDIA_ROOT, broker.url, SWEEPER_PERIOD_SECONDS=str(period), SWEEPER_STALE_SECONDS="1")
    with beat(env, tmp_path):
        flushed_at = time.monotonic()
        assert wait_for(lambda: all(finished(d) for d in docs), 60), (tmp_path / "beat.log").read_text()[-2000:]
        took = time.monotonic() - flushed_at
    # beat sends the first sweep one period after it starts; allow for rendering and keying too.
    assert took < period + 20, f"stuck for {took:.0f} s"
    for doc in docs:
        assert Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).count() == 1


def test_a_task_delivered_twice_through_the_broker_changes_nothing(broker, workers, settings, generated_samples):
    from config.celery import app

    workers()
    doc = upload(generated_samples[6], "twice.pdf")
    assert wait_for(lambda: finished(doc), 60)
    before = snapshot(doc)
    for _ in range(2):
        app.send_task(services.RENDER_TASK, args=[doc.pk])
        app.send_task(services.MACHINE_TASK, args=[doc.pk])
    assert wait_for(lambda: broker.queue_length() == 0 and broker.unacked() == 0, 30)
    time.sleep(0.5)
    assert snapshot(doc) == before


def test_a_frozen_broker_does_not_hang_uploads(broker, generated_samples):
    """Redis that stops answering without closing the connection (SIGSTOP, a network black hole)."""
    upload(generated_samples[0], "warm.pdf")  # a pooled connection now exists
    broker.proc.send_signal(signal.SIGSTOP)
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(upload(generated_samples[1], "frozen.pdf"))
        finally:
            connection.close()  # this thread's own connection; the test database is dropped later

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=8)
    hung = thread.is_alive()
    broker.stop()  # lets a hung publish fail, so the thread ends
    thread.join(timeout=15)
    assert not hung, "the upload was still waiting for Redis after 8 s"
    assert Document.objects.filter(filename="frozen.pdf", status=Document.Status.RECEIVED).exists()
