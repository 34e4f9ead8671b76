"""The production machine keyer: a vision-language model (Qwen2.5-VL) served by vLLM.

Request (one chat completion per document):
- system: the DocumentType's prompt with `{rules}` replaced by the keying rule of every field
  (the same 入力ルール operators see beside each field);
- user: every page as a base64 PNG data URL, resized so one page costs at most
  `VLLM_MAX_IMAGE_TOKENS` image tokens (Qwen2.5-VL: one token per 28x28 pixels), then a short
  instruction naming the fields;
- temperature 0, repetition_penalty 1.0 (not the checkpoint's 1.05), `max_tokens`,
  `logprobs: true`, and the JSON schema from `build_schema(spec)` as
  `response_format: {"type": "json_schema", ...}`. Never `guided_json`: vLLM >= 0.12 ignores it
  without an error, so the output would silently be unconstrained.

Response: anything but `finish_reason == "stop"` with schema-valid JSON is INVALID_OUTPUT; the
raw body goes with the failure, and no partial result is ever returned.

Confidence (per record, per field), stored with the machine entry:

    confidence = exp(sum of the logprobs of the tokens that overlap the value's characters
                     or its closing quote in the JSON text)

that is, the probability under the model (after the grammar mask) of emitting exactly this
value: its characters *and* stopping there. Tokens the grammar forces (keys, `":"`, quotes,
commas) have logprob 0 and add nothing, so only the model's own choices count.
- The closing quote is included because ending the string is a choice too: without it an empty
  value would always score 1.0 and "7" could not be told from "77".
- The opening quote is left out: it is forced. A token that closes one value and runs on into
  forced punctuation (`",` or even `","b":"`) is counted with the value it closes.
- Tokens are located by their `bytes`: a byte-level token can be a fragment of a multi-byte
  character, whose `token` text is U+FFFD.
- It is the probability of the whole string, so a long value scores lower than a short one at
  the same per-character certainty: compare confidences within a field, not across fields.
"""
from __future__ import annotations

import base64
import bisect
import functools
import io
import json
import math
import re
import time
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import jsonschema
from PIL import Image

from dataentry.spec import DocumentTypeSpec
from inference.base import FailureKind, Keyer, KeyerFailure, KeyerInput, KeyerOutput, PageInput
from inference.vllm_client import ChatResult, VllmClient, client_settings

PATCH_PX = 28  # Qwen2.5-VL: 14 px patches merged 2x2 -> one LLM token per 28x28 pixels
# Bump when the wording/layout built here (not the DocumentType's prompt) changes; stored in meta.
REQUEST_FORMAT_VERSION = "1"

DEFAULT_PROMPT = """You key data from document page images. Output one record per entry, in reading order.
Each field follows its keying rule:
{rules}
Output JSON only."""

_CLIENT_ARGS = {"base_url", "api_key", "timeout_s", "max_retries", "max_concurrency",
                "backoff_base_s", "backoff_cap_s", "budget_s", "transport"}


# --- request ------------------------------------------------------------------------------

def build_schema(spec: DocumentTypeSpec) -> dict[str, Any]:
    """JSON schema of a keyer answer: {"records": [{every field: string}, ...]}, capped in size."""
    return {
        "type": "object",
        "properties": {
            "records": {
                "type": "array",
                "maxItems": spec.max_records,
                "items": {
                    "type": "object",
                    "properties": {f.key: {"type": "string", "maxLength": f.max_length} for f in spec.fields},
                    "required": spec.keys,
                    "additionalProperties": False,
                },
            },
        },
        "required": ["records"],
        "additionalProperties": False,
    }


def schema_name(spec: DocumentTypeSpec) -> str:
    """OpenAI-style schema names allow [a-zA-Z0-9_-]{1,64}; admin-made slugs may not."""
    return (re.sub(r"[^a-zA-Z0-9_-]", "_", spec.slug) or "document")[:64]


def render_rules(spec: DocumentTypeSpec) -> str:
    lines = []
    for f in spec.fields:
        label = f"{f.key}（{f.label}）" if f.label else f.key
        lines.append(f"- {label}: {f.keying_rule}" if f.keying_rule else f"- {label}")
    return "\n".join(lines)


def system_prompt(spec: DocumentTypeSpec) -> str:
    """The DocumentType's prompt with its rules filled in.

    str.replace, not str.format: prompts written in the admin may contain JSON braces.
    """
    prompt = spec.prompt or DEFAULT_PROMPT
    rules = render_rules(spec)
    if "{rules}" in prompt:
        return prompt.replace("{rules}", rules)
    return f"{prompt}\n{rules}"


def user_instructions(spec: DocumentTypeSpec, page_count: int) -> str:
    keys = ", ".join(spec.keys)
    return (
        f"上の {page_count} 枚の画像は 1 つの文書のページです（ページ順）。"
        f"入力ルールに従って {{\"records\": [...]}} の JSON を出力してください。"
        f"各レコードの項目: {keys}。文書に書かれていない項目は \"\" にします。"
    )


def fit_to_token_budget(width: int, height: int, max_tokens: int, patch: int = PATCH_PX) -> tuple[int, int]:
    """Largest (w, h), multiples of `patch`, aspect kept, never enlarged, with (w/patch)*(h/patch) <= max_tokens.

    Multiples of 28 mean vLLM's Qwen2-VL processor does not resize again, so the token count
    we chose is the one the server spends.
    """
    scale = min(1.0, math.sqrt(max_tokens * patch * patch / (width * height)))
    rows = max(1, min(int(height * scale) // patch, max_tokens))  # very tall thin images
    cols = max(1, min(int(width * scale) // patch, max_tokens // rows))
    return cols * patch, rows * patch


def image_tokens(width: int, height: int, patch: int = PATCH_PX) -> int:
    return (width // patch) * (height // patch)


def resize_for_model(image: Image.Image, max_tokens: int) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image)
    image = image.convert("RGB")
    size = fit_to_token_budget(image.width, image.height, max_tokens)
    if size != image.size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def png_data_url(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _open_page(doc: KeyerInput, page: PageInput) -> Image.Image:
    try:
        if page.image_path is not None:
            path = Path(page.image_path)
            if not path.is_absolute() and not path.exists():
                from django.conf import settings

                path = Path(settings.MEDIA_ROOT) / path
            with Image.open(path) as image:
                image.load()
                return image
        # Not rendered by the caller: render from the PDF at a resolution that covers the cap.
        import pymupdf

        from dataentry.pdf import page_png

        with pymupdf.open(doc.pdf_path) as pdf:
            png, _, _ = page_png(pdf[page.number - 1], dpi=150)
            return Image.open(io.BytesIO(png))
    except (OSError, ValueError, IndexError, Image.DecompressionBombError) as exc:
        raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {page.number} cannot be read as an image: {exc}",
                           retryable=False) from exc


def document_pages(doc: KeyerInput) -> tuple[PageInput, ...]:
    if doc.pages:
        return doc.pages
    import pymupdf

    with pymupdf.open(doc.pdf_path) as pdf:
        return tuple(PageInput(number=i + 1, image_path=None) for i in range(pdf.page_count))


def build_messages(doc: KeyerInput, *, max_image_tokens: int | None = None) -> list[dict[str, Any]]:
    """The chat messages the keyer sends for `doc` (also used to export fine-tuning data)."""
    if max_image_tokens is None:
        from django.conf import settings

        max_image_tokens = settings.VLLM_MAX_IMAGE_TOKENS
    pages = document_pages(doc)
    content: list[dict[str, Any]] = []
    for page in pages:
        image = resize_for_model(_open_page(doc, page), max_image_tokens)
        content.append({"type": "image_url", "image_url": {"url": png_data_url(image)}})
    content.append({"type": "text", "text": user_instructions(doc.spec, len(pages))})
    return [
        {"role": "system", "content": system_prompt(doc.spec)},
        {"role": "user", "content": content},
    ]


def build_request(doc: KeyerInput, *, model: str, max_tokens: int, max_image_tokens: int) -> dict[str, Any]:
    return {
        "model": model,
        "messages": build_messages(doc, max_image_tokens=max_image_tokens),
        "temperature": 0,
        # vLLM otherwise takes the checkpoint's defaults: Qwen2.5-VL's generation_config sets 1.05,
        # which penalises the company name and date that every record repeats.
        "repetition_penalty": 1.0,
        "max_tokens": max_tokens,
        "logprobs": True,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": schema_name(doc.spec), "schema": build_schema(doc.spec), "strict": True},
        },
    }


# --- response -----------------------------------------------------------------------------

@dataclass
class ParsedAnswer:
    records: list[dict[str, str]]
    confidence: list[dict[str, float]] | None
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


def parse_chat_response(spec: DocumentTypeSpec, body: dict[str, Any], raw: str = "") -> ParsedAnswer:
    """Records and confidences from a chat-completion body, or KeyerFailure(INVALID_OUTPUT)."""
    raw = raw or json.dumps(body, ensure_ascii=False)

    def invalid(message: str) -> KeyerFailure:
        return KeyerFailure(FailureKind.INVALID_OUTPUT, message, raw_response=raw)

    usage = body.get("usage") or {}
    try:
        choice = body["choices"][0]
    except (KeyError, IndexError, TypeError):
        raise invalid("the response has no choices") from None
    finish_reason = choice.get("finish_reason")
    completion_tokens = int(usage.get("completion_tokens") or 0)
    if finish_reason == "length":
        raise invalid(f"the model's answer was cut off at {completion_tokens} tokens (max_tokens too small "
                      f"or the model did not stop)")
    if finish_reason != "stop":
        raise invalid(f"the model stopped for an unexpected reason: {finish_reason!r}")
    content = (choice.get("message") or {}).get("content")
    if not isinstance(content, str):
        raise invalid("the answer has no text content")
    try:
        answer = json.loads(content)
    except ValueError as exc:
        raise invalid(f"the answer is not JSON: {exc}") from None
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(build_schema(spec)).iter_errors(answer))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise invalid(f"the answer does not match the schema at {where}: {error.message}")
    records = [{key: record[key] for key in spec.keys} for record in answer["records"]]
    entries = (choice.get("logprobs") or {}).get("content")
    confidence = field_confidences(content, entries) if entries else None
    if confidence is not None and len(confidence) != len(records):
        confidence = None
    return ParsedAnswer(records=records, confidence=confidence, finish_reason=finish_reason,
                        prompt_tokens=int(usage.get("prompt_tokens") or 0), completion_tokens=completion_tokens)


def field_confidences(content: str, logprob_entries: list[dict[str, Any]]) -> list[dict[str, float]] | None:
    """Per record, per field: exp(sum of logprobs of the tokens overlapping the value and its closing quote).

    None when the tokens do not spell `content` (then we would be guessing which token is which).
    vLLM also lists the stop token (`<|im_end|>`, spelled out in `bytes`) after the content: ignored.
    """
    pieces = [bytes(entry.get("bytes") or entry.get("token", "").encode()) for entry in logprob_entries]
    if not b"".join(pieces).startswith(content.encode("utf-8")):
        return None
    token_ends = list(accumulate(len(p) for p in pieces))
    token_starts = [end - len(p) for end, p in zip(token_ends, pieces)]
    char_to_byte = [0, *accumulate(len(ch.encode("utf-8")) for ch in content)]
    logprobs = [float(entry.get("logprob") or 0.0) for entry in logprob_entries]

    result = []
    for record_spans in _record_value_spans(content):
        scores = {}
        for key, (start, end) in record_spans.items():
            first_byte, end_byte = char_to_byte[start], char_to_byte[end]
            # tokens overlapping [first_byte, end_byte): the first ends after first_byte, the last starts before end_byte
            lo = bisect.bisect_right(token_ends, first_byte)
            hi = bisect.bisect_left(token_starts, end_byte)
            total = sum(logprobs[lo:hi])
            scores[key] = min(1.0, math.exp(max(total, -745.0)))  # exp underflows to 0.0 below ~-745 anyway
        result.append(scores)
    return result


_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def _record_value_spans(text: str) -> list[dict[str, tuple[int, int]]]:
    """Character spans [start, end) of each records[i][key] value: its characters and closing quote.

    A small position-keeping JSON walker: the json module parses but forgets where things were.
    Only called on text that already parsed and matched the schema.
    """
    value, _ = _walk(text, 0)
    spans = []
    for record in value.get("records", []):
        spans.append({key: v for key, v in record.items() if isinstance(v, tuple)})
    return spans


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WHITESPACE:
        i += 1
    return i


def _walk(text: str, i: int) -> tuple[Any, int]:
    """Like json's scanner, but strings become the (start, end) span of their content + closing quote."""
    i = _skip(text, i)
    char = text[i]
    if char == '"':
        _, end = json.decoder.scanstring(text, i + 1)
        return (i + 1, end), end  # after the opening quote, through the closing one
    if char == "{":
        obj: dict[str, Any] = {}
        i = _skip(text, i + 1)
        if text[i] == "}":
            return obj, i + 1
        while True:
            key, i = json.decoder.scanstring(text, _skip(text, i) + 1)
            i = _skip(text, i)  # at ':'
            obj[key], i = _walk(text, i + 1)
            i = _skip(text, i)
            if text[i] == "}":
                return obj, i + 1
            i += 1  # ','
    if char == "[":
        items: list[Any] = []
        i = _skip(text, i + 1)
        if text[i] == "]":
            return items, i + 1
        while True:
            item, i = _walk(text, i)
            items.append(item)
            i = _skip(text, i)
            if text[i] == "]":
                return items, i + 1
            i += 1  # ','
    return _DECODER.raw_decode(text, i)


# --- the keyer ----------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def _shared_client(**kwargs: Any) -> VllmClient:
    """Celery calls get_keyer() per task: reuse one pooled client per configuration."""
    return VllmClient(**kwargs)


class VllmKeyer(Keyer):
    name = "vllm"

    def __init__(self, client: VllmClient, *, model: str, max_pages: int = 4, max_tokens: int = 2048,
                 max_image_tokens: int = 1280):
        self.client = client
        self.model = model
        self.max_pages = max_pages
        self.max_tokens = max_tokens
        self.max_image_tokens = max_image_tokens

    @classmethod
    def from_settings(cls, **overrides: Any) -> "VllmKeyer":
        """Keyer configured from settings.VLLM_*; `overrides` replace single values (tests, bench)."""
        from django.conf import settings

        client_args = {k: v for k, v in overrides.items() if k in _CLIENT_ARGS}
        unknown = set(overrides) - _CLIENT_ARGS - {"model", "max_pages", "max_tokens", "max_image_tokens"}
        if unknown:
            raise TypeError(f"unknown VllmKeyer setting(s): {', '.join(sorted(unknown))}")
        resolved = client_settings(**client_args)
        # A custom transport (tests) is not hashable-stable: give it its own client.
        client = VllmClient(**resolved) if "transport" in resolved else _shared_client(**resolved)
        return cls(
            client,
            model=overrides.get("model", settings.VLLM_MODEL),
            max_pages=overrides.get("max_pages", settings.VLLM_MAX_PAGES),
            max_tokens=overrides.get("max_tokens", settings.VLLM_MAX_TOKENS),
            max_image_tokens=overrides.get("max_image_tokens", settings.VLLM_MAX_IMAGE_TOKENS),
        )

    def key(self, doc: KeyerInput) -> KeyerOutput:
        started = time.monotonic()
        page_count = len(document_pages(doc))
        if page_count > self.max_pages:
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"document has {page_count} pages, the vLLM keyer takes "
                               f"at most {self.max_pages}", retryable=False)
        request = build_request(doc, model=self.model, max_tokens=self.max_tokens,
                                max_image_tokens=self.max_image_tokens)
        result: ChatResult = self.client.chat(request)
        answer = parse_chat_response(doc.spec, result.body, result.text)
        return KeyerOutput(
            records=answer.records,
            keyer=self.name,
            model=self.model,
            prompt_version=doc.spec.prompt_version,
            confidence=answer.confidence,
            raw_response=result.text,
            latency_ms=int((time.monotonic() - started) * 1000),
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            meta={
                "request_format": REQUEST_FORMAT_VERSION,
                "http_ms": result.elapsed_ms,
                "attempts": result.attempts,
                "pages": page_count,
                "max_image_tokens": self.max_image_tokens,
                "response_id": result.body.get("id", ""),
            },
        )
