"""``manage.py bench_local --dataset DIR [--repeat N]``: time per page of the local keyer.

The analyser is loaded once before timing (as a worker process does at its first document);
documents are keyed one after another on one thread, so the figures are for one core, with the
analysis cache emptied before each document (a worker sees each document once). Each
document's time (visible text layer extraction + pipeline) is divided by its page count.
"""
from __future__ import annotations

import time
from pathlib import Path

import pymupdf
from django.core.management.base import BaseCommand, CommandError

from dataentry.doctypes import get_spec
from inference.base import KeyerFailure
from inference.evaluation import percentile
from inference.local import names
from inference.local.pipeline import key_pages
from inference.local.textlayer import pdf_layouts


class Command(BaseCommand):
    help = "Milliseconds per page of the local keyer (text layer + pipeline), p50 and p95, one core."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--type", default="personnel_change")

    def handle(self, *args, **options):
        pdfs = sorted(Path(options["dataset"]).glob("*.pdf"))
        if not pdfs:
            raise CommandError(f"no PDFs in {options['dataset']}")
        spec = get_spec(options["type"])
        started = time.perf_counter()
        names.preload()
        load_ms = (time.perf_counter() - started) * 1000
        per_page: list[float] = []
        extract: list[float] = []
        for _ in range(options["repeat"]):
            for path in pdfs:
                names.tokens.cache_clear()  # every document is new to a worker: no warm analyser cache
                t0 = time.perf_counter()
                with pymupdf.open(path) as pdf:
                    pages = pdf_layouts(pdf)
                t1 = time.perf_counter()
                try:
                    key_pages(pages, spec)
                except KeyerFailure:
                    pass
                t2 = time.perf_counter()
                n = max(1, len(pages))
                per_page.append((t2 - t0) * 1000 / n)
                extract.append((t1 - t0) * 1000 / n)
        self.stdout.write(f"analyser load {load_ms:.0f} ms (once per process)")
        self.stdout.write(f"documents {len(pdfs)} x {options['repeat']}")
        self.stdout.write(f"ms per page  p50 {percentile(per_page, 50):.1f}  p95 {percentile(per_page, 95):.1f}"
                          f"  max {max(per_page):.1f}  (text layer p95 {percentile(extract, 95):.1f})")
