"""The vLLM keyer against the REAL vLLM server (CPU build, tiny random-weight Qwen2.5-VL).

Random weights make the values nonsense; what is tested is the protocol: vLLM accepts our
request (chat template, images, JSON schema with maxItems/maxLength, logprobs), its answer
parses and validates, and each way it can fail reaches the caller as the right KeyerFailure.
Run with `pytest -m vllm`; skipped with setup.sh's reason where the harness cannot be installed.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import jsonschema
import pymupdf
import pytest

from dataentry.doctypes import PERSONNEL_CHANGE
from inference.base import FailureKind, KeyerFailure, KeyerInput
from inference.evaluation import render_pages_for_eval
from inference.vllm_client import VllmClient
from inference.vllm_keyer import VllmKeyer, build_schema, image_tokens
from tests.conftest import SAMPLES

pytestmark = pytest.mark.vllm

# Fits the tiny model's 4096-token context: ~2,400 prompt tokens (byte-level tokenizer) + 2 pages.
IMAGE_TOKENS = 512


def sample_pdf(stem: str) -> Path:
    return SAMPLES / f"{stem}.pdf"


def rendered(pdf: Path, tmp_path: Path) -> KeyerInput:
    return KeyerInput(pdf_path=pdf, spec=PERSONNEL_CHANGE, pages=render_pages_for_eval(pdf, tmp_path / pdf.stem, 150))


def keyer(server, **kwargs) -> VllmKeyer:
    client_args = {k: kwargs.pop(k) for k in ("base_url", "max_retries", "max_concurrency", "timeout_s") if k in kwargs}
    client = VllmClient(**{"base_url": server.base_url, "timeout_s": 120.0, "max_retries": 1,
                           "backoff_base_s": 0.1, **client_args})
    return VllmKeyer(client, **{"model": server.model, "max_image_tokens": IMAGE_TOKENS, "max_tokens": 1024,
                                "max_pages": 4, **kwargs})


@pytest.mark.parametrize("stem,pages", [("01", 1), ("06", 2)])
def test_a_rendered_document_is_keyed_and_the_answer_matches_the_schema(vllm_server, tmp_path, stem, pages):
    doc = rendered(sample_pdf(stem), tmp_path)
    assert len(doc.pages) == pages
    out = keyer(vllm_server).key(doc)

    body = json.loads(out.raw_response)
    assert body["choices"][0]["finish_reason"] == "stop"
    jsonschema.validate(json.loads(body["choices"][0]["message"]["content"]), build_schema(PERSONNEL_CHANGE))
    assert 1 <= len(out.records) <= PERSONNEL_CHANGE.max_records
    assert all(list(r) == PERSONNEL_CHANGE.keys for r in out.records)
    assert out.confidence is not None and len(out.confidence) == len(out.records)
    for scores in out.confidence:
        assert set(scores) == set(PERSONNEL_CHANGE.keys)
        assert all(0.0 <= v <= 1.0 for v in scores.values())
    # the server spent the image tokens we budgeted (pages sized in 28 px multiples are not resized again)
    budget = sum(image_tokens(*_fitted_size(p.image_path)) for p in doc.pages)
    assert budget <= IMAGE_TOKENS * pages
    assert out.prompt_tokens > budget
    assert out.completion_tokens == body["usage"]["completion_tokens"] > 0
    assert (out.keyer, out.model, out.prompt_version) == ("vllm", vllm_server.model, PERSONNEL_CHANGE.prompt_version)


def _fitted_size(image_path: Path) -> tuple[int, int]:
    from PIL import Image

    from inference.vllm_keyer import fit_to_token_budget

    with Image.open(image_path) as image:
        return fit_to_token_budget(image.width, image.height, IMAGE_TOKENS)


def test_too_small_max_tokens_gives_invalid_output_not_a_crash(vllm_server, tmp_path):
    doc = rendered(sample_pdf("01"), tmp_path)
    with pytest.raises(KeyerFailure) as failure:
        keyer(vllm_server, max_tokens=12).key(doc)
    assert failure.value.kind == FailureKind.INVALID_OUTPUT and not failure.value.retryable
    assert "cut off at 12 tokens" in failure.value.message
    assert json.loads(failure.value.raw_response)["choices"][0]["finish_reason"] == "length"


def test_unknown_model_gives_a_clear_client_error(vllm_server, tmp_path):
    doc = rendered(sample_pdf("01"), tmp_path)
    with pytest.raises(KeyerFailure) as failure:
        keyer(vllm_server, model="no-such-model").key(doc)
    assert failure.value.kind == FailureKind.CLIENT_ERROR and not failure.value.retryable
    assert "The model `no-such-model` does not exist." in failure.value.message


def test_pages_beyond_the_servers_context_give_a_client_error_not_retries(vllm_server, tmp_path):
    if vllm_server.context_len > 4096:
        pytest.skip("needs the CPU harness's 4096-token context")
    doc = rendered(sample_pdf("06"), tmp_path)
    tokens_per_page = vllm_server.context_len // 2  # two pages alone fill the context
    with pytest.raises(KeyerFailure) as failure:
        keyer(vllm_server, max_image_tokens=tokens_per_page).key(doc)
    assert failure.value.kind == FailureKind.CLIENT_ERROR
    assert "maximum context length" in failure.value.message


def test_a_stopped_server_is_retried_then_a_retryable_failure(tmp_path):
    from tests.vllm_fixtures import load_harness

    dead = load_harness().free_port()  # nothing listens there
    client = VllmClient(f"http://127.0.0.1:{dead}/v1", timeout_s=5, max_retries=2, backoff_base_s=0.05)
    doc = rendered(sample_pdf("01"), tmp_path)
    with pytest.raises(KeyerFailure) as failure:
        VllmKeyer(client, model="tiny", max_image_tokens=IMAGE_TOKENS).key(doc)
    assert failure.value.retryable and failure.value.kind == FailureKind.SERVER_ERROR
    assert "after 3 attempts" in failure.value.message
    assert client.health() is False


def test_health_models_and_concurrent_requests(vllm_server, tmp_path):
    k = keyer(vllm_server, max_concurrency=4)
    assert k.client.health() is True
    assert vllm_server.model in k.client.models()
    docs = [rendered(sample_pdf(stem), tmp_path) for stem in ("02", "03", "04", "05")]
    results: list = []

    def run(doc: KeyerInput) -> None:
        try:
            results.append(k.key(doc))
        except KeyerFailure as exc:
            results.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [type(r).__name__ for r in results] == ["KeyerOutput"] * 4


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_document_gets_a_machine_entry_from_vllm(vllm_server, settings, client, login, people, tmp_path):
    from django.urls import reverse

    from dataentry.models import Document, Entry

    settings.MACHINE_KEYER = "vllm"
    settings.VLLM_BASE_URL = vllm_server.base_url
    settings.VLLM_MODEL = vllm_server.model
    settings.VLLM_MAX_IMAGE_TOKENS = IMAGE_TOKENS
    settings.VLLM_MAX_TOKENS = 1024
    login(people["manager1"])
    with open(sample_pdf("07"), "rb") as pdf:
        client.post(reverse("documents"), {"document_type": personnel_change_pk(), "files": [pdf], "priority": 0}, follow=True)

    doc = Document.objects.get()
    assert doc.machine_state == Document.MachineState.DONE, doc.machine_error
    entry = doc.entries.get(source=Entry.Source.MACHINE)
    assert (entry.keyer, entry.model_name, entry.prompt_version) == ("vllm", vllm_server.model, "1")
    assert entry.records and len(entry.confidence) == len(entry.records)
    assert json.loads(entry.raw_response)["choices"][0]["finish_reason"] == "stop"
    assert entry.prompt_tokens > 0 and entry.completion_tokens > 0


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_document_falls_back_to_a_second_human_when_vllm_is_down(settings, client, login, people, tmp_path):
    from django.urls import reverse

    from dataentry.models import Document, MachineRun
    from tests.vllm_fixtures import load_harness

    settings.MACHINE_KEYER = "vllm"
    settings.VLLM_BASE_URL = f"http://127.0.0.1:{load_harness().free_port()}/v1"  # stopped server
    settings.VLLM_MAX_RETRIES = 1
    settings.MAX_TASK_ATTEMPTS = 2
    login(people["manager1"])
    with open(sample_pdf("07"), "rb") as pdf:
        client.post(reverse("documents"), {"document_type": personnel_change_pk(), "files": [pdf], "priority": 0}, follow=True)

    doc = Document.objects.get()
    assert doc.machine_state == Document.MachineState.FAILED
    assert "cannot reach vLLM" in doc.machine_error and "after 2 attempts" in doc.machine_error
    assert MachineRun.objects.filter(document=doc, failure_kind="server_error").count() == 2  # task retried once
    assert "status machine-failed" in client.get(reverse("document_detail", args=[doc.pk])).content.decode()


def personnel_change_pk() -> int:
    from dataentry.models import DocumentType

    return DocumentType.objects.get(slug="personnel_change").pk
