"""The intake API as an integrating system uses it: token auth, upload, status, polling, callbacks.

Callbacks go to a real HTTP server on 127.0.0.1 in a thread (our own test peer); acceptance
goes through the real keying services, so the signal hook is exercised as in production.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pymupdf
import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiClient, ApiSubmission, CallbackDelivery, hash_token
from api.tasks import send_callback, sweep_callbacks
from dataentry import services as workflow
from dataentry.doctypes import ensure_builtin
from dataentry.exports import export_json
from dataentry.models import Document, Entry, Result
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENTS = "/api/v1/documents"
# A public address written as a literal: accepted without a DNS lookup, and nothing is ever sent
# to it (the document is not accepted in the test that uses it).
PUBLIC_CALLBACK = "https://93.184.215.14/hooks/twomatch"


# --- helpers (also used by tests/test_api_schema.py) --------------------------------------------

def new_client(name: str = "hr-system", *, secret: bool = True) -> tuple[ApiClient, str]:
    ensure_builtin()  # transactional tests flush the seeded document type
    client = ApiClient(name=name)
    token = client.set_new_token()
    if secret:
        client.set_new_callback_secret()
    client.save()
    return client, token


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer; distinct text gives a distinct SHA-256."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 72), text, fontsize=12)
    data = doc.tobytes()
    doc.close()
    return data


def post_pdf(http, token: str, data: bytes, name: str = "doc.pdf", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"file": SimpleUploadedFile(name, data, content_type="application/pdf"), **fields}
    return http.post(DOCUMENTS, payload, **auth(token))


def accept_by_agreement(document_id: int, operator) -> None:
    """An operator keys exactly what the machine keyed: the document is auto-accepted."""
    doc = Document.objects.get(pk=document_id)
    machine = doc.entries.get(source=Entry.Source.MACHINE).records
    entry = workflow.keying_claim(operator=operator, document_id=document_id)
    workflow.entry_submit(entry_id=entry.pk, operator=operator, records=machine, version=entry.version)


class Peer:
    """A callback receiver on 127.0.0.1 that answers with the given statuses, then 200, and `reply`."""

    def __init__(self, statuses=(), reply: bytes = b"ok"):
        self.statuses = list(statuses)
        self.received: list[tuple[dict, bytes]] = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                peer.received.append((dict(self.headers), body))
                status = peer.statuses.pop(0) if peer.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://localhost:{self.server.server_address[1]}/hooks/twomatch"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url() -> str:
    """A URL on this machine where nothing listens (connection refused at once)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://localhost:{port}/nobody"


@pytest.fixture(autouse=True)
def receiver_on_this_machine(settings):
    """The test receiver (Peer) listens on loopback, which callbacks may reach only when allowed:
    here, for `localhost` over plain http. tests/test_callback_targets.py checks the refusals."""
    settings.API_CALLBACK_HTTP_HOSTS = ["localhost"]
    settings.API_CALLBACK_ALLOW_LOOPBACK = True


@pytest.fixture
def operator(db):
    return make_user("api-operator", "operator")


# --- authentication ------------------------------------------------------------------------------

def test_it_refuses_calls_without_a_valid_token_with_401_json(client):
    api_client, token = new_client()
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer tm_not-a-real-token"}, {"HTTP_AUTHORIZATION": token},
                    {"HTTP_AUTHORIZATION": f"Basic {token}"}):
        response = client.get(DOCUMENTS, **headers)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert client.get(DOCUMENTS, **auth(token)).status_code == 200
    api_client.active = False
    api_client.save()
    assert client.get(DOCUMENTS, **auth(token)).status_code == 401


def test_it_stores_only_a_hash_of_the_token(client):
    api_client, token = new_client()
    stored = ApiClient.objects.filter(pk=api_client.pk).values()[0]
    assert token not in json.dumps(stored, default=str)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(stored["token_hint"])


def test_it_shows_a_new_token_once_in_the_admin_and_the_token_works(client):
    ensure_builtin()
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(reverse("admin:api_apiclient_add"),
                           {"name": "erp", "active": "on", "with_callback_secret": "on", "default_document_type": ""})
    assert response.status_code == 200
    page = response.content.decode()
    created = ApiClient.objects.get(name="erp")
    token = page.split('<code class="api-token">')[1].split("</code>")[0]
    secret = page.split('<code class="api-secret">')[1].split("</code>")[0]
    assert hash_token(token) == created.token_hash and secret == created.callback_secret
    assert "no-store" in response["Cache-Control"]
    # Afterwards the change page never shows it again.
    change = client.get(reverse("admin:api_apiclient_change", args=[created.pk])).content.decode()
    assert token not in change and secret not in change
    client.logout()
    assert client.get(DOCUMENTS, **auth(token)).status_code == 200


def test_the_api_needs_no_csrf_token_but_the_web_upload_still_does(client, generated_samples):
    _, token = new_client()
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_pdf(strict, token, generated_samples[0].read_bytes())
    assert response.status_code == 201
    assert strict.post(reverse("documents"), {}).status_code == 403


# --- upload ------------------------------------------------------------------------------------

def test_it_accepts_a_pdf_and_answers_201_with_id_and_status(client, generated_samples):
    api_client, token = new_client()
    response = post_pdf(client, token, generated_samples[0].read_bytes(), name="jinji.pdf",
                        external_ref="HR-2025-0042", callback_url=PUBLIC_CALLBACK)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "status", "document_type", "external_ref"}
    assert body["document_type"] == "personnel_change"
    assert body["external_ref"] == "HR-2025-0042"
    assert body["status"] == "keying"  # rendered already: tasks run in-process in tests
    assert response["Location"] == f"/api/v1/documents/{body['id']}"
    submission = ApiSubmission.objects.get(document_id=body["id"])
    assert submission.client == api_client
    assert submission.callback_url == PUBLIC_CALLBACK
    assert Document.objects.get(pk=body["id"]).filename == "jinji.pdf"


def test_it_answers_409_with_the_existing_id_for_a_duplicate(client, generated_samples):
    _, token = new_client()
    data = generated_samples[1].read_bytes()
    first = post_pdf(client, token, data).json()["id"]
    response = post_pdf(client, token, data, name="again.pdf")
    assert response.status_code == 409
    assert response.json()["id"] == first and response.json()["error"] == "duplicate"
    assert Document.objects.count() == 1


def test_the_same_file_from_another_client_joins_the_document_and_both_get_the_result(
        client, generated_samples, operator):
    """Issue 12, hole 8: a 409 told client B that somebody else had the file, and B never got a result."""
    _, token_a = new_client("a-system")
    _, token_b = new_client("b-system")
    data = generated_samples[1].read_bytes()
    with Peer() as peer_a, Peer() as peer_b:
        created_a = post_pdf(client, token_a, data, name="a.pdf", external_ref="A-1", callback_url=peer_a.url)
        created_b = post_pdf(client, token_b, data, name="b.pdf", external_ref="B-9", callback_url=peer_b.url)
        assert created_b.status_code == 201, created_b.content
        body_b = created_b.json()
        # B's answer is the one of any fresh upload: nothing says that another system sent the file.
        assert set(body_b) == {"id", "status", "document_type", "external_ref"} and body_b["external_ref"] == "B-9"
        assert Document.objects.count() == 1 and body_b["id"] == created_a.json()["id"]
        assert post_pdf(client, token_b, data).status_code == 409  # B's own repeat is B's duplicate
        accept_by_agreement(body_b["id"], operator)
        for token, peer, ref in ((token_a, peer_a, "A-1"), (token_b, peer_b, "B-9")):
            assert client.get(f"{DOCUMENTS}/{body_b['id']}", **auth(token)).json()["result"]["records"]
            [(_, raw)] = peer.received
            sent = json.loads(raw)["document"]
            assert sent["external_ref"] == ref and sent["result"]["records"]


def test_a_client_sending_a_file_accepted_long_ago_gets_its_callback_at_once(client, generated_samples, operator):
    _, token_a = new_client("a-system")
    _, token_b = new_client("b-system")
    data = generated_samples[4].read_bytes()
    doc_id = post_pdf(client, token_a, data).json()["id"]
    accept_by_agreement(doc_id, operator)
    with Peer() as peer:
        response = post_pdf(client, token_b, data, callback_url=peer.url)
        assert response.status_code == 201 and response.json()["status"] == "accepted"
        assert len(peer.received) == 1 and json.loads(peer.received[0][1])["document"]["id"] == doc_id


def test_it_answers_400_with_the_reason_for_a_bad_pdf(client):
    _, token = new_client()
    response = post_pdf(client, token, b"<html>not a pdf</html>", name="evil.pdf")
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_pdf",
                               "detail": "evil.pdf is not a PDF, PNG, JPEG or TIFF file (its content is none of these)."}
    response = post_pdf(client, token, b"%PDF-1.7\n garbage", name="broken.pdf")
    assert response.status_code == 400 and "could not be opened" in response.json()["detail"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("url", ["ftp://hr.example.com/x", "javascript:alert(1)", "/relative/path", "http://"])
def test_it_refuses_a_callback_url_that_is_not_http(client, url):
    _, token = new_client()
    response = post_pdf(client, token, tiny_pdf(f"callback {url}"), callback_url=url)
    assert response.status_code == 400 and response.json()["error"] == "invalid_callback_url"
    assert not Document.objects.exists()


def test_it_refuses_an_unknown_document_type_and_a_missing_file(client):
    _, token = new_client()
    response = post_pdf(client, token, tiny_pdf("type"), document_type="no_such_type")
    assert response.status_code == 400 and response.json()["error"] == "unknown_document_type"
    response = client.post(DOCUMENTS, {"external_ref": "x"}, **auth(token))
    assert response.status_code == 400 and "file" in response.json()["detail"]


# --- reading -----------------------------------------------------------------------------------

def test_it_returns_the_status_then_the_accepted_records_with_provenance(client, generated_samples, operator):
    _, token = new_client()
    doc_id = post_pdf(client, token, generated_samples[2].read_bytes(), external_ref="R-1").json()["id"]
    body = client.get(f"{DOCUMENTS}/{doc_id}", **auth(token)).json()
    assert body["status"] == "keying" and body["result"] is None and body["external_ref"] == "R-1"

    accept_by_agreement(doc_id, operator)
    response = client.get(f"{DOCUMENTS}/{doc_id}", **auth(token))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "accepted" and body["accepted_at"]
    result = Result.objects.get(document_id=doc_id)
    assert body["result"] == json.loads(json.dumps(export_json([result])[0]))
    first = body["result"]["records"][0]
    assert first["family_name"] == {"value": result.records[0]["family_name"], "provenance": "agreed"}


def test_a_client_sees_only_its_own_documents(client, generated_samples):
    _, token_a = new_client("a-system")
    _, token_b = new_client("b-system")
    doc_id = post_pdf(client, token_a, generated_samples[3].read_bytes()).json()["id"]
    response = client.get(f"{DOCUMENTS}/{doc_id}", **auth(token_b))
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    assert client.get(f"{DOCUMENTS}/{doc_id + 1000}", **auth(token_b)).status_code == 404
    assert client.get(f"{DOCUMENTS}/abc", **auth(token_b)).status_code == 404
    assert client.get(DOCUMENTS, **auth(token_b)).json()["count"] == 0
    assert [d["id"] for d in client.get(DOCUMENTS, **auth(token_a)).json()["results"]] == [doc_id]
    # A document uploaded by a manager in the web app is nobody's through the API.
    workflow.document_upload(data=tiny_pdf("web upload"), filename="web.pdf",
                             document_type=Document.objects.get(pk=doc_id).document_type)
    assert client.get(DOCUMENTS, **auth(token_a)).json()["count"] == 1


def test_it_lists_accepted_documents_since_a_time_for_polling(client, generated_samples, operator):
    _, token = new_client()
    ids = [post_pdf(client, token, pdf.read_bytes()).json()["id"] for pdf in generated_samples[4:6]]
    before = timezone.now()
    accept_by_agreement(ids[1], operator)
    after = timezone.now()

    def listing(**params):
        response = client.get(DOCUMENTS, params, **auth(token))
        assert response.status_code == 200, response.content
        return response.json()

    assert [d["id"] for d in listing(status="accepted")["results"]] == [ids[1]]
    assert [d["id"] for d in listing(status="accepted", since=before.isoformat())["results"]] == [ids[1]]
    assert listing(status="accepted", since=after.isoformat())["results"] == []
    # '+09:00' arrives as ' 09:00' when a client forgets to encode the '+'.
    tokyo = timezone.localtime(before, timezone.get_fixed_timezone(9 * 60)).isoformat()
    response = client.get(f"{DOCUMENTS}?status=accepted&since={tokyo}", **auth(token))
    assert [d["id"] for d in response.json()["results"]] == [ids[1]]
    assert [d["id"] for d in listing(status="keying")["results"]] == [ids[0]]
    # Without a status, since compares with the upload time.
    assert listing(since=after.isoformat())["count"] == 0
    assert listing(since=(before - timedelta(hours=1)).isoformat())["count"] == 2


def test_it_pages_the_list_and_rejects_bad_parameters(client):
    _, token = new_client()
    ids = [post_pdf(client, token, tiny_pdf(f"page test {i}")).json()["id"] for i in range(3)]
    page1 = client.get(DOCUMENTS, {"page_size": 2}, **auth(token)).json()
    assert page1["count"] == 3 and [d["id"] for d in page1["results"]] == ids[:2]
    page2 = client.get(page1["next"].removeprefix("http://testserver"), **auth(token)).json()
    assert [d["id"] for d in page2["results"]] == ids[2:] and page2["next"] is None
    for far in (3, 10**18, 2**63):   # past the end: an empty page, never a server error
        beyond = client.get(DOCUMENTS, {"page_size": 2, "page": far}, **auth(token))
        assert beyond.status_code == 200 and beyond.json()["results"] == [] and beyond.json()["count"] == 3
    for params in ({"page_size": 0}, {"page_size": 201}, {"page": "x"}, {"status": "done"},
                   {"since": "yesterday"}, {"since": "2025-13-01"}):
        response = client.get(DOCUMENTS, params, **auth(token))
        assert response.status_code == 400, params
        assert response.json()["error"].startswith("invalid_")


# --- callbacks ---------------------------------------------------------------------------------

def due_now(delivery: CallbackDelivery) -> None:
    """Move the clock forward for one delivery: its next attempt is due now."""
    CallbackDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_it_posts_a_signed_callback_when_accepted_and_retries_after_a_failure(client, generated_samples, operator):
    api_client, token = new_client()
    with Peer(statuses=[500]) as peer:
        doc_id = post_pdf(client, token, generated_samples[6].read_bytes(), external_ref="HR-7",
                          callback_url=peer.url).json()["id"]
        assert peer.received == []  # nothing until the document is accepted
        accept_by_agreement(doc_id, operator)

        delivery = CallbackDelivery.objects.get(submission__document_id=doc_id)
        assert len(peer.received) == 1
        assert delivery.status == CallbackDelivery.Status.PENDING
        assert delivery.attempts == 1 and delivery.last_status_code == 500
        assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)  # backoff
        assert sweep_callbacks.apply().get() == 0  # not due yet: nothing is sent

        due_now(delivery)
        assert sweep_callbacks.apply().get() == 1
        delivery.refresh_from_db()
        assert delivery.status == CallbackDelivery.Status.DELIVERED and delivery.attempts == 2
        assert len(peer.received) == 2

    headers, body = peer.received[-1]
    expected = "sha256=" + hmac.new(api_client.callback_secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-TwoMatch-Signature"] == expected
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    assert payload["event"] == "document.accepted" and payload["delivery_id"] == delivery.pk
    assert payload["document"]["id"] == doc_id and payload["document"]["external_ref"] == "HR-7"
    assert payload["document"]["result"]["records"], "the callback carries the accepted records"
    # A delivered callback is never sent again.
    assert send_callback.apply(args=[delivery.pk]).get() == "delivered"
    assert len(peer.received) == 2


def test_it_gives_up_after_the_attempt_limit_and_shows_the_failure_to_managers(client, settings, generated_samples,
                                                                                 operator):
    settings.API_CALLBACK_MAX_ATTEMPTS = 3
    _, token = new_client()
    with Peer(statuses=[503, 503, 503, 503]) as peer:
        doc_id = post_pdf(client, token, generated_samples[7].read_bytes(), callback_url=peer.url).json()["id"]
        accept_by_agreement(doc_id, operator)
        delivery = CallbackDelivery.objects.get(submission__document_id=doc_id)
        waits = []
        for _ in range(4):
            delivery.refresh_from_db()
            if delivery.status == CallbackDelivery.Status.PENDING:
                waits.append((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds())
            due_now(delivery)
            sweep_callbacks.apply()
        delivery.refresh_from_db()
        assert len(peer.received) == 3, "bounded: no fourth attempt"
    assert delivery.status == CallbackDelivery.Status.FAILED and delivery.attempts == 3
    assert "HTTP 503" in delivery.last_error
    assert len(waits) == 2 and 0 < waits[0] < waits[1], "the wait between attempts grows"

    from api.permissions import grant_manager_permissions

    grant_manager_permissions()  # the flush of transactional tests removed the migration's grant
    manager = make_user("api-manager", "manager")
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    page = client.get(reverse("admin:api_callbackdelivery_changelist"), {"status__exact": "failed"})
    assert page.status_code == 200
    assert "HTTP 503" in page.content.decode()
    # A manager can send it once more from there.
    with Peer() as peer:
        CallbackDelivery.objects.filter(pk=delivery.pk).update(url=peer.url)
        client.post(reverse("admin:api_callbackdelivery_changelist"),
                    {"action": "send_again", "_selected_action": [delivery.pk]})
        delivery.refresh_from_db()
        assert delivery.status == CallbackDelivery.Status.DELIVERED and len(peer.received) == 1


def test_a_failing_callback_never_blocks_acceptance(client, login, generated_samples):
    from tests.conftest import form_data

    _, token = new_client()
    doc_id = post_pdf(client, token, generated_samples[8].read_bytes(), callback_url=closed_port_url()).json()["id"]
    operator = make_user("web-operator", "operator")
    doc = Document.objects.get(pk=doc_id)
    machine = doc.entries.get(source=Entry.Source.MACHINE).records
    login(operator)
    response = client.post(reverse("keying_next"))
    entry = Entry.objects.get(document=doc, operator=operator)
    response = client.post(reverse("keying", args=[entry.pk]), form_data(machine, version=entry.version, then="stop"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    delivery = CallbackDelivery.objects.get(submission__document_id=doc_id)
    assert delivery.status == CallbackDelivery.Status.PENDING and delivery.attempts == 1
    assert delivery.last_status_code is None and "Connect" in delivery.last_error


def test_a_document_without_callback_url_gets_no_delivery(client, generated_samples, operator):
    _, token = new_client()
    doc_id = post_pdf(client, token, generated_samples[9].read_bytes()).json()["id"]
    accept_by_agreement(doc_id, operator)
    assert Document.objects.get(pk=doc_id).status == Document.Status.ACCEPTED
    assert not CallbackDelivery.objects.exists()
    assert sweep_callbacks.apply().get() == 0


def test_it_answers_a_broken_multipart_body_with_json(client):
    _, token = new_client()
    response = client.generic("POST", DOCUMENTS, b"--x\r\nnot really multipart",
                              content_type="multipart/form-data; boundary=", **auth(token))
    assert response.status_code == 400 and response.json()["detail"] == "The multipart body could not be parsed."
    response = client.post(DOCUMENTS, b'{"file": "x"}', content_type="application/json", **auth(token))
    assert response.status_code == 400 and "multipart" in response.json()["detail"]


# --- limits (issue 12, hole 11) ---------------------------------------------------------------------

def test_a_client_over_its_rate_limit_gets_429_with_retry_after_and_others_are_unaffected(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1000
    busy, busy_token = new_client("busy-system")
    busy.rate_limit_per_minute = 3
    busy.save()
    _, calm_token = new_client("calm-system")
    assert [client.get(DOCUMENTS, **auth(busy_token)).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(DOCUMENTS, **auth(busy_token))
    assert refused.status_code == 429 and refused.json()["error"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert post_pdf(client, busy_token, tiny_pdf("over the limit")).status_code == 429
    assert not Document.objects.exists()
    assert client.get(DOCUMENTS, **auth(calm_token)).status_code == 200


def test_a_client_past_its_daily_quota_gets_429_and_nothing_is_stored(client, settings):
    settings.API_DAILY_QUOTA = 1000
    limited, token = new_client("small-system")
    limited.daily_quota = 2
    limited.save()
    assert [post_pdf(client, token, tiny_pdf(f"quota {i}")).status_code for i in range(2)] == [201, 201]
    refused = post_pdf(client, token, tiny_pdf("quota 3"))
    assert refused.status_code == 429 and refused.json()["error"] == "quota_exceeded"
    assert int(refused["Retry-After"]) <= 24 * 3600 + 1
    assert Document.objects.count() == 2
    assert client.get(DOCUMENTS, **auth(token)).json()["count"] == 2  # reading is not a submission
    # The default applies to a client without its own quota.
    settings.API_DAILY_QUOTA = 0
    _, other = new_client("other-system")
    assert post_pdf(client, other, tiny_pdf("no quota")).json()["error"] == "quota_exceeded"
