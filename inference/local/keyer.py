"""The `textlayer` keyer: the PDF's visible text layer, keyed by the local pipeline."""
from __future__ import annotations

import time

import pymupdf

from inference.base import FailureKind, Keyer, KeyerFailure, KeyerInput, KeyerOutput
from inference.local.pipeline import key_pages
from inference.local.textlayer import pdf_layouts


class TextLayerKeyer(Keyer):
    name = "textlayer"

    def key(self, doc: KeyerInput) -> KeyerOutput:
        started = time.monotonic()
        if doc.spec.slug != "personnel_change":
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"no text-layer rules for document type {doc.spec.slug!r}")
        try:
            with pymupdf.open(doc.pdf_path) as pdf:
                pages = pdf_layouts(pdf)
        except Exception as exc:  # the upload checks make this rare; the worker must not crash on it
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"cannot read the text layer: {exc!r}") from exc
        if not any(p.words for p in pages):
            empty = next((p.number for p in pages if not p.words), 1)
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {empty} has no text layer")
        out = key_pages(pages, doc.spec)
        out.keyer = self.name
        out.latency_ms = int((time.monotonic() - started) * 1000)
        return out
