"""``manage.py bench_ocr --dataset var/scanset [--engines tesseract,rapidocr] [--profiles clean,fax]``

The figures behind the choice of OCR engine (docs/keyer.md, "OCR"), per engine and scan profile:

* character accuracy: 1 - edit distance / length between the engine's text and the printed text
  of the born-digital original (``NN.txt`` beside each scan; whitespace ignored, NFKC);
* field accuracy: the local pipeline keys the engine's words; scored like ``evaluate_keyer``;
* seconds per page: OCR of one page on one core (p50 / p95), rendering included.

Write the corpus first: ``make scanset``. RapidOCR is measured only if installed
(requirements-dev.txt).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pymupdf
from django.core.management.base import BaseCommand, CommandError

from dataentry.doctypes import get_spec
from inference.base import KeyerFailure
from inference.evaluation import DatasetError, load_dataset, percentile, score_documents
from inference.local.geometry import page_lines
from inference.local.pipeline import key_pages
from jptext import squeeze


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _engines(names: list[str]) -> dict:
    engines = {}
    for name in names:
        if name == "tesseract":
            from inference.local.ocr import ocr_page, ocr_unavailable

            if ocr_unavailable():
                raise CommandError(ocr_unavailable())
            engines[name] = ocr_page
        elif name == "rapidocr":
            try:
                import rapidocr_onnxruntime  # noqa: F401
            except ImportError:
                raise CommandError("rapidocr is not installed (pip install -r requirements-dev.txt)") from None
            from inference.local.ocr_rapid import ocr_page_rapid

            engines[name] = ocr_page_rapid
        else:
            raise CommandError(f"unknown engine {name!r} (tesseract, rapidocr)")
    return engines


class Command(BaseCommand):
    help = "Character accuracy, field accuracy and seconds per page of each OCR engine on the scanned corpus."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True, type=Path, help="the scanned corpus (make scanset)")
        parser.add_argument("--engines", default="tesseract,rapidocr")
        parser.add_argument("--profiles", default="clean,fax")
        parser.add_argument("--limit", type=int, default=0, help="documents per profile (0 = all)")

    def handle(self, *args, **options):
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        spec = get_spec("personnel_change")
        engines = _engines([e.strip() for e in options["engines"].split(",") if e.strip()])
        rows = []
        for profile in [p.strip() for p in options["profiles"].split(",") if p.strip()]:
            try:
                samples, _skipped = load_dataset(options["dataset"] / profile, spec)
            except DatasetError as exc:
                raise CommandError(f"{exc} (write the corpus with `make scanset`)") from None
            if options["limit"]:
                samples = samples[:options["limit"]]
            for engine, read in engines.items():
                chars_ok = chars_total = 0
                seconds: list[float] = []
                results = []
                for sample in samples:
                    with pymupdf.open(sample.pdf_path) as pdf:
                        pages = []
                        for page in pdf:
                            t0 = time.perf_counter()
                            pages.append(read(page))
                            seconds.append(time.perf_counter() - t0)
                    printed = sample.pdf_path.with_suffix(".txt")
                    if printed.exists():
                        truth_text = squeeze(printed.read_text(encoding="utf-8"))
                        # in reading order (lines top to bottom), as the printed text runs
                        read_text = squeeze("".join(ln.text for p in pages for ln in page_lines(p)))
                        chars_total += len(truth_text)
                        chars_ok += max(0, len(truth_text) - edit_distance(read_text, truth_text))
                    try:
                        keyed = key_pages(pages, spec).records
                    except KeyerFailure:
                        keyed = None
                    results.append((sample.truth, keyed))
                score = score_documents(results, spec)
                rows.append((engine, profile, len(samples), chars_ok / chars_total if chars_total else None,
                             score["overall_field_accuracy"], percentile(seconds, 50), percentile(seconds, 95)))
                self.stderr.write(f"{engine} {profile} done")
        self.stdout.write(f"{'engine':<10} {'profile':<8} {'docs':>4}  {'char acc':>8}  {'field acc':>9}  "
                          f"{'s/page p50':>10}  {'p95':>6}")
        for engine, profile, n, chars, fields, p50, p95 in rows:
            c = f"{chars:.3f}" if chars is not None else "-"
            self.stdout.write(f"{engine:<10} {profile:<8} {n:>4}  {c:>8}  {fields:>9.3f}  {p50:>10.2f}  {p95:>6.2f}")
