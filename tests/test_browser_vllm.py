"""A document keyed by the real vLLM server (CPU harness) goes through the whole workflow in the browser."""
from __future__ import annotations

import json

import pytest

from dataentry.models import Document, Entry, Result
from tests.browser import key_next_document, log_in, open_next_review, shot, side_with_the_operator, submit_and_stop, upload_as_manager
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.vllm, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_a_vllm_keyed_document_through_upload_keying_and_review(vllm_server, new_page, generated_samples, settings):
    settings.MACHINE_KEYER = "vllm"
    settings.VLLM_BASE_URL = vllm_server.base_url
    settings.VLLM_MODEL = vllm_server.model
    settings.VLLM_MAX_IMAGE_TOKENS = 512  # the tiny model's 4096-token context
    settings.VLLM_MAX_TOKENS = 1024
    settings.KEYING_PREFETCH = False
    make_user("manager1", "manager")
    make_user("operator1", "operator")
    make_user("reviewer1", "reviewer")
    pdf = next(p for p in generated_samples if len(json.loads(p.with_suffix(".json").read_text())["records"]) <= 3)
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["records"]

    manager = new_page()
    log_in(manager, "manager1", PASSWORD)
    upload_as_manager(manager, pdf)
    doc = Document.objects.get()
    machine = Entry.objects.get(document=doc, source=Entry.Source.MACHINE)
    assert machine.model_name == vllm_server.model and machine.keyer == "vllm"
    assert machine.confidence is not None and machine.raw_response

    operator = new_page()
    log_in(operator, "operator1", PASSWORD)
    key_next_document(operator, truth)
    submit_and_stop(operator, "/keying/")
    doc.refresh_from_db()
    # Random weights key nonsense: the operator's keying and the model's differ, so a reviewer decides.
    assert doc.status == Document.Status.IN_REVIEW

    reviewer = new_page()
    log_in(reviewer, "reviewer1", PASSWORD)
    open_next_review(reviewer)
    shot(reviewer, "vllm-reviewer")
    side_with_the_operator(reviewer)
    submit_and_stop(reviewer, "/review/")
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    result = Result.objects.get(document=doc)
    assert result.path == Result.Path.REVIEWED
    assert [r["family_name"] for r in result.records] == [r["family_name"] for r in truth]
