"""``manage.py evaluate_keyer --keyer textlayer --dataset DIR [--json OUT] [--type personnel_change]``

Scores a machine keyer against a folder of PDFs with same-stem ground-truth JSON, prints a
table (per document, per field and, when the truth names its form, per form) and optionally
writes the JSON report. The scoring lives in inference/evaluation.py.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataentry.doctypes import get_spec
from inference.evaluation import DatasetError, Sample, evaluate, format_report, load_dataset, render_pages_for_eval
from inference.keyers import get_keyer


class Command(BaseCommand):
    help = "Score a machine keyer (local, ocr, textlayer or vllm) against PDFs with ground-truth JSON."
    # Evaluation needs no database and no finished app configuration; do not let an unrelated
    # system-check error stop it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--keyer", required=True, help="keyer name: local, ocr, textlayer or vllm")
        parser.add_argument("--dataset", required=True, type=Path, help="folder of NN.pdf + NN.json")
        parser.add_argument("--json", type=Path, help="write the JSON report to this file")
        parser.add_argument("--type", default="personnel_change", help="document type slug (default personnel_change)")
        parser.add_argument("--dpi", type=int, default=None, help="render resolution (default RENDER_DPI)")
        parser.add_argument(
            "--render", action="store_true",
            help="render page images even for the textlayer keyer (always done for image keyers)",
        )

    def handle(self, *args, **options):
        try:
            spec = get_spec(options["type"])
        except Exception:  # unknown slug: neither in the database nor built in
            raise CommandError(f"unknown document type {options['type']!r}") from None
        try:
            samples, skipped = load_dataset(options["dataset"], spec)
        except DatasetError as exc:
            raise CommandError(str(exc)) from None
        for note in skipped:
            self.stderr.write(f"skipped {note}")
        try:
            keyer = get_keyer(options["keyer"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except ImportError as exc:
            raise CommandError(f"keyer {options['keyer']!r} is not available: {exc}") from None

        # The text-layer keyer reads the PDF itself; image keyers need the pages rendered.
        render = options["render"] or options["keyer"] not in ("textlayer", "ocr", "local")
        dpi = options["dpi"] or settings.RENDER_DPI
        with tempfile.TemporaryDirectory(prefix="twomatch-eval-") as tmp:
            def pages_for(sample: Sample):
                return render_pages_for_eval(sample.pdf_path, Path(tmp) / sample.stem, dpi)

            report = evaluate(keyer, options["keyer"], samples, spec, pages_for=pages_for if render else None)

        self.stdout.write(format_report(report, spec))
        if options["json"]:
            out = Path(options["json"])  # call_command passes strings through untouched
            out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"\nJSON report written to {out}")
