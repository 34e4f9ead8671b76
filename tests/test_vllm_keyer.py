"""The vLLM keyer against a fake server that replays real vLLM 0.32.0 answers (tests/vllm_fake.py).

What a user of the keyer would notice: the request vLLM gets (schema, images, no guided_json),
records and confidences from a real answer, and each failure mapped to the right kind with
retries only where retrying can help.
"""
from __future__ import annotations

import base64
import io
import json
import math
import threading
import time
from pathlib import Path

import jsonschema
import pymupdf
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from PIL import Image

from dataentry.doctypes import PERSONNEL_CHANGE
from dataentry.spec import DocumentTypeSpec, FieldSpec
from inference.base import FailureKind, KeyerFailure, KeyerInput, PageInput
from inference.keyers import get_keyer
from inference.vllm_client import VllmClient, backoff_delay
from inference.evaluation import render_pages_for_eval
from inference.vllm_keyer import (
    VllmKeyer, build_messages, build_schema, field_confidences, fit_to_token_budget, parse_chat_response,
    resize_for_model, system_prompt,
)
from tests.conftest import SAMPLES
from tests.vllm_fake import SERVER_ERROR_500, Drop, FakeVllm, Sleep, load_capture



# --- helpers ------------------------------------------------------------------------------

def make_pdf(path: Path, pages: int = 1) -> Path:
    with pymupdf.open() as pdf:
        for number in range(1, pages + 1):
            page = pdf.new_page(width=595, height=842)  # A4 in points
            page.insert_text((72, 100), f"人事異動のお知らせ {path.stem}-{number}", fontname="japan", fontsize=16)
            page.insert_text((72, 140), "2025年4月1日付 営業部長 佐藤 次郎", fontname="japan", fontsize=11)
        pdf.save(path)
    return path


def make_doc(tmp_path: Path, pages: int = 1, spec: DocumentTypeSpec = PERSONNEL_CHANGE) -> KeyerInput:
    pdf = make_pdf(tmp_path / "doc.pdf", pages)
    return KeyerInput(pdf_path=pdf, spec=spec, pages=render_pages_for_eval(pdf, tmp_path / "pages", dpi=100))


def keyer_for(fake: FakeVllm, **kwargs) -> VllmKeyer:
    client_args = {k: kwargs.pop(k) for k in ("timeout_s", "max_retries", "max_concurrency") if k in kwargs}
    client = VllmClient(fake.base_url, backoff_base_s=0.01, backoff_cap_s=0.05,
                        **{"timeout_s": 5.0, "max_retries": 2, **client_args})
    return VllmKeyer(client, **{"model": "tiny", "max_image_tokens": 256, **kwargs})


def capture_body(name: str, variant: str = "shaped") -> dict:
    return load_capture(name, variant)["body"]


@pytest.fixture
def fake():
    with FakeVllm() as server:
        yield server


# --- schema and prompt --------------------------------------------------------------------

def test_schema_accepts_every_ground_truth_sample_and_caps_sizes():
    schema = build_schema(PERSONNEL_CHANGE)
    items = schema["properties"]["records"]
    assert items["maxItems"] == PERSONNEL_CHANGE.max_records
    assert items["items"]["required"] == PERSONNEL_CHANGE.keys
    for f in PERSONNEL_CHANGE.fields:
        assert items["items"]["properties"][f.key] == {"type": "string", "maxLength": f.max_length}
    truths = sorted(SAMPLES.glob("*.json"))
    assert truths
    for truth in truths:
        jsonschema.validate({"records": json.loads(truth.read_text())["records"]}, schema)


@pytest.mark.parametrize("answer", [
    {"records": [{**{k: "" for k in PERSONNEL_CHANGE.keys}, "extra": "x"}]},
    {"records": [{k: "" for k in PERSONNEL_CHANGE.keys[1:]}]},
    {"records": [{**{k: "" for k in PERSONNEL_CHANGE.keys},
                  "effective_date": "9" * (PERSONNEL_CHANGE.field("effective_date").max_length + 1)}]},
    {"records": [{k: "" for k in PERSONNEL_CHANGE.keys}] * (PERSONNEL_CHANGE.max_records + 1)},
    {"records": [], "note": "hi"},
])
def test_schema_rejects_extra_missing_too_long_and_too_many(answer):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(answer, build_schema(PERSONNEL_CHANGE))


def test_system_prompt_carries_every_keying_rule_and_keeps_admin_braces():
    prompt = system_prompt(PERSONNEL_CHANGE)
    assert "{rules}" not in prompt
    for f in PERSONNEL_CHANGE.fields:
        assert f.keying_rule in prompt and f.key in prompt
    spec = DocumentTypeSpec(slug="x", name="x", fields=(FieldSpec("a", "A", keying_rule="rule A"),),
                            prompt='Return {"records": []}.\n{rules}')
    assert system_prompt(spec) == 'Return {"records": []}.\n- a（A）: rule A'


# --- images ------------------------------------------------------------------------------

@hsettings(max_examples=200, deadline=None)
@given(st.integers(1, 20000), st.integers(1, 20000), st.integers(4, 5000))
def test_fit_never_exceeds_the_token_cap_and_uses_28px_multiples(width, height, cap):
    w, h = fit_to_token_budget(width, height, cap)
    assert w % 28 == 0 and h % 28 == 0
    assert (w // 28) * (h // 28) <= cap
    assert w <= max(width, 28) and h <= max(height, 28)  # never enlarged beyond one patch


def test_an_a4_page_at_300_dpi_costs_at_most_1280_tokens_with_its_aspect_kept():
    w, h = fit_to_token_budget(2480, 3508, 1280)
    assert (w // 28) * (h // 28) <= 1280
    assert (w // 28) * (h // 28) >= 1200  # the budget is used, not wasted
    assert abs(w / h - 2480 / 3508) < 0.03


def test_resize_flattens_transparency_onto_white():
    image = Image.new("RGBA", (1000, 1400), (0, 0, 0, 0))
    out = resize_for_model(image, 256)
    assert out.mode == "RGB" and out.getpixel((10, 10)) == (255, 255, 255)
    assert (out.width // 28) * (out.height // 28) <= 256


def test_messages_hold_each_page_as_png_within_the_cap_then_the_instructions(tmp_path):
    doc = make_doc(tmp_path, pages=2)
    messages = build_messages(doc, max_image_tokens=300)
    assert messages[0] == {"role": "system", "content": system_prompt(PERSONNEL_CHANGE)}
    content = messages[1]["content"]
    assert [p["type"] for p in content] == ["image_url", "image_url", "text"]
    for part in content[:2]:
        header, data = part["image_url"]["url"].split(",", 1)
        assert header == "data:image/png;base64"
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format == "PNG"
            assert image.width % 28 == 0 and image.height % 28 == 0
            assert (image.width // 28) * (image.height // 28) <= 300
    assert "effective_date" in content[2]["text"]


def test_pages_not_rendered_by_the_caller_are_rendered_from_the_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "doc.pdf", pages=2)
    doc = KeyerInput(pdf_path=pdf, spec=PERSONNEL_CHANGE, pages=(PageInput(1, None), PageInput(2, None)))
    assert sum(p["type"] == "image_url" for p in build_messages(doc, max_image_tokens=100)[1]["content"]) == 2


# --- confidence -----------------------------------------------------------------------------

def test_confidence_is_the_probability_of_the_value_and_its_end():
    body = capture_body("so_response_format_json_schema")
    choice = body["choices"][0]
    confidence = field_confidences(choice["message"]["content"], choice["logprobs"]["content"])
    # every value is "7": token '7' (-4.1251…) then the closing quote the model chose (-1.8207…);
    # keys, ':' and '"' forced by the grammar carry logprob 0 and must not count
    assert confidence[0]["family_name"] == pytest.approx(math.exp(-4.125128269195557 - 1.8207626342773438))


def test_confidence_sums_all_tokens_of_a_longer_value():
    choice = capture_body("t1_so_response_format_json_schema")["choices"][0]
    confidence = field_confidences(choice["message"]["content"], choice["logprobs"]["content"])
    assert [len(r) for r in confidence] == [8, 8]
    # "company":"D4L" -> D, 4, L, closing quote (values read from the capture)
    expected = math.exp(-4.156378269195557 - 4.320762634277344 - 4.321606159210205 - 1.8211843967437744)
    assert confidence[0]["company"] == pytest.approx(expected)
    assert all(0.0 <= v <= 1.0 for record in confidence for v in record.values())


def _entry(raw: bytes, logprob: float) -> dict:
    return {"token": raw.decode("utf-8", errors="replace"), "logprob": logprob, "bytes": list(raw)}


def test_confidence_rebuilds_japanese_from_partial_utf8_byte_tokens():
    name = "佐藤".encode()
    entries = [_entry(b'{"records":[{"a":"', 0.0), _entry(name[:2], -0.1), _entry(name[2:4], -0.2),
               _entry(name[4:], -0.3), _entry(b'","b":"', -0.4), _entry(b'"}]}', -0.5), _entry(b"<|im_end|>", 0.0)]
    content = '{"records":[{"a":"佐藤","b":""}]}'
    confidence = field_confidences(content, entries)
    # a: its three byte tokens + the token that closes it (that token also opens b: forced, not b's)
    assert confidence[0]["a"] == pytest.approx(math.exp(-0.1 - 0.2 - 0.3 - 0.4))
    # an empty value is only as certain as the model's choice to close it at once
    assert confidence[0]["b"] == pytest.approx(math.exp(-0.5))


def test_confidence_finds_values_in_pretty_printed_json_with_escapes():
    # a server without disable_any_whitespace lets the model indent; one token per character here
    content = json.dumps({"records": [{"a": "ab", "b": 'x"y'}, {"a": "", "b": "営業"}]}, indent=2, ensure_ascii=False)
    entries = [_entry(ch.encode(), -0.1) for ch in content]
    confidence = field_confidences(content, entries)
    # value characters as written in the JSON text (x\"y is 4) + the closing quote
    assert [{k: round(math.log(v) / -0.1) for k, v in r.items()} for r in confidence] == [
        {"a": 3, "b": 5}, {"a": 1, "b": 3}]


def test_confidence_is_unknown_when_tokens_do_not_spell_the_answer():
    assert field_confidences('{"records":[]}', [_entry(b'{"rec', 0.0)]) is None


# --- parsing real answers -----------------------------------------------------------------

def test_a_cut_off_answer_is_invalid_output_with_the_raw_body():
    body = capture_body("max_tokens_cutoff")
    with pytest.raises(KeyerFailure) as failure:
        parse_chat_response(PERSONNEL_CHANGE, body, raw="RAW")
    assert failure.value.kind == FailureKind.INVALID_OUTPUT and not failure.value.retryable
    assert "cut off at 20 tokens" in failure.value.message
    assert failure.value.raw_response == "RAW"


@pytest.mark.parametrize("capture,variant,why", [
    ("so_extra_body_guided_json", "shaped", "not JSON"),       # what guided_json really gets you
    ("so_response_format_json_object", "shaped", "schema"),   # any JSON object
    ("so_response_format_json_object", "random", "cut off"),  # whitespace until max_tokens
])
def test_answers_outside_the_schema_are_invalid_output(capture, variant, why):
    with pytest.raises(KeyerFailure) as failure:
        parse_chat_response(PERSONNEL_CHANGE, capture_body(capture, variant))
    assert failure.value.kind == FailureKind.INVALID_OUTPUT
    assert why in failure.value.message
    assert failure.value.raw_response


# --- the keyer against the fake server ------------------------------------------------------

def test_it_keys_a_document_with_the_request_vllm_expects(fake, tmp_path):
    doc = make_doc(tmp_path, pages=2)
    out = keyer_for(fake, max_tokens=1500).key(doc)

    assert out.records == [{k: "7" for k in PERSONNEL_CHANGE.keys}]
    assert out.keyer == "vllm" and out.model == "tiny" and out.prompt_version == PERSONNEL_CHANGE.prompt_version
    assert (out.prompt_tokens, out.completion_tokens) == (515, 161)
    assert set(out.confidence[0]) == set(PERSONNEL_CHANGE.keys)
    assert json.loads(out.raw_response) == capture_body("so_response_format_json_schema")
    assert out.latency_ms >= 0

    (request,) = fake.chat_requests
    sent = request.body
    assert sent["temperature"] == 0 and sent["logprobs"] is True and sent["max_tokens"] == 1500
    assert sent["repetition_penalty"] == 1.0
    assert "guided_json" not in sent and "structured_outputs" not in sent
    assert sent["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "personnel_change", "schema": build_schema(PERSONNEL_CHANGE), "strict": True}}
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert len(request.image_sizes) == 2
    assert all(w % 28 == 0 and h % 28 == 0 and (w // 28) * (h // 28) <= 256 for w, h in request.image_sizes)


def test_get_keyer_builds_it_from_settings(fake, tmp_path, settings):
    settings.VLLM_BASE_URL = fake.base_url
    settings.VLLM_MODEL = "tiny"
    settings.VLLM_MAX_TOKENS = 1500
    out = get_keyer("vllm").key(make_doc(tmp_path))
    assert out.model == "tiny" and len(out.records) == 1


def test_too_small_max_tokens_is_invalid_output_not_a_crash(fake, tmp_path):
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, max_tokens=20).key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.INVALID_OUTPUT and not failure.value.retryable
    assert "cut off" in failure.value.message
    assert json.loads(failure.value.raw_response)["choices"][0]["finish_reason"] == "length"
    assert len(fake.chat_requests) == 1


def test_too_many_pages_fails_before_any_request(fake, tmp_path):
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, max_pages=2).key(make_doc(tmp_path, pages=3))
    assert failure.value.kind == FailureKind.UNAVAILABLE and not failure.value.retryable
    assert failure.value.message == "document has 3 pages, the vLLM keyer takes at most 2"
    assert fake.chat_requests == []


def test_unknown_model_is_a_client_error_with_the_servers_message_and_no_retry(fake, tmp_path):
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, model="no-such-model").key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.CLIENT_ERROR and not failure.value.retryable
    assert "The model `no-such-model` does not exist." in failure.value.message
    assert len(fake.chat_requests) == 1


def test_more_images_than_the_server_allows_is_a_client_error(fake, tmp_path):
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, max_pages=5, max_image_tokens=16).key(make_doc(tmp_path, pages=5))
    assert failure.value.kind == FailureKind.CLIENT_ERROR
    assert "At most 4 image(s) may be provided in one prompt." in failure.value.message
    assert len(fake.chat_requests) == 1


def test_a_500_is_retried_and_the_next_answer_used(fake, tmp_path):
    fake.script.extend([SERVER_ERROR_500, Drop()])
    out = keyer_for(fake, max_retries=2).key(make_doc(tmp_path))
    assert len(out.records) == 1 and out.meta["attempts"] == 3
    assert len(fake.chat_requests) == 3


def test_persistent_500s_give_up_after_the_retries_with_a_retryable_failure(fake, tmp_path):
    fake.script.extend([SERVER_ERROR_500] * 5)
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, max_retries=2).key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.SERVER_ERROR and failure.value.retryable
    assert "EngineCore encountered an issue." in failure.value.message and "after 3 attempts" in failure.value.message
    assert len(fake.chat_requests) == 3


def test_a_hanging_server_times_out_and_is_retried(fake, tmp_path):
    fake.script.extend([Sleep(2.0), Sleep(2.0)])
    started = time.monotonic()
    with pytest.raises(KeyerFailure) as failure:
        keyer_for(fake, timeout_s=0.3, max_retries=1).key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.TIMEOUT and failure.value.retryable
    assert len(fake.chat_requests) == 2
    assert time.monotonic() - started < 1.9  # gave up on time, did not wait for the server


def test_a_refused_connection_is_retried_then_a_retryable_failure(tmp_path):
    with FakeVllm() as fake:
        dead_url = fake.base_url  # the port is closed once the fake stops
    client = VllmClient(dead_url, max_retries=2, backoff_base_s=0.01, timeout_s=2)
    with pytest.raises(KeyerFailure) as failure:
        VllmKeyer(client, model="tiny", max_image_tokens=64).key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.SERVER_ERROR and failure.value.retryable
    assert "ConnectError" in failure.value.message and "after 3 attempts" in failure.value.message


def test_health_and_models(fake):
    client = VllmClient(fake.base_url)
    assert client.health() is True
    assert client.models() == ["tiny"]
    with FakeVllm() as gone:
        dead = VllmClient(gone.base_url)
    assert dead.health() is False


def test_no_more_requests_in_flight_than_the_concurrency_limit(fake, tmp_path):
    fake.delay_s = 0.2
    doc = make_doc(tmp_path)
    keyer = keyer_for(fake, max_concurrency=2, max_tokens=1500)
    errors: list[Exception] = []

    def run() -> None:
        try:
            keyer.key(doc)
        except Exception as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert fake.max_in_flight == 2 and len(fake.chat_requests) == 6


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    import random

    rng = random.Random(1)
    delays = [[backoff_delay(n, 1.0, 8.0, rng) for n in range(6)] for _ in range(50)]
    for run in delays:
        for n, delay in enumerate(run):
            step = min(8.0, 2 ** n)
            assert step / 2 <= delay <= step
    assert len({run[2] for run in delays}) > 1  # jittered, not lockstep


def test_retries_stop_early_when_another_attempt_would_overrun_the_task_budget(fake, tmp_path):
    fake.script.extend([Sleep(1.0)] * 6)
    client = VllmClient(fake.base_url, timeout_s=0.3, max_retries=5, backoff_base_s=0.01, budget_s=0.8)
    with pytest.raises(KeyerFailure) as failure:
        VllmKeyer(client, model="tiny", max_image_tokens=64).key(make_doc(tmp_path))
    assert failure.value.kind == FailureKind.TIMEOUT and failure.value.retryable
    assert "gave up after 2 attempts" in failure.value.message
    assert len(fake.chat_requests) == 2


def test_bench_keyer_reports_sequential_and_concurrent_runs(fake, tmp_path, settings):
    from django.core.management import call_command

    settings.VLLM_BASE_URL = fake.base_url
    settings.VLLM_MODEL = "tiny"
    settings.VLLM_MAX_TOKENS = 1500
    settings.VLLM_MAX_IMAGE_TOKENS = 64
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    for stem in ("01", "02", "03"):
        make_pdf(dataset / f"{stem}.pdf")
    out = tmp_path / "bench.json"
    stdout = io.StringIO()
    call_command("bench_keyer", keyer="vllm", dataset=str(dataset), concurrency=2, json=str(out), stdout=stdout,
                 stderr=io.StringIO())

    report = json.loads(out.read_text())
    assert [run["concurrency"] for run in report["runs"]] == [1, 2]
    for run in report["runs"]:
        assert run["documents"] == run["succeeded"] == 3 and run["failures"] == {}
        assert (run["prompt_tokens_per_doc"], run["completion_tokens_per_doc"]) == (515, 161)
        assert run["docs_per_s"] > 0 and run["latency_ms"]["p95"] >= run["latency_ms"]["p50"]
    assert "sequential" in stdout.getvalue() and "concurrent 2" in stdout.getvalue()
    # warm-up + two passes; each pass sends different pixels so vLLM's caches cannot flatter it
    chats = fake.chat_requests
    assert len(chats) == 7
    assert len({r.body["messages"][1]["content"][0]["image_url"]["url"] for r in chats}) == 7
