"""The one interface every machine keyer implements.

A keyer gets a `KeyerInput` (the PDF, its rendered pages, the document type spec) and
returns a `KeyerOutput` with one mapping field -> value per person, or raises
`KeyerFailure` with a typed `kind`. Keyers never touch the database: the Celery task in
inference/tasks.py records the outcome.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from dataentry.spec import DocumentTypeSpec


class FailureKind(str, enum.Enum):
    UNAVAILABLE = "unavailable"        # keyer cannot key this document (no text layer, no rules, server down)
    TIMEOUT = "timeout"
    INVALID_OUTPUT = "invalid_output"  # truncated, not JSON, or fails the schema
    SERVER_ERROR = "server_error"      # 5xx
    CLIENT_ERROR = "client_error"      # 4xx: our request is wrong; retrying will not help


RETRYABLE = {FailureKind.TIMEOUT, FailureKind.SERVER_ERROR}


class KeyerFailure(Exception):
    def __init__(self, kind: FailureKind, message: str, *, raw_response: str = "", retryable: bool | None = None):
        super().__init__(f"{kind.value}: {message}")
        self.kind = kind
        self.message = message
        self.raw_response = raw_response
        self.retryable = kind in RETRYABLE if retryable is None else retryable


@dataclass(frozen=True)
class PageInput:
    number: int               # 1-based
    image_path: Path | None   # rendered PNG, None when not rendered
    width: int = 0
    height: int = 0
    text: str = ""            # text layer ("" when the page has none)


@dataclass(frozen=True)
class KeyerInput:
    pdf_path: Path
    spec: DocumentTypeSpec
    pages: tuple[PageInput, ...] = ()
    document_id: int | None = None


@dataclass
class KeyerOutput:
    records: list[dict[str, str]]
    keyer: str
    model: str = ""
    prompt_version: str = ""
    # Per record, per field: probability in [0, 1] that the value is what the model meant; None if unknown.
    confidence: list[dict[str, float]] | None = None
    raw_response: str = ""
    latency_ms: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    meta: dict = field(default_factory=dict)


class Keyer:
    """Base class; subclasses set `name` and implement `key`."""

    name = "base"

    def key(self, doc: KeyerInput) -> KeyerOutput:  # pragma: no cover - interface
        raise NotImplementedError
