"""The one place the simulator reaches the sample generator.

The generator is moving from `dataentry/samplegen.py` to a top-level `samplegen/` package; both
spellings are tried here, so only this file changes if its interface does."""
from __future__ import annotations

try:  # the generator's new home
    from samplegen import build_document as _build_document  # type: ignore[import-not-found]
except ImportError:  # until then
    from dataentry.samplegen import build_document as _build_document


def generated_document(seed: int, index: int) -> tuple[bytes, list[dict[str, str]]]:
    """(PDF bytes, ground-truth records) of the generator's document `index` for `seed`."""
    _layout, pdf, truth, _pages = _build_document(seed, index)
    return pdf, [dict(r) for r in truth["records"]]
