"""Request bodies are bounded before anything reads them (issue 12, hole 3).

A body is fed through a WSGI input that counts what the app reads, so "refused before reading"
and "stopped while streaming" are measured, not assumed.
"""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dataentry.models import Document, DocumentType
from tests.test_api import auth, new_client

pytestmark = pytest.mark.django_db(transaction=True)

BOUNDARY = "twomatchboundary"
MB = 1024 * 1024


class CountingInput:
    """`size` bytes of a multipart body with one file part, produced as they are read."""

    def __init__(self, size: int, *, field: str = "file", filename: str = "big.pdf", extra_fields: dict | None = None):
        head = "".join(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                       for k, v in (extra_fields or {}).items())
        head += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                 "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n")
        self.head = head.encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        remaining = self.size - self.read_bytes
        n = remaining if n is None or n < 0 else min(n, remaining)
        out = bytearray()
        for pos in range(self.read_bytes, self.read_bytes + n):
            if pos < len(self.head):
                out.append(self.head[pos])
            elif pos >= self.size - len(self.tail):
                out.append(self.tail[pos - (self.size - len(self.tail))])
            else:
                out.append(0x20)
        self.read_bytes += n
        return bytes(out)

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def post_streamed(client: Client, url: str, body: CountingInput, **extra):
    # Given as WSGI variables: the test client sets them only for a body it holds itself.
    return client.generic("POST", url, CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
                          CONTENT_LENGTH=str(body.size), **{"wsgi.input": body}, **extra)


def test_an_oversized_anonymous_post_is_refused_before_any_byte_is_read(settings):
    settings.REQUEST_MAX_BYTES = 1 * MB
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # any well-formed token made the CSRF check read the body
    body = CountingInput(3 * MB)
    response = post_streamed(client, reverse("documents"), body)
    assert response.status_code == 413
    assert body.read_bytes == 0, "nothing of the body was read (or spooled to disk)"


def test_the_api_gets_its_json_error(settings):
    settings.REQUEST_MAX_BYTES = 1 * MB
    _, token = new_client()
    body = CountingInput(3 * MB)
    response = post_streamed(Client(), "/api/v1/documents", body, **auth(token))
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert body.read_bytes == 0


def test_a_file_over_the_upload_limit_stops_streaming_and_the_manager_is_told(people, settings):
    settings.UPLOAD_MAX_BYTES = 256 * 1024
    settings.REQUEST_MAX_BYTES = 8 * MB
    client = Client()
    client.force_login(people["manager1"])
    doc_type = DocumentType.objects.get(slug="personnel_change")
    body = CountingInput(4 * MB, field="files", filename="huge.pdf", extra_fields={"document_type": doc_type.pk})
    response = post_streamed(client, reverse("documents"), body)
    assert response.status_code == 302
    response = client.get(response.url)  # the outcome is a message on the page redirected to
    assert "huge.pdf" in response.content.decode() and ("too large" in response.content.decode()
                                                      or "大きすぎ" in response.content.decode())
    assert body.read_bytes < 1 * MB, f"read {body.read_bytes} bytes of a 4 MB body"
    assert not Document.objects.exists()


def test_an_api_file_over_the_upload_limit_stops_streaming(settings):
    settings.UPLOAD_MAX_BYTES = 256 * 1024
    settings.REQUEST_MAX_BYTES = 8 * MB
    _, token = new_client()
    body = CountingInput(4 * MB)
    response = post_streamed(Client(), "/api/v1/documents", body, **auth(token))
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert body.read_bytes < 1 * MB
    assert not Document.objects.exists()


def test_bodies_within_the_limits_still_arrive(people, settings, generated_samples):
    settings.REQUEST_MAX_BYTES = 1 * MB
    _, token = new_client()
    from tests.test_api import post_pdf

    assert post_pdf(Client(), token, generated_samples[0].read_bytes()).status_code == 201
