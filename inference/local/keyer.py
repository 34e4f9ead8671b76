"""The local keyers: words with positions from the text layer and/or OCR, keyed by the local pipeline.

* ``textlayer``: the PDF's visible text layer only (a page without one: unavailable);
* ``ocr``: every page read by OCR, whatever its text layer says;
* ``local``: the text layer where a page has one, OCR where not (the default machine keyer).

Per-field confidences come from the pipeline; on OCR'd pages they are capped by the
engine's character confidences of the words the value was read from (pipeline/assembly).
"""
from __future__ import annotations

import time

import pymupdf

from inference.base import FailureKind, Keyer, KeyerFailure, KeyerInput, KeyerOutput
from inference.layout import PageLayout
from inference.local.pipeline import key_pages
from inference.local.textlayer import page_layout


class TextLayerKeyer(Keyer):
    name = "textlayer"
    use_text = True
    use_ocr = False

    def _page(self, page: pymupdf.Page) -> PageLayout:
        layout = page_layout(page) if self.use_text else None
        if layout is not None and layout.words:
            return layout
        if not self.use_ocr:
            return layout
        from inference.local.ocr import ocr_page_cached, ocr_unavailable

        reason = ocr_unavailable()
        if reason:
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {page.number + 1} has no text layer; {reason}")
        return ocr_page_cached(page, refresh=True)

    def key(self, doc: KeyerInput) -> KeyerOutput:
        started = time.monotonic()
        if doc.spec.slug != "personnel_change":
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"no text-layer rules for document type {doc.spec.slug!r}")
        try:
            with pymupdf.open(doc.pdf_path) as pdf:
                pages = [self._page(page) for page in pdf]
        except KeyerFailure:
            raise
        except Exception as exc:  # the upload checks make this rare; the worker must not crash on it
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"cannot read the pages: {exc!r}") from exc
        if not any(p.words for p in pages):
            empty = next((p.number for p in pages if not p.words), 1)
            what = "no text layer" if not self.use_ocr else "no text the OCR could read"
            raise KeyerFailure(FailureKind.UNAVAILABLE, f"page {empty} has {what}")
        out = key_pages(pages, doc.spec)
        if out.confidence and any(p.source == "ocr" for p in pages):
            from inference.local.ocr import cap_confidence

            out.confidence = cap_confidence(out.records, out.confidence, pages)
        out.keyer = self.name
        out.latency_ms = int((time.monotonic() - started) * 1000)
        return out


class OcrKeyer(TextLayerKeyer):
    name = "ocr"
    use_text = False
    use_ocr = True


class LocalKeyer(TextLayerKeyer):
    name = "local"
    use_text = True
    use_ocr = True
