"""``manage.py export_training_data --out DIR [--since DATE] [--type SLUG] [--val-fraction 0.1] [--seed 0] [--format qwen-vl]``

Writes the fine-tuning export of accepted results (format: learning/training.py, docs/learning.md):
DIR/images/, DIR/train.jsonl, DIR/val.jsonl, DIR/val_eval/ (for evaluate_keyer) and DIR/manifest.json.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dataentry.models import DocumentType, HistoryEvent, history_add
from learning.training import FORMATS, ExportError, ExportOptions, write_export


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since takes a date YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = "Export accepted results as Qwen2.5-VL fine-tuning data (messages + images JSONL, train/val split)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="output folder (new or empty)")
        parser.add_argument("--since", type=_date, help="only results accepted on or after this date (YYYY-MM-DD)")
        parser.add_argument("--type", dest="type_slug", help="only this document type (slug); default all types")
        parser.add_argument("--val-fraction", type=float, default=0.1, help="share of documents for validation")
        parser.add_argument("--seed", type=int, default=0, help="split seed (the split is deterministic per seed)")
        parser.add_argument("--format", dest="fmt", default="qwen-vl", choices=FORMATS)

    def handle(self, *args, **options):
        if options["type_slug"] and not DocumentType.objects.filter(slug=options["type_slug"]).exists():
            raise CommandError(f"unknown document type {options['type_slug']!r}")
        export = ExportOptions(since=options["since"], type_slug=options["type_slug"],
                               val_fraction=options["val_fraction"], seed=options["seed"], fmt=options["fmt"])
        try:
            manifest = write_export(options["out"], export)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        history_add(kind=HistoryEvent.Kind.EXPORT, note="training data export (command line)",
                    data={"kind": "training", "out": str(options["out"]), **export.as_params(),
                          "counts": manifest["counts"]})
        counts = manifest["counts"]
        self.stdout.write(
            f"{counts['documents']} documents -> {options['out']}: train {counts['train']}, val {counts['val']}; "
            f"machine right {counts['machine_right']}, wrong {counts['machine_wrong']}, "
            f"no machine answer {counts['machine_none']}; skipped {counts['skipped']}"
        )
        for skip in manifest["skipped"]:
            self.stderr.write(f"skipped document {skip['document_id']}: {skip['reason']}")
