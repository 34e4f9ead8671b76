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
# Demo documents wait behind real ones (issue 14) and are marked so they can be withdrawn later.
DEMO_PRIORITY = -10
DEMO_REF = "seed_demo"
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
        parser.add_argument("--withdraw-documents", action="store_true",
                            help="withdraw every demo document not yet accepted (they leave all queues; history stays)")

    def handle(self, *args, no_documents=False, generated=5, withdraw_documents=False, **options):
        from dataentry.doctypes import ensure_builtin

        if withdraw_documents:
            self._withdraw()
            return

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
                services.document_upload(data=path.read_bytes(), filename=path.name, document_type=document_type,
                                         priority=DEMO_PRIORITY, external_ref=DEMO_REF)
                added += 1
            except services.DuplicateDocument:
                continue
            except PdfRejected as exc:
                self.stderr.write(f"skipped {path}: {exc}")
        self.stdout.write(f"Sample documents added: {added} (total documents: {Document.objects.count()})")

    def _withdraw(self) -> None:
        withdrawn = 0
        open_statuses = [s for s, targets in Document.TRANSITIONS.items() if Document.Status.WITHDRAWN in targets]
        for doc_id in Document.objects.filter(external_ref=DEMO_REF, status__in=open_statuses).values_list("pk", flat=True):
            services.document_withdraw(document_id=doc_id, actor=None, reason="demo document removed (seed_demo --withdraw-documents)")
            withdrawn += 1
        self.stdout.write(f"Demo documents withdrawn: {withdrawn}")
