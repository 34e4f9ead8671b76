"""Build the OCR name step's tables into OCR_MODEL_DIR (`make ocr-models`, the image build): see
`inference/local/ocr_tables.py`. Safe to run again: it skips tables that are there."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from inference.local import ocr_tables


class Command(BaseCommand):
    help = "Build the OCR name step's tables (person-name pairs, name kanji shapes) into OCR_MODEL_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="build them again even when they are there")

    def handle(self, *args, force: bool = False, **options):
        if not force and ocr_tables.person_pairs() is not None and ocr_tables.name_shapes() is not None:
            self.stdout.write("OCR tables already built")
            return
        started = time.monotonic()
        for path in ocr_tables.build():
            self.stdout.write(f"{path} ({path.stat().st_size} bytes)")
        self.stdout.write(f"built in {time.monotonic() - started:.1f} s")
