"""The failures `make bench-web` saw at 250 users (issue 16), replayed one at a time.

The bench's simulated users shared accounts (60 operator accounts for 175 simulated operators):
two browsers of one account are given the same document, and each one's saves and submit are
the other's stale edits. These tests replay that with two clients of one account and check the
answer each page gets: a stale autosave 409 (correct), an autosave after the other tab submitted
409 with the message (it was a 302 to the keying home page, which htmx swapped into the status
line), a page image after the submit 403 (correct: access ends on submit), and an htmx request
of an ended session 401 with a line to show (it was a 302 to the login page).
"""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from dataentry.models import Entry, Page
from review import services as review_services
from tests.conftest import form_data
from tests.test_faults_claims import RECORD, bulk_documents

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "en"}


def one_account_in_two_browsers(user) -> tuple[Client, Client]:
    first, second = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    first.force_login(user)
    second.force_login(user)
    return first, second


def test_one_account_in_two_browsers_gets_one_document_and_the_late_browser_is_told_not_redirected(people):
    [doc_id] = bulk_documents(1)
    page = Page(document_id=doc_id, number=1, width=10, height=10)
    page.image.save("p1.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    first, second = one_account_in_two_browsers(people["operator1"])

    claimed = [c.post(reverse("keying_next"))["Location"] for c in (first, second)]
    assert claimed[0] == claimed[1], "the account's own open document comes first, so both browsers key it"
    url = claimed[0]
    version = Entry.objects.get(document_id=doc_id, operator=people["operator1"]).version
    image = reverse("page_image", args=[doc_id, 1])
    assert second.get(image).status_code == 200

    assert first.post(url, form_data([RECORD], version=version, action="save"), **HTMX).status_code == 200
    stale = second.post(url, form_data([RECORD], version=version, action="save"), **HTMX)
    assert stale.status_code == 409 and "another window" in stale.content.decode()

    assert first.post(url, form_data([RECORD], version=version + 1, then="stop")).status_code == 302
    late = second.post(url, form_data([RECORD], version=version + 1, action="save"), **HTMX)
    assert late.status_code == 409 and not late.has_header("Location")
    assert "already submitted" in late.content.decode()
    assert 'data-save="error"' in late.content.decode(), "the status line's own partial, not a whole page"
    assert second.get(image).status_code == 403, "a page image is for whoever holds the document"
    # The message was shown in the status line: it does not wait for the next page as well.
    assert "already submitted" not in second.get(reverse("keying_home")).content.decode()


def test_an_htmx_request_of_an_ended_session_gets_401_and_a_line_not_the_login_page(people):
    [doc_id] = bulk_documents(1)
    operator = Client(HTTP_ACCEPT_LANGUAGE="en")
    operator.force_login(people["operator1"])
    url = operator.post(reverse("keying_next"))["Location"]
    operator.logout()  # as when the session runs out (SESSION_COOKIE_AGE) or the cookie is lost

    answer = operator.post(url, form_data([RECORD], version=0, action="save"), **HTMX)
    assert answer.status_code == 401 and not answer.has_header("Location")
    body = answer.content.decode()
    assert "session has ended" in body and "<form" not in body
    # Without htmx (a full page) the login redirect is unchanged.
    assert operator.post(url, form_data([RECORD], version=0, action="save")).status_code == 302


def test_a_review_autosave_after_the_review_was_submitted_elsewhere_gets_409(people):
    from tests.test_faults_claims import bulk_documents as docs
    from dataentry import services

    [doc_id] = docs(1)
    entry = services.keying_claim_next(operator=people["operator1"])
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[dict(RECORD, new_post="課長")],
                          version=entry.version)
    first, second = one_account_in_two_browsers(people["reviewer1"])
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    url = reverse("review", args=[task.pk])
    done = first.post(url, {"version": task.version, "action": "submit", "then": "stop", "c0-choice": "first"})
    assert done.status_code == 302
    late = second.post(url, {"version": task.version, "action": "save", "c0-choice": "second"}, **HTMX)
    assert late.status_code == 409 and "review is done" in late.content.decode()


# --- overload: shed, do not queue (config/shedding.py) ----------------------------------------------

def stamped(waited_ms: int) -> dict:
    """The header the proxy sets, as if the request then waited `waited_ms` in gunicorn's queue."""
    import time

    return {"HTTP_X_REQUEST_START": f"t={time.time() * 1000 - waited_ms:.0f}"}


def test_requests_that_queued_too_long_get_503_with_retry_after_but_decisions_keep_their_place(people, settings):
    settings.SHED_QUEUE_MS, settings.SHED_RETRY_AFTER_S = 1000, 3
    [doc_id] = bulk_documents(1)
    page = Page(document_id=doc_id, number=1, width=10, height=10)
    page.image.save("p1.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    operator = Client(HTTP_ACCEPT_LANGUAGE="en")
    operator.force_login(people["operator1"])
    url = operator.post(reverse("keying_next"), **stamped(5000))["Location"]  # a claim is not shed
    version = Entry.objects.get(document_id=doc_id, source=Entry.Source.HUMAN).version

    busy_page = operator.get(url, **stamped(5000))
    assert busy_page.status_code == 503 and busy_page["Retry-After"] == "3"
    assert "busy" in busy_page.content.decode() and "retry.js" in busy_page.content.decode()
    busy_save = operator.post(url, form_data([RECORD], version=version, action="save"), **HTMX, **stamped(5000))
    assert busy_save.status_code == 503 and busy_save["Retry-After"] == "3"
    assert 'data-save="busy"' in busy_save.content.decode()
    assert Entry.objects.get(document_id=doc_id, source=Entry.Source.HUMAN).version == version, "a shed save changed nothing"
    assert operator.get(reverse("page_image", args=[doc_id, 1]), **stamped(5000)).status_code == 200

    assert operator.get(url, **stamped(500)).status_code == 200, "a short wait is served"
    assert operator.get(url).status_code == 200, "without the proxy's stamp nothing is shed"
    submitted = operator.post(url, form_data([RECORD], version=version, then="stop"), **stamped(5000))
    assert submitted.status_code == 302 and Entry.objects.get(document_id=doc_id, source=Entry.Source.HUMAN).state == Entry.State.SUBMITTED


def test_shed_requests_leave_one_warning_in_the_log_not_an_error_each(people, settings, caplog):
    import logging

    from config import shedding

    settings.SHED_QUEUE_MS = 1000
    shedding._shed_since_log.update(count=0, max_ms=0.0, last=0.0)
    operator = Client(HTTP_ACCEPT_LANGUAGE="en")
    operator.force_login(people["operator1"])
    with caplog.at_level(logging.INFO):
        answers = [operator.get(reverse("queues"), **stamped(4000)).status_code for _ in range(30)]
    assert answers == [503] * 30
    assert not [r for r in caplog.records if r.name == "django.request"], "a shed 503 is not logged as a server error"
    warnings = [r.getMessage() for r in caplog.records if r.name == "config.shedding"]
    assert len(warnings) == 1 and "shed 1 request" in warnings[0] and "SHED_QUEUE_MS=1000" in warnings[0]


def test_behind_the_proxy_a_page_image_is_named_for_the_proxy_to_send(people, settings):
    settings.MEDIA_ACCEL_REDIRECT = True
    [doc_id] = bulk_documents(1)
    page = Page(document_id=doc_id, number=1, width=10, height=10)
    page.image.save("p1.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    operator = Client()
    operator.force_login(people["operator1"])
    operator.post(reverse("keying_next"))
    answer = operator.get(reverse("page_image", args=[doc_id, 1]))
    assert answer.status_code == 200 and answer["X-Accel-Redirect"] == f"/protected-media/{page.image.name}"
    assert answer.content == b"" and answer["Content-Type"] == "image/png"
    stranger = Client()
    stranger.force_login(people["operator2"])
    refused = stranger.get(reverse("page_image", args=[doc_id, 1]))
    assert refused.status_code == 403 and not refused.has_header("X-Accel-Redirect")
