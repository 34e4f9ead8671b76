"""Overload in the browser (issue 16): an autosave the server sheds (503 + Retry-After) is sent
again by the page, the operator keeps typing meanwhile, and nothing typed is lost.

The overload is made the way production sees it: the proxy's X-Request-Start stamp says the
request waited 5 s in gunicorn's queue (Playwright sets the header on the first two autosaves), and
the app's own shedding middleware refuses them.
"""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from dataentry.models import Entry
from tests.browser import log_in
from tests.conftest import PASSWORD, make_user
from tests.test_browser_keyboard import upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_shed_autosave_is_retried_while_the_operator_types_on_and_no_keystroke_is_lost(
        new_page, generated_samples, settings):
    settings.SHED_QUEUE_MS, settings.SHED_RETRY_AFTER_S = 1000, 1
    make_user("operator1", "operator")
    doc = upload(generated_samples[0].read_bytes(), generated_samples[0].name)
    page = new_page()
    log_in(page, "operator1", PASSWORD)
    page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")

    shed = []

    def overloaded(route, request):
        if request.method == "POST" and request.headers.get("hx-request") and len(shed) < 2:
            shed.append(request.url)
            route.continue_(headers={**request.headers, "x-request-start": f"t={time.time() * 1000 - 5000:.0f}"})
        else:
            route.continue_()

    page.route("**/keying/*/", overloaded)
    field = page.locator('[name="r0-family_name"]')
    field.fill("")
    field.press_sequentially("山田")
    expect(page.locator("#autosave-status [data-save=busy]")).to_be_visible(timeout=10000)
    field.press_sequentially("太郎")  # typing on while the server is busy
    expect(page.locator("#autosave-status [data-save=ok]")).to_be_visible(timeout=20000)
    assert len(shed) == 2
    assert field.input_value() == "山田太郎"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        entry = Entry.objects.get(document=doc, source=Entry.Source.HUMAN)
        if entry.records and entry.records[0].get("family_name") == "山田太郎":
            break
        time.sleep(0.2)
    assert entry.records[0]["family_name"] == "山田太郎", "every character reached the server"
