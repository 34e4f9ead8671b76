from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dataentry import services
from dataentry.models import DocumentType
from dataentry.pdf import EXTENSIONS, PdfRejected


def pdf_paths(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in EXTENSIONS))
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = ("Upload PDF, PNG, JPEG or TIFF files (or folders of them) as documents; prints one line per file. "
            "In a folder the suffix picks the files; the content decides how each is read.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--type", default="personnel_change", help="document type slug")

    def handle(self, *args, paths, type, **options):
        try:
            document_type = DocumentType.objects.get(slug=type)
        except DocumentType.DoesNotExist:
            raise CommandError(f"unknown document type {type!r}") from None
        failures = 0
        for path in pdf_paths(paths):
            try:
                data = path.read_bytes()
                doc = services.document_upload(data=data, filename=path.name, document_type=document_type)
            except (OSError, PdfRejected, services.DuplicateDocument) as exc:
                failures += 1
                self.stdout.write(f"ERROR {path}: {exc}")
                continue
            doc.refresh_from_db()
            self.stdout.write(f"{doc.pk}\t{doc.status}\t{path}")
        if failures:
            self.stderr.write(f"{failures} file(s) not ingested")
