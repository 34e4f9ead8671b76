"""A document keyed by the real vLLM server (CPU harness) goes through the whole workflow in the browser."""
from __future__ import annotations

import json

import pytest

from dataentry.models import Document, Entry, Result
from tests.browser import log_in, shot
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
    manager.goto("/documents/")
    manager.set_input_files("input[type=file]", str(pdf))
    manager.click("form[enctype] button[type=submit]")
    manager.wait_for_selector("text=uploaded as document")
    doc = Document.objects.get()
    machine = Entry.objects.get(document=doc, source=Entry.Source.MACHINE)
    assert machine.model_name == vllm_server.model and machine.keyer == "vllm"
    assert machine.confidence is not None and machine.raw_response

    operator = new_page()
    log_in(operator, "operator1", PASSWORD)
    operator.goto("/keying/")
    operator.click("text=Next document")
    operator.wait_for_selector("#keying-form")
    for i, record in enumerate(truth):
        if i > 0:
            operator.click("button[value=add_row]")
            operator.wait_for_selector(f"input[name='r{i}-family_name']")
        for key, value in record.items():
            operator.fill(f"input[name='r{i}-{key}']", value)
    operator.check("input[name=then]")
    operator.click("#submit-btn")
    operator.wait_for_url("**/keying/")
    doc.refresh_from_db()
    # Random weights key nonsense: the operator's keying and the model's differ, so a reviewer decides.
    assert doc.status == Document.Status.IN_REVIEW

    reviewer = new_page()
    log_in(reviewer, "reviewer1", PASSWORD)
    reviewer.goto("/review/")
    reviewer.click("text=Next conflict")
    reviewer.wait_for_selector("#review-form")
    shot(reviewer, "vllm-reviewer")
    for radio in reviewer.locator("input[type=radio][value=second], input[type=radio][value=keep]").all():
        radio.check()
    for radio in reviewer.locator("input[type=radio][value=drop]").all():
        # A person only the model listed (missing in the operator's entry): drop it.
        fieldset = radio.locator("xpath=ancestor::fieldset[1]")
        if fieldset.get_attribute("data-kind") == "missing_in_b":
            radio.check()
    reviewer.check("input[name=then]")
    reviewer.click("#submit-btn")
    reviewer.wait_for_url("**/review/")
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    result = Result.objects.get(document=doc)
    assert result.path == Result.Path.REVIEWED
    assert [r["family_name"] for r in result.records] == [r["family_name"] for r in truth]
