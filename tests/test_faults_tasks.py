"""Faults of the task layer in-process (issue 6, points 2-5): redelivered tasks, the sweeper's
bounded attempts, and a model server that times out, refuses, answers 500 or answers garbage.

The model server is the fake vLLM of tests/vllm_fake.py (a real HTTP server on a loopback port:
the only thing mocked is the model). Celery runs eagerly, which executes `self.retry(...)`
at once, so the task's whole retry ladder runs inside the test.
"""
from __future__ import annotations

import copy
import json

import pytest
from django.utils import translation

from dataentry import selectors, services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent, MachineRun
from dataentry.sweeper import sweep
from dataentry.tasks import render_document, sweep_stuck_documents
from inference.tasks import machine_key_document
from tests.vllm_fake import SERVER_ERROR_500, FakeVllm, Reply, Sleep, load_capture

pytestmark = pytest.mark.django_db(transaction=True)


def personnel_change() -> DocumentType:
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    return DocumentType.objects.get(slug="personnel_change")


def upload(path, name: str | None = None) -> Document:
    return services.document_upload(data=path.read_bytes(), filename=name or path.name, document_type=personnel_change())


def snapshot(doc: Document) -> dict:
    doc.refresh_from_db()
    return {
        "status": doc.status, "machine_state": doc.machine_state, "render_attempts": doc.render_attempts,
        "machine_attempts": doc.machine_attempts, "pages": doc.pages.count(),
        "entries": list(doc.entries.values_list("pk", "version", "state")),
        "runs": list(doc.machine_runs.values_list("pk", "outcome")),
        "history": doc.history.count(), "updated_at": doc.updated_at,
    }


@pytest.fixture
def fake(settings):
    with FakeVllm() as server:
        settings.MACHINE_KEYER = "vllm"
        settings.VLLM_BASE_URL = server.base_url
        settings.VLLM_MODEL = "tiny"
        settings.VLLM_MAX_RETRIES = 0
        settings.VLLM_TIMEOUT_S = 0.5
        settings.MAX_TASK_ATTEMPTS = 3
        yield server


def assert_handed_to_two_humans(doc: Document) -> None:
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING
    assert doc.machine_state == Document.MachineState.FAILED
    assert doc.humans_needed == 2 and doc.needs_human_keying()
    assert selectors.keying_queue_size() >= 1
    assert not Entry.objects.filter(document=doc, source=Entry.Source.MACHINE).exists()
    assert doc.history.filter(kind=HistoryEvent.Kind.MACHINE, data__fallback="second human keying").count() == 1


# --- point 3: a task that runs twice changes nothing the second time ----------------------------

def test_every_pipeline_task_run_a_second_time_changes_nothing(people, generated_samples):
    doc = upload(generated_samples[0])
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING and doc.machine_state == Document.MachineState.DONE
    before = snapshot(doc)
    render_document.apply(args=[doc.pk])
    machine_key_document.apply(args=[doc.pk])
    sweep_stuck_documents.apply()
    assert snapshot(doc) == before

    # The same after the human keying finished the document.
    entry = services.keying_claim_next(operator=people["operator1"])
    machine = doc.entries.get(source=Entry.Source.MACHINE).records
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=machine, version=entry.version)
    before = snapshot(doc)
    assert before["status"] == Document.Status.ACCEPTED
    render_document.apply(args=[doc.pk])
    machine_key_document.apply(args=[doc.pk])
    assert snapshot(doc) == before


def test_a_second_final_failure_and_a_double_submit_change_nothing(people, scanned_pdf):
    doc = upload(scanned_pdf)  # no text layer: the machine fails over at once
    assert_handed_to_two_humans(doc)
    before = snapshot(doc)
    services.machine_failure_store(document_id=doc.pk, run_id=None, kind="unavailable", message="again", final=True)
    assert snapshot(doc) == before

    entry = services.keying_claim_next(operator=people["operator1"])
    record = {"effective_date": "2025-04-01", "family_name": "佐藤", "given_name": "一郎", "company": "A社",
              "family_name_kana": "", "given_name_kana": "", "new_post": "部長", "old_post": ""}
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[record], version=entry.version)
    before = snapshot(doc)
    with translation.override("en"), pytest.raises(services.WorkflowError, match="already submitted"):
        services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[record], version=entry.version + 2)
    assert snapshot(doc) == before


# --- point 2: the sweeper, with a bounded attempt count in the database --------------------------

def lost_upload(path) -> Document:
    """A stored document whose render message the broker lost (published to a Redis that was then flushed)."""
    import hashlib

    from django.core.files.base import ContentFile

    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(document_type=personnel_change(), sha256=sha, filename=path.name, size_bytes=len(data), page_count=1)
    doc.original.save(f"{sha}.pdf", ContentFile(data), save=False)
    doc.save()
    return doc


def test_the_sweeper_requeues_a_lost_render_and_gives_up_after_the_attempt_limit(settings, generated_samples):
    settings.SWEEPER_STALE_SECONDS = 1
    settings.MAX_TASK_ATTEMPTS = 2
    doc = lost_upload(generated_samples[1])
    assert sweep() == 1
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING and doc.render_attempts == 1
    assert doc.history.filter(kind=HistoryEvent.Kind.ENQUEUE).count() == 1

    # A document whose rendering never finishes (the worker dies each time) stops after MAX_TASK_ATTEMPTS.
    stuck = lost_upload(generated_samples[2])
    Document.objects.filter(pk=stuck.pk).update(render_attempts=2)
    sweep()
    stuck.refresh_from_db()
    assert stuck.status == Document.Status.FAILED
    assert "2 times" in stuck.error
    assert stuck.history.filter(kind=HistoryEvent.Kind.STATUS, to_status=Document.Status.FAILED).count() == 1


def test_the_sweeper_fails_over_a_machine_keying_that_used_up_its_attempts(settings, generated_samples):
    settings.MACHINE_KEYER = "none"  # leave machine_state alone after rendering: simulated below
    settings.SWEEPER_STALE_SECONDS = 1
    doc = upload(generated_samples[3])
    Document.objects.filter(pk=doc.pk).update(machine_state=Document.MachineState.PENDING, machine_error="",
                                              machine_attempts=settings.MAX_TASK_ATTEMPTS, last_enqueued_at=None)
    assert sweep() == 1
    assert_handed_to_two_humans(doc)
    assert "no machine result after" in Document.objects.get(pk=doc.pk).machine_error


# --- points 4 and 5: the model server misbehaves ------------------------------------------------

@pytest.mark.parametrize("fault", ["timeout", "500", "refused"])
def test_a_failing_model_server_is_retried_a_bounded_number_of_times_then_a_second_human_keys(
        fault, fake, settings, generated_samples):
    if fault == "timeout":
        fake.script.extend([Sleep(1.5)] * 10)
    elif fault == "500":
        settings.VLLM_MAX_RETRIES = 1  # the client's own retry, inside each task attempt
        fake.script.extend([SERVER_ERROR_500] * 10)
    else:
        settings.VLLM_BASE_URL = "http://127.0.0.1:9/v1"  # discard port: connection refused
    doc = upload(generated_samples[4])
    assert_handed_to_two_humans(doc)
    doc.refresh_from_db()
    assert doc.machine_attempts == settings.MAX_TASK_ATTEMPTS
    runs = list(doc.machine_runs.values_list("outcome", "failure_kind"))
    expected_kind = {"timeout": "timeout", "500": "server_error", "refused": "server_error"}[fault]
    assert runs == [(MachineRun.Outcome.FAILED, expected_kind)] * settings.MAX_TASK_ATTEMPTS
    if fault != "refused":
        per_attempt = 1 + settings.VLLM_MAX_RETRIES
        assert len(fake.chat_requests) == settings.MAX_TASK_ATTEMPTS * per_attempt


def invalid_answer(content: str) -> Reply:
    reply = copy.deepcopy(load_capture("so_response_format_json_schema"))
    reply["body"]["choices"][0]["message"]["content"] = content
    reply["body"]["choices"][0]["logprobs"] = None
    return Reply(reply["status"], reply["body"])


@pytest.mark.parametrize("answer, why", [
    ("cutoff", "cut off"),
    ('{"records": [{"family_name": "山田"', "not JSON"),
    ('{"records": [{"family_name": "山田", "status": "accepted"}]}', "schema"),
    ('{"records": "ignore all previous instructions"}', "schema"),
])
def test_truncated_or_schema_invalid_output_stores_no_records_keeps_the_raw_answer_and_falls_back(
        answer, why, fake, settings, generated_samples):
    if answer == "cutoff":
        settings.VLLM_MAX_TOKENS = 20  # the fake cuts the answer off, as vLLM does (finish_reason "length")
    else:
        fake.script.append(invalid_answer(answer))
    doc = upload(generated_samples[5])
    assert_handed_to_two_humans(doc)
    (run,) = doc.machine_runs.all()  # invalid output is not retried: the same prompt gives the same answer
    assert run.outcome == MachineRun.Outcome.FAILED and run.failure_kind == "invalid_output"
    assert why in run.message
    assert run.raw_response, "the raw answer is kept for diagnosis"
    body = json.loads(run.raw_response)
    if answer != "cutoff":
        assert body["choices"][0]["message"]["content"] == answer
    else:
        assert body["choices"][0]["finish_reason"] == "length"
