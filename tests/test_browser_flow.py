"""The whole two-match flow as users do it, in headless Chromium."""
from __future__ import annotations

import csv
import io
import json

import pytest

from dataentry.models import Document
from tests.browser import key_next_document, log_in, open_next_review, shot, side_with_the_operator, submit_and_stop, upload_as_manager
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
    upload_as_manager(manager, pdf)
    shot(manager, "flow-1-manager-upload")
    assert Document.objects.get().status == Document.Status.KEYING

    operator = new_page()
    log_in(operator, "operator1", PASSWORD)
    keyed = [dict(r) for r in truth]
    keyed[0]["new_post"] = keyed[0]["new_post"] + " 代理"  # the deliberate difference
    key_next_document(operator, keyed)
    shot(operator, "flow-2-operator-keying")
    submit_and_stop(operator, "/keying/")
    doc = Document.objects.get()
    assert doc.status == Document.Status.IN_REVIEW

    reviewer = new_page()
    log_in(reviewer, "reviewer1", PASSWORD)
    open_next_review(reviewer)
    assert reviewer.locator(f"text={keyed[0]['new_post']}").count() >= 1
    shot(reviewer, "flow-3-reviewer")
    side_with_the_operator(reviewer)
    submit_and_stop(reviewer, "/review/")
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    assert [r["new_post"] for r in doc.result.records] == [r["new_post"] for r in keyed]

    manager.goto("/results/")
    shot(manager, "flow-4-results")
    with manager.expect_download() as info:
        manager.click("text=Export CSV")
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))
    assert any(r["new_post"] == keyed[0]["new_post"] for r in rows)
    assert {r["filename"] for r in rows} == {pdf.name}
