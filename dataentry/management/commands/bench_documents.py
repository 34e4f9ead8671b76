"""How fast the managers' documents list answers on many documents (issue 14).

Creates --rows documents inside a transaction, times each filter of the list (the same selector,
paginator and template as the page: count, one page of 50, rendered), prints the figures, and
rolls everything back: the database is left as it was. Run it against the production database
engine (DATABASE_URL) for figures that mean something there.

    python manage.py bench_documents --rows 100000
"""
from __future__ import annotations

import statistics
import time
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dataentry import selectors
from dataentry.models import Document, DocumentType


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the managers' documents list on many documents (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, rows: int, repeat: int, **options):
        try:
            with transaction.atomic():
                self._run(rows, repeat)
                raise _Rollback
        except _Rollback:
            self.stdout.write("(all benchmark rows rolled back)")

    def _run(self, rows: int, repeat: int) -> None:
        from dataentry.doctypes import ensure_builtin

        ensure_builtin()
        doc_type = DocumentType.objects.get(slug="personnel_change")
        holder, _ = User.objects.get_or_create(username="bench-holder")
        statuses = [Document.Status.KEYING] * 3 + [Document.Status.ACCEPTED] * 6 + [Document.Status.IN_REVIEW]
        now = timezone.now()
        started = time.perf_counter()
        batch = []
        for i in range(rows):
            held = i % 997 == 0
            batch.append(Document(
                document_type=doc_type, sha256=f"bench{i:059x}", original="originals/bench.pdf",
                filename=f"jinji-{i:06d}.pdf", status=statuses[i % len(statuses)], external_ref=f"EXT-{i:06d}",
                created_at=now - timedelta(minutes=i * 3), priority=i % 3,
                lease_holder=holder if held else None, lease_expires_at=now + timedelta(minutes=30) if held else None,
            ))
            if len(batch) == 5000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # planner statistics, as autovacuum would have them
                cursor.execute(f"ANALYZE {Document._meta.db_table}")
        self.stdout.write(f"{rows:,} documents created in {time.perf_counter() - started:.1f} s "
                          f"({connection.vendor})")
        day = timezone.localdate() - timedelta(days=30)
        cases = {
            "no filter, first page": ({}, 1),
            "no filter, page 1000": ({}, 1000),
            "status=in_review": ({"status": "in_review"}, 1),
            "uploaded one day, 30 days ago": ({"uploaded_from": day, "uploaded_to": day}, 1),
            "file name contains '0421'": ({"filename": "0421"}, 1),
            "external reference": ({"external_ref": f"EXT-{rows // 2:06d}"}, 1),
            "held by a user": ({"holder": "bench-holder"}, 1),
            "status + type + upload range": ({"status": "accepted", "document_type": doc_type,
                                              "uploaded_from": day - timedelta(days=60), "uploaded_to": day}, 1),
        }
        self.stdout.write(f"{'case':34} {'matches':>8} {'queries':>7} {'median ms':>10} {'max ms':>8}  SQL ms (last run)")
        for name, (filters, number) in cases.items():
            times, queries, matches = [], 0, 0
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    page = Paginator(selectors.documents_filtered(**filters), 50).get_page(number)
                    render_to_string("dataentry/_documents_table.html", {
                        "page": page, "documents": selectors.with_review_holders(page.object_list), "query": "", "now_ts": timezone.now()})
                    times.append((time.perf_counter() - t0) * 1000)
                queries, matches = len(captured), page.paginator.count
                sql = " + ".join(f"{float(q['time']) * 1000:.0f}" for q in captured.captured_queries)
            self.stdout.write(f"{name:34} {matches:>8,} {queries:>7} {statistics.median(times):>10.1f} {max(times):>8.1f}  {sql}")
