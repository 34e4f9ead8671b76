"""Callbacks go only to public addresses, checked at submit and at send time, over the checked
connection (issue 12, hole 2: SSRF through callback_url).

No traffic leaves this machine: refused URLs are never called, public addresses are written as
literals (no DNS lookup), `localhost` resolves from /etc/hosts, and the receivers listen on 127.0.0.1.
"""
from __future__ import annotations

import ipaddress

import pytest
from django.test import Client

from api.models import CallbackDelivery
from api.outbound import CallbackRefused, CallbackTarget, address_problem, callback_target, post_pinned
from api.tasks import send_callback
from tests.test_api import PUBLIC_CALLBACK, Peer, accept_by_agreement, new_client, post_pdf, tiny_pdf
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

INTERNAL = [
    "https://127.0.0.1/hook", "https://127.1.2.3:8443/hook", "https://[::1]/hook", "https://localhost/hook",
    "https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.1.1/hook", "https://[fd00::1]/hook",
    "https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/hook", "https://100.64.0.1/hook",
    "https://224.0.0.1/hook", "https://[ff02::1]/hook", "https://240.0.0.1/hook", "https://0.0.0.0/hook",
    "https://[::ffff:169.254.169.254]/hook", "https://[::ffff:7f00:1]/hook", "https://[2002:a00:1::]/hook",
    "https://[64:ff9b::a9fe:a9fe]/hook", "https://[2001:db8::1]/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_a_callback_to_an_internal_address_is_refused_at_submit(client, url):
    _, token = new_client()
    response = post_pdf(client, token, tiny_pdf(f"ssrf {url}"), callback_url=url)
    assert response.status_code == 400, url
    body = response.json()
    assert body["error"] == "invalid_callback_url" and "public addresses only" in body["detail"]


@pytest.mark.parametrize("url, reason", [
    ("http://93.184.215.14/hook", "https://"),                      # plain http to a host nobody allowed
    ("https://user:pw@93.184.215.14/hook", "user name or password"),
])
def test_https_only_and_no_credentials_in_the_url(client, url, reason):
    _, token = new_client()
    response = post_pdf(client, token, tiny_pdf(f"http {url}"), callback_url=url)
    assert response.status_code == 400 and reason in response.json()["detail"]


def test_http_is_allowed_for_named_hosts_only(settings):
    settings.API_CALLBACK_HTTP_HOSTS = ["93.184.215.14"]
    assert callback_target("http://93.184.215.14/hook", allowed_hosts=[]).addresses == ("93.184.215.14",)
    with pytest.raises(CallbackRefused, match="https://"):
        callback_target("http://93.184.215.15/hook", allowed_hosts=[])


def test_a_client_with_an_allow_list_may_call_back_only_there(client):
    api_client, token = new_client()
    api_client.callback_hosts = "hooks.partner.example\n*.erp.example"
    api_client.save()
    response = post_pdf(client, token, tiny_pdf("allow-list"), callback_url=PUBLIC_CALLBACK)
    assert response.status_code == 400 and "not one of this client's callback hosts" in response.json()["detail"]
    with pytest.raises(CallbackRefused, match="not one of"):
        callback_target("https://erp.example.evil/x", allowed_hosts=["*.erp.example"])
    # Allowed by name, still resolved and checked: the list cannot open the internal network.
    with pytest.raises(CallbackRefused, match="public addresses only"):
        callback_target("https://localhost/x", allowed_hosts=["localhost"])
    assert post_pdf(Client(), new_client("open")[1], tiny_pdf("open"), callback_url=PUBLIC_CALLBACK).status_code == 201


def test_a_public_address_is_accepted_and_every_kind_of_internal_one_is_named():
    assert address_problem(ipaddress.ip_address("93.184.215.14")) is None
    assert address_problem(ipaddress.ip_address("2606:4700:4700::1111")) is None
    kinds = {a: address_problem(ipaddress.ip_address(a)) for a in
             ("127.0.0.1", "10.1.1.1", "169.254.169.254", "100.100.100.200", "239.1.1.1", "240.0.0.1", "::")}
    assert kinds == {"127.0.0.1": "loopback", "10.1.1.1": "private", "169.254.169.254": "link-local",
                     "100.100.100.200": "shared (CGNAT)", "239.1.1.1": "multicast", "240.0.0.1": "reserved",
                     "::": "unspecified"}


def test_at_send_time_the_address_is_checked_again_and_nothing_is_sent_to_it(client, settings, generated_samples):
    """Submitted while the host was allowed (or resolved elsewhere); by the time of sending it
    leads to this machine. The receiver gets nothing; the delivery fails at once with the reason."""
    settings.API_CALLBACK_HTTP_HOSTS = ["localhost"]
    settings.API_CALLBACK_ALLOW_LOOPBACK = True
    _, token = new_client()
    with Peer() as peer:
        doc_id = post_pdf(client, token, generated_samples[3].read_bytes(), callback_url=peer.url).json()["id"]
        settings.API_CALLBACK_ALLOW_LOOPBACK = False
        accept_by_agreement(doc_id, make_user("ssrf-operator", "operator"))
        delivery = CallbackDelivery.objects.get(submission__document_id=doc_id)
        assert send_callback.apply(args=[delivery.pk]).get() == "failed"
        assert peer.received == [], "no request reached the internal address"
    delivery.refresh_from_db()
    assert delivery.status == CallbackDelivery.Status.FAILED and delivery.attempts == 1
    assert delivery.last_error.startswith("Refused: localhost resolves to") and "loopback" in delivery.last_error


def test_no_part_of_the_receivers_reply_is_stored(client, settings, generated_samples):
    settings.API_CALLBACK_HTTP_HOSTS = ["localhost"]
    settings.API_CALLBACK_ALLOW_LOOPBACK = True
    _, token = new_client()
    reply = b"internal-secret: the database password is hunter2. " * 40
    with Peer(statuses=[500], reply=reply) as peer:
        doc_id = post_pdf(client, token, generated_samples[4].read_bytes(), callback_url=peer.url).json()["id"]
        accept_by_agreement(doc_id, make_user("reply-operator", "operator"))
        assert len(peer.received) == 1
    delivery = CallbackDelivery.objects.get(submission__document_id=doc_id)
    assert delivery.last_status_code == 500
    assert delivery.last_error == "HTTP 500 Internal Server Error"


def test_the_request_goes_to_the_checked_address_with_the_name_as_host(settings):
    """`hooks.twomatch.test` resolves nowhere (.test is reserved): the request can only arrive
    because it is sent to the address that was checked, with the name in the Host header."""
    with Peer() as peer:
        port = peer.server.server_address[1]
        target = CallbackTarget(scheme="http", host="hooks.twomatch.test", port=port, path="/cb?x=1",
                                addresses=("127.0.0.1",))
        status = post_pinned(target, body=b'{"a":1}', headers={"Content-Type": "application/json"}, timeout=5)
    assert status == 200
    headers, body = peer.received[0]
    assert headers["Host"] == f"hooks.twomatch.test:{port}" and body == b'{"a":1}'


def test_the_checked_addresses_are_the_ones_connected_to_in_order(settings):
    settings.API_CALLBACK_HTTP_HOSTS = ["localhost"]
    settings.API_CALLBACK_ALLOW_LOOPBACK = True
    with Peer() as peer:
        port = peer.server.server_address[1]
        target = callback_target(f"http://localhost:{port}/cb", allowed_hosts=[])
        assert set(target.addresses) <= {"127.0.0.1", "::1"} and "127.0.0.1" in target.addresses
        # An address nobody listens on first: the next checked one is tried, never a fresh lookup.
        detour = CallbackTarget(scheme="http", host="localhost", port=port, path="/cb", addresses=("127.0.0.2", "127.0.0.1"))
        assert post_pinned(detour, body=b"{}", headers={}, timeout=5) == 200
    assert len(peer.received) == 1
