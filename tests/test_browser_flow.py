"""The whole two-match flow as users do it, in headless Chromium."""
from __future__ import annotations

import csv
import io
import json

import pytest

from dataentry.models import Document
from tests.browser import log_in, shot
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_upload_keying_review_and_export_in_the_browser(new_page, generated_samples):
    make_user("manager1", "manager")
    make_user("operator1", "operator")
    make_user("reviewer1", "reviewer")
    pdf = generated_samples[0]
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["records"]

    manager = new_page()
    log_in(manager, "manager1", PASSWORD)
    manager.goto("/documents/")
    manager.set_input_files("input[type=file]", str(pdf))
    manager.click("form[enctype] button[type=submit]")
    manager.wait_for_selector("text=uploaded as document")
    shot(manager, "flow-1-manager-upload")
    assert Document.objects.get().status == Document.Status.KEYING

    operator = new_page()
    log_in(operator, "operator1", PASSWORD)
    operator.goto("/keying/")
    operator.click("text=Next document")
    operator.wait_for_selector("#keying-form")
    keyed = [dict(r) for r in truth]
    keyed[0]["new_post"] = keyed[0]["new_post"] + " 代理"  # the deliberate difference
    for i, record in enumerate(keyed):
        if i > 0:
            operator.click("button[value=add_row]")
            operator.wait_for_selector(f"input[name='r{i}-family_name']")
        for key, value in record.items():
            operator.fill(f"input[name='r{i}-{key}']", value)
    shot(operator, "flow-2-operator-keying")
    operator.check("input[name=then]")
    operator.click("#submit-btn")
    operator.wait_for_url("**/keying/")
    doc = Document.objects.get()
    assert doc.status == Document.Status.IN_REVIEW

    reviewer = new_page()
    log_in(reviewer, "reviewer1", PASSWORD)
    reviewer.goto("/review/")
    reviewer.click("text=Next conflict")
    reviewer.wait_for_selector("#review-form")
    assert reviewer.locator(f"text={keyed[0]['new_post']}").count() >= 1
    shot(reviewer, "flow-3-reviewer")
    # Take the operator's value everywhere: the result must equal what the operator keyed.
    for radio in reviewer.locator("input[type=radio][value=second], input[type=radio][value=keep]").all():
        radio.check()
    reviewer.check("input[name=then]")
    reviewer.click("#submit-btn")
    reviewer.wait_for_url("**/review/")
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED

    manager.goto("/results/")
    shot(manager, "flow-4-results")
    with manager.expect_download() as info:
        manager.click("text=Export CSV")
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))
    assert any(r["new_post"] == keyed[0]["new_post"] for r in rows)
    assert {r["filename"] for r in rows} == {pdf.name}
