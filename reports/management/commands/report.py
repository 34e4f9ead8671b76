"""`python manage.py report --period 2026-11 [--type personnel_change] [--json OUT]`

Prints the managers' report for a period — the same function the /reports/ pages call — and
writes its figures as JSON (`--json -` for standard output) so they can be checked without a browser.
"""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils import timezone

from reports.export import report_json, report_text
from reports.periods import PeriodError, month_period
from reports.selectors import document_type_specs, local_tz, period_from_text, report_for


class Command(BaseCommand):
    help = "Time saved, model accuracy and cost against benefit for a period (month, ISO week, day or range)."

    def add_arguments(self, parser):
        parser.add_argument("--period", default="", help="2026-11, 2026-W48, 2026-11-30 or 2026-11-01..2026-11-15 "
                                                          "(default: this month, in settings.TIME_ZONE)")
        parser.add_argument("--type", default="", dest="document_type", help="document type slug (default: all types)")
        parser.add_argument("--bucket", choices=("day", "week"), default=None, help="trend granularity")
        parser.add_argument("--json", default=None, dest="json_out", help="write the figures as JSON to this file ('-' = stdout)")

    @no_translations  # the text and JSON are read by scripts and docs/reports.md: English, whatever LANGUAGE_CODE says
    def handle(self, *args, period="", document_type="", bucket=None, json_out=None, **options):
        try:
            today = timezone.localtime(timezone.now(), local_tz()).date()
            chosen = period_from_text(period) if period else month_period(today, local_tz())
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        if document_type and document_type not in document_type_specs():
            raise CommandError(f"unknown document type {document_type!r}")
        report = report_for(chosen, document_type, bucket)
        data = json.dumps(report_json(report), ensure_ascii=False, indent=2)
        if json_out == "-":
            self.stdout.write(data)
            return
        self.stdout.write(report_text(report))
        if json_out:
            Path(json_out).write_text(data + "\n", encoding="utf-8")
            self.stdout.write(f"JSON written to {json_out}")
