"""The audit history (issue 6, point 13): every kind of action writes a row with who, when, from, to;
nothing in the application can change or remove a row afterwards (and on PostgreSQL, nothing at
all: a trigger refuses UPDATE and DELETE, migration dataentry 0004)."""
from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent
from dataentry.sweeper import sweep
from review import services as review_services
from tests.conftest import uses_postgres

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def full_story(client, people, generated_samples, settings):
    """Upload, render, machine keying, claim, release, claim again, submit, compare, review, export, sweep."""
    doc_type = DocumentType.objects.get(slug="personnel_change")
    manager, op, reviewer = people["manager1"], people["operator1"], people["reviewer1"]
    doc = services.document_upload(data=generated_samples[0].read_bytes(), filename="story.pdf",
                                   document_type=doc_type, uploaded_by=manager)
    entry = services.keying_claim_next(operator=op)
    client.force_login(manager)
    client.post(reverse("release_claim", args=[doc.pk]), {"reason": "operator went home", "holder": op.pk})
    entry = services.keying_claim_next(operator=op)
    records = [dict(r) for r in doc.entries.get(source=Entry.Source.MACHINE).records]
    records[0]["new_post"] += "（兼務）"
    services.entry_submit(entry_id=entry.pk, operator=op, records=records, version=entry.version)
    task = review_services.review_claim_next(reviewer=reviewer)
    review_services.review_submit(task_id=task.pk, reviewer=reviewer, decisions={"0": {"choice": "first"}},
                                  version=task.version)
    client.get(reverse("results_export", args=["csv"]))
    settings.SWEEPER_STALE_SECONDS = 1
    stuck = services.document_upload(data=generated_samples[1].read_bytes(), filename="stuck.pdf",
                                     document_type=doc_type, uploaded_by=manager)
    Document.objects.filter(pk=stuck.pk).update(status=Document.Status.RECEIVED, last_enqueued_at=None)
    sweep()
    return {"doc": doc, "manager": manager, "op": op, "reviewer": reviewer}


def test_every_kind_of_action_writes_a_history_row_with_its_actor(full_story):
    doc = full_story["doc"]
    rows = list(HistoryEvent.objects.all())
    kinds = {row.kind for row in rows}
    expected = {"upload", "render", "status", "machine", "claim", "release", "submit", "compare", "review",
                "export", "enqueue"}
    assert expected <= kinds, f"missing: {expected - kinds}"
    by_kind = {kind: [r for r in rows if r.kind == kind and r.document_id in (doc.pk, None)] for kind in expected}
    assert by_kind["upload"][0].actor == full_story["manager"]
    assert by_kind["release"][0].actor == full_story["manager"] and by_kind["release"][0].note == "operator went home"
    assert {r.actor for r in by_kind["claim"]} == {full_story["op"], full_story["reviewer"]}
    assert by_kind["submit"][0].actor == full_story["op"]
    assert by_kind["review"][0].actor == full_story["reviewer"]
    assert by_kind["export"][0].actor == full_story["manager"]
    transitions = [(r.from_status, r.to_status) for r in by_kind["status"]]
    assert transitions == [("received", "keying"), ("keying", "in_review"), ("in_review", "accepted")]
    assert all(r.at is not None for r in rows)


def test_the_application_cannot_change_or_remove_history(full_story):
    event = HistoryEvent.objects.filter(document=full_story["doc"]).first()
    count = HistoryEvent.objects.count()
    event.note = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        HistoryEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(PermissionError):
        HistoryEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        HistoryEvent.objects.bulk_update([event], ["note"])
    with pytest.raises(Exception):  # PROTECT: a document with history cannot be deleted either
        full_story["doc"].delete()
    assert HistoryEvent.objects.count() == count
    assert HistoryEvent.objects.get(pk=event.pk).note != "rewritten"


def test_postgresql_refuses_update_and_delete_of_history_even_in_raw_sql(full_story):
    if not uses_postgres():
        pytest.skip("the trigger exists on PostgreSQL only (SQLite is the embedded demo)")
    event = HistoryEvent.objects.filter(document=full_story["doc"]).first()
    table = HistoryEvent._meta.db_table
    for sql in (f"UPDATE {table} SET note = 'rewritten' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert HistoryEvent.objects.get(pk=event.pk).note == event.note
    # Appending still works.
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (at, kind, from_status, to_status, note, data) "
                       "VALUES (now(), 'audit', '', '', 'appended', '{}')")
    assert HistoryEvent.objects.filter(note="appended").exists()
