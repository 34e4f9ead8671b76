"""Demo users and sample documents for `make run`. Safe to run twice."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from dataentry import services
from dataentry.models import Document, DocumentType
from dataentry.pdf import PdfRejected

# Demo only: these accounts exist for a local trial and are listed in README.md.
DEMO_PASSWORD = "twomatch-demo"
DEMO_USERS = {
    "operator1": ["operator"],
    "operator2": ["operator"],
    "reviewer1": ["reviewer"],
    "manager1": ["manager"],
}


def shared_samples_dir() -> Path:
    return settings.BASE_DIR.parent / "shared" / "samples" / "personnel_change"


class Command(BaseCommand):
    help = "Create demo users and load sample documents (shared samples when present, plus generated ones)."

    def add_arguments(self, parser):
        parser.add_argument("--no-documents", action="store_true")
        parser.add_argument("--generated", type=int, default=5, help="how many generated sample documents to add")

    def handle(self, *args, no_documents=False, generated=5, **options):
        from dataentry.doctypes import ensure_builtin

        ensure_builtin()
        created = []
        for username, groups in DEMO_USERS.items():
            user, made = User.objects.get_or_create(username=username)
            if made:
                user.set_password(DEMO_PASSWORD)
                user.save()
                created.append(username)
            for name in groups:
                user.groups.add(Group.objects.get(name=name))
        admin, made = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        if made:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
            created.append("admin")
        if created:
            self.stdout.write(f"Demo users created: {', '.join(created)} — password for all (demo only): {DEMO_PASSWORD}")
        if no_documents:
            return
        document_type = DocumentType.objects.get(slug="personnel_change")
        sources: list[Path] = []
        shared = shared_samples_dir()
        if shared.is_dir():
            sources += sorted(shared.glob("*.pdf"))
        if generated:
            from samplegen import LAYOUTS, build_samples

            out = settings.BASE_DIR / "var" / "samples"
            sources += build_samples(out, seed=7, count=generated, forms=LAYOUTS)
        added = 0
        for path in sources:
            try:
                services.document_upload(data=path.read_bytes(), filename=path.name, document_type=document_type)
                added += 1
            except services.DuplicateDocument:
                continue
            except PdfRejected as exc:
                self.stderr.write(f"skipped {path}: {exc}")
        self.stdout.write(f"Sample documents added: {added} (total documents: {Document.objects.count()})")
