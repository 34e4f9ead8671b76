"""The one claim module (issue 13): who holds work, since when, and who may free it."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dataentry import services
from dataentry.models import Document, HistoryEvent
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import REPO, make_user
from tests.test_architecture import app_sources
from tests.test_faults_claims import RECORD, bulk_documents

pytestmark = pytest.mark.django_db


def _expire(model, pk: int) -> None:
    model.objects.filter(pk=pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))


def test_a_review_taken_over_is_claimed_at_the_moment_of_the_take_over(people):
    [doc_id] = bulk_documents(1)
    entry = services.keying_claim_next(operator=people["operator1"])
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[dict(RECORD, new_post="課長")],
                          version=entry.version)
    first, second = people["reviewer1"], make_user("reviewer2", "reviewer")
    task = review_services.review_claim_next(reviewer=first)
    long_ago = timezone.now() - timedelta(hours=2)
    ReviewTask.objects.filter(pk=task.pk).update(claimed_at=long_ago, lease_expires_at=long_ago)

    again = review_services.review_claim(reviewer=first, task_id=task.pk)
    assert again.claimed_at == long_ago, "claiming one's own review again keeps when it was first claimed"

    _expire(ReviewTask, task.pk)
    taken = review_services.review_claim_next(reviewer=second)
    assert taken.pk == task.pk and taken.reviewer_id == second.pk
    assert taken.claimed_at > timezone.now() - timedelta(minutes=1), "the new reviewer's claim starts now"


def test_a_manager_cannot_free_a_claim_another_operator_took_since_the_page_was_loaded(client, people):
    [doc_id] = bulk_documents(1)
    first, second = people["operator1"], people["operator2"]
    services.keying_claim_next(operator=first)
    client.force_login(people["manager1"])
    page = client.get(reverse("queues")).content.decode()
    assert re.search(rf'name="holder" value="{first.pk}"', page), "the release button names the holder shown"

    _expire(Document, doc_id)
    theirs = services.keying_claim_next(operator=second)
    assert theirs.document_id == doc_id
    answer = client.post(reverse("release_claim", args=[doc_id]), {"holder": first.pk, "reason": "stuck"}, follow=True)
    assert "取得した人が変わったため、解放しませんでした" in answer.content.decode(), "the refusal, in Japanese"
    doc = Document.objects.get(pk=doc_id)
    assert doc.lease_holder_id == second.pk and doc.lease_expires_at > timezone.now()
    assert not HistoryEvent.objects.filter(kind=HistoryEvent.Kind.RELEASE).exists()

    client.post(reverse("release_claim", args=[doc_id]), {"holder": second.pk, "reason": "stuck"})
    doc.refresh_from_db()
    assert doc.lease_holder_id is None
    released = HistoryEvent.objects.get(kind=HistoryEvent.Kind.RELEASE)
    assert released.data == {"holder": second.pk} and released.actor == people["manager1"]


def test_an_operator_giving_back_a_document_claimed_ahead_cannot_free_someone_elses(people):
    [doc_id] = bulk_documents(1)
    services.keying_claim_next(operator=people["operator2"])
    with translation.override("en"), pytest.raises(services.WorkflowError, match="changed hands"):
        services.keying_release(document_id=doc_id, expected_holder_id=people["operator1"].pk,
                                actor=people["operator1"], reason="claimed ahead; operator stopped")
    assert Document.objects.get(pk=doc_id).lease_holder_id == people["operator2"].pk


def test_claims_are_taken_with_skip_locked_in_the_claim_module_only():
    users = sorted(str(path.relative_to(REPO)) for path in app_sources()
                   if "skip_locked" in path.read_text(encoding="utf-8"))
    assert users == ["dataentry/claims.py"]


def test_asking_for_the_next_document_gives_back_the_one_already_held_even_expired_and_never_finished_work(people):
    """claim_next looks up what the person holds before building the tier of their own work (issue 16)."""
    bulk_documents(3)
    operator = people["operator1"]
    first = services.keying_claim_next(operator=operator)
    assert services.keying_claim_next(operator=operator).pk == first.pk
    _expire(Document, first.document_id)
    again = services.keying_claim_next(operator=operator)
    assert again.pk == first.pk and again.version == first.version  # the draft is theirs to continue
    services.entry_submit(entry_id=first.pk, operator=operator, records=[RECORD], version=first.version)
    second = services.keying_claim_next(operator=operator)
    assert second.document_id != first.document_id
    assert HistoryEvent.objects.filter(kind=HistoryEvent.Kind.CLAIM, document_id=first.document_id).count() == 3


def test_it_keeps_an_operators_claim_alive_while_autosaves_come_but_writes_it_at_most_once_a_minute(people):
    [doc_id] = bulk_documents(1)
    entry = services.keying_claim_next(operator=people["operator1"])
    # The claim was taken two minutes ago: the first save moves the lease to 30 minutes from now.
    Document.objects.filter(pk=doc_id).update(lease_expires_at=timezone.now() + timedelta(minutes=28))
    saved = services.draft_save(entry_id=entry.pk, operator=people["operator1"], records=[RECORD], version=entry.version)
    renewed = Document.objects.get(pk=doc_id).lease_expires_at
    assert saved.lease_ok and renewed > timezone.now() + timedelta(minutes=29, seconds=50)
    # Seconds later the next save keeps it (an autosave comes every few seconds of typing).
    again = services.draft_save(entry_id=entry.pk, operator=people["operator1"], records=[RECORD],
                                version=saved.entry.version)
    assert again.lease_ok and Document.objects.get(pk=doc_id).lease_expires_at == renewed
    # An expired claim is not revived by a save.
    _expire(Document, doc_id)
    late = services.draft_save(entry_id=entry.pk, operator=people["operator1"], records=[RECORD],
                               version=again.entry.version)
    assert not late.lease_ok and Document.objects.get(pk=doc_id).lease_expires_at < timezone.now()


def test_an_autosave_keeps_only_the_types_fields_and_refuses_another_operators_keying(client, people):
    bulk_documents(2)
    mine = services.keying_claim_next(operator=people["operator1"])
    theirs = services.keying_claim_next(operator=people["operator2"])
    client.force_login(people["operator1"])
    post = {"version": mine.version, "action": "save", "rows": 2, "r0-family_name": "山田", "r0-smuggled": "x",
            "r1-given_name": "花子", "r7-family_name": "beyond the rows"}
    assert client.post(reverse("keying", args=[mine.pk]), post, HTTP_HX_REQUEST="true").status_code == 200
    mine.refresh_from_db()
    assert [r["family_name"] for r in mine.records] == ["山田", ""] and [r["given_name"] for r in mine.records] == ["", "花子"]
    assert "smuggled" not in mine.records[0]
    refused = client.post(reverse("keying", args=[theirs.pk]), dict(post, version=theirs.version), HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    before = theirs.version
    theirs.refresh_from_db()
    assert theirs.version == before and "山田" not in str(theirs.records)
