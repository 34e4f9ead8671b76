"""MuPDF on uploads runs in a limited child process, and the 300 dpi zoom image is rendered by a
worker, not in the web request (issue 12, reliability)."""
from __future__ import annotations

import io
import os

import pymupdf
import pytest
from django.urls import reverse
from PIL import Image

from dataentry import pdf_sandbox, services
from dataentry.models import Document, DocumentType
from dataentry.pdf import PdfRejected, check_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def big_page_pdf(points: int = 4000) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=points, height=points)
    page.insert_text((72, 72), "人事異動のお知らせ", fontname="japan", fontsize=40)
    data = doc.tobytes()
    doc.close()
    return data


def test_the_sandbox_answers_as_the_function_would(generated_samples):
    data = generated_samples[0].read_bytes()
    assert pdf_sandbox.run("check_pdf", data=data, filename="a.pdf") == check_pdf(data, filename="a.pdf")
    with pytest.raises(PdfRejected, match="could not be opened as a PDF"):
        pdf_sandbox.run("check_pdf", data=b"%PDF-1.7\n broken", filename="broken.pdf")
    with pytest.raises(ValueError):
        pdf_sandbox.run("page_pixmap")  # only the listed functions run there


def test_a_page_that_needs_more_memory_than_allowed_fails_the_document_not_the_process(settings, people):
    # 4000 pt square at 150 dpi is capped at 40 M pixels: 120 MB of pixels before the PNG, more
    # than a 256 MB address space holds next to the interpreter and MuPDF.
    settings.PDF_SANDBOX_MEMORY_MB = 256
    doc_type = DocumentType.objects.get(slug="personnel_change")
    doc = services.document_upload(data=big_page_pdf(), filename="huge.pdf", document_type=doc_type)
    doc.refresh_from_db()
    assert doc.status == Document.Status.FAILED
    assert "more than 256 MB of memory" in doc.error, doc.error
    # This process is unharmed and the next, ordinary upload goes through.
    settings.PDF_SANDBOX_MEMORY_MB = 2048
    ok = services.document_upload(data=big_page_pdf(600), filename="small.pdf", document_type=doc_type)
    ok.refresh_from_db()
    assert ok.status == Document.Status.KEYING and os.getpid()


def test_the_zoom_image_is_rendered_by_a_worker_not_in_the_request(client, people, generated_samples, settings):
    from dataentry.tasks import render_page_hd

    doc_type = DocumentType.objects.get(slug="personnel_change")
    doc = services.document_upload(data=generated_samples[0].read_bytes(), filename="a.pdf", document_type=doc_type)
    services.keying_claim_next(operator=people["operator1"])
    client.force_login(people["operator1"])
    url = reverse("ui_page_image_hd", args=[doc.pk, 1, 300])
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a deployment: tasks go to the broker, a worker runs them
    waiting = client.get(url)
    assert waiting.status_code == 503 and waiting["Retry-After"]
    render_page_hd.apply(args=[doc.pk, 1, 300])  # what the worker does with the message
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.width == pytest.approx(doc.pages.get(number=1).width * 2, abs=2)


def test_it_answers_after_its_server_was_killed_between_two_files(generated_samples):
    import signal

    data = generated_samples[0].read_bytes()
    assert pdf_sandbox.run("check_pdf", data=data, filename="a.pdf").page_count >= 1
    server = pdf_sandbox._server["proc"]
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    assert pdf_sandbox.run("check_pdf", data=data, filename="a.pdf").page_count >= 1


def test_a_fault_in_the_child_is_named_not_reported_as_a_crash(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(big_page_pdf(600))
    # A call the reader cannot take (no `stop`): the answer says what went wrong.
    with pytest.raises(PdfRejected, match="could not be processed \\(TypeError: .*stop"):
        pdf_sandbox.run("clean_pages", path=path, start=0)
