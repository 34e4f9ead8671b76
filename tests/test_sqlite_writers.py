"""Two writers at once on the embedded database (issue 12: HTTP 500 "database is locked" when a
prefetch claim and an autosave arrived in the same second under `make run`).

Each writer does what a request does: read inside its transaction, then write. On SQLite with
deferred transactions both take a read lock, and the second one to write is refused at once
("database is locked": SQLite does not wait when waiting could deadlock). With
`transaction_mode="IMMEDIATE"` the second transaction waits for the first at BEGIN instead.
The same test runs on PostgreSQL, where it must pass as well.
"""
from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, lease_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_autosave_and_a_claim_in_the_same_moment_both_succeed(people, generated_samples):
    doc_type = DocumentType.objects.get(slug="personnel_change")
    for pdf in generated_samples[:2]:
        services.document_upload(data=pdf.read_bytes(), filename=pdf.name, document_type=doc_type)
    entry = services.keying_claim_next(operator=people["operator1"])
    records = entry.document.entries.get(source=Entry.Source.MACHINE).records
    other = Document.objects.exclude(pk=entry.document_id).get()
    both_read = threading.Barrier(2, timeout=1.0)
    errors: list[BaseException] = []

    def in_request(work):
        try:
            with transaction.atomic():
                Document.objects.filter(status=Document.Status.KEYING).count()  # the request reads first
                try:
                    both_read.wait()  # ... and now the other one has read too (or is waiting for us)
                except threading.BrokenBarrierError:
                    pass
                work()
        except BaseException as exc:  # noqa: BLE001 - collected and reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    # What the autosave and the claim write (the services open durable transactions of their own,
    # so the request's read-then-write is spelled out here with the same rows).
    def autosave():
        Entry.objects.filter(pk=entry.pk, version=entry.version).update(version=F("version") + 1, records=records)

    def prefetch_claim():
        Document.objects.filter(pk=other.pk, lease_holder__isnull=True).update(
            lease_holder=people["operator2"], lease_expires_at=lease_until())

    threads = [threading.Thread(target=in_request, args=(work,)) for work in (autosave, prefetch_claim)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, f"a writer failed: {errors[0]!r}"
    assert Entry.objects.get(pk=entry.pk).version == entry.version + 1
    assert Document.objects.get(pk=other.pk).lease_holder == people["operator2"]
    if connection.vendor == "sqlite":  # the embedded database's settings behind the above
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
