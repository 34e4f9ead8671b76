"""TwoMatch's generator of synthetic personnel-change announcements (人事異動のお知らせ): a tool, not workflow.

`build_samples` writes `NN.pdf` with a real text layer plus `NN.json`, the exact ground truth in
the format of samples/README.md with the name of the form that printed it (`"form"`). The
development forms live in `samplegen/forms`; the held-out forms, with their own vocabulary and
seed namespace, in `samplegen/heldout` (never look at those while writing keyer rules).

Run: `python -m samplegen OUT_DIR [--seed N] [--count N] [--forms all|classic|NAME,...]`
(no Django needed).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from samplegen.core import DOCUMENT_TYPE, FormSet, norm_text, run_cli, scanned_pdf
from samplegen.forms import CLASSIC, FORMS
from samplegen.vocab import DEV

LAYOUTS: tuple[str, ...] = CLASSIC  # the five layouts of ../shared/samples
DEV_FORMS: tuple[str, ...] = tuple(FORMS)
GROUPS = {"classic": CLASSIC}
DEV_SET = FormSet(namespace="twomatch-samplegen", vocab=DEV, forms=FORMS)

__all__ = ["DEV_FORMS", "DOCUMENT_TYPE", "LAYOUTS", "build_document", "build_samples", "build_scanned_sample",
           "norm_text"]


def build_document(seed: int, index: int, *, forms: Sequence[str] | None = None) -> tuple[str, bytes, dict, int]:
    """One document: (form, PDF bytes, ground truth, pages). `index` is 0-based and cycles
    through `forms` (default: every development form)."""
    return DEV_SET.build_document(seed, index, forms)


def build_samples(out_dir: Path, *, seed: int = 0, count: int = 10, forms: Sequence[str] | None = None) -> list[Path]:
    """Write NN.pdf + NN.json (+ manifest.csv) to out_dir; returns the PDF paths in order."""
    return DEV_SET.build_samples(out_dir, seed=seed, count=count, names=forms)


def build_scanned_sample(out_path: Path, *, seed: int = 0) -> Path:
    """A one-page PDF whose page is only an image (a 'scan'): no text layer at all."""
    _form, pdf, _truth, _pages = build_document(seed, 0)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(scanned_pdf(pdf))
    return out_path


def main(argv: list[str] | None = None) -> None:
    run_cli(DEV_SET, GROUPS, default_seed=0, prog="python -m samplegen", argv=argv,
            scanned=lambda path, seed: build_scanned_sample(path, seed=seed))
