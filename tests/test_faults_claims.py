"""Concurrent claims and stale edits (issue 6, points 6 and 7).

Several operating-system processes claim hundreds of documents at the same moment from PostgreSQL
(`select_for_update(skip_locked=True)`): every document must be claimed by exactly one operator.
Expired leases, stale submits, and two tabs or two reviewers on one review are checked through
the services and the views.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import REPO, make_user, uses_postgres
from tests.test_faults_support import process_env

pytestmark = pytest.mark.django_db(transaction=True)

RECORD = {"effective_date": "2025-04-01", "family_name": "佐藤", "given_name": "一郎", "company": "テスト株式会社",
          "family_name_kana": "さとう", "given_name_kana": "いちろう", "new_post": "部長", "old_post": "次長"}

CLAIMER = textwrap.dedent("""
    import json, os, sys, time
    import django
    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from dataentry import services

    operator = User.objects.get(username=sys.argv[1])
    record = json.loads(sys.argv[2])
    open(sys.argv[3] + "." + sys.argv[1], "w").close()  # ready
    while not os.path.exists(sys.argv[3]):  # start together
        time.sleep(0.005)
    claimed, refused = [], []
    while True:
        entry = services.keying_claim_next(operator=operator)
        if entry is None:
            break
        claimed.append(entry.document_id)
        try:
            services.entry_submit(entry_id=entry.pk, operator=operator, records=[record], version=entry.version)
        except services.WorkflowError as exc:  # someone else holds "my" document: a double claim
            refused.append([entry.document_id, str(exc)[:80]])
    connection.close()
    print(json.dumps({"claimed": claimed, "refused": refused}))
""")


def bulk_documents(count: int) -> list[int]:
    """Rendered, machine-keyed documents created directly (no PDF work): only the claim is under test."""
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    doc_type = DocumentType.objects.get(slug="personnel_change")
    now = timezone.now()
    docs = Document.objects.bulk_create([
        Document(document_type=doc_type, sha256=f"{i:064x}", original="originals/fake.pdf", filename=f"bulk{i}.pdf",
                 page_count=1, status=Document.Status.KEYING, machine_state=Document.MachineState.DONE,
                 created_at=now + timedelta(microseconds=i))
        for i in range(count)
    ])
    Entry.objects.bulk_create([
        Entry(document=d, source=Entry.Source.MACHINE, state=Entry.State.SUBMITTED, records=[RECORD], keyer="test")
        for d in docs
    ])
    return [d.pk for d in docs]


def test_operators_in_several_processes_claim_every_document_exactly_once(settings, tmp_path):
    if not uses_postgres():
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL: SQLite has no SELECT ... FOR UPDATE SKIP LOCKED")
    ids = bulk_documents(240)
    operators = [make_user(f"claimer{i}", "operator").username for i in range(6)]
    go = tmp_path / "go"
    env = process_env(settings.MEDIA_ROOT, "", DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(REPO))
    env.pop("REDIS_URL")  # eager: nothing to publish, nothing to share
    procs = [subprocess.Popen([sys.executable, "-c", CLAIMER, name, json.dumps(RECORD, ensure_ascii=False), str(go)],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in operators]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"go.{name}").exists() for name in operators) and time.monotonic() < deadline:
        time.sleep(0.05)  # every process has imported Django and connected: now all at once
    go.touch()
    claimed: dict[str, list[int]] = {}
    refused = []
    for name, proc in zip(operators, procs):
        out, err = proc.communicate(timeout=150)
        assert proc.returncode == 0, err[-3000:]
        result = json.loads(out.strip().splitlines()[-1])
        claimed[name], refused = result["claimed"], refused + result["refused"]

    every_claim = [doc for docs in claimed.values() for doc in docs]
    twice = sorted({doc for doc in every_claim if every_claim.count(doc) > 1})
    assert not twice, f"{len(twice)} documents claimed by two operators, e.g. {twice[:5]}; refused submits: {refused[:3]}"
    assert sorted(every_claim) == sorted(ids), "every document claimed, none left behind"
    assert sum(1 for docs in claimed.values() if docs) >= 3, f"the claims were not concurrent: {claimed}"
    assert Entry.objects.filter(source=Entry.Source.HUMAN).count() == len(ids)
    claims = HistoryEvent.objects.filter(kind=HistoryEvent.Kind.CLAIM)
    assert claims.count() == len(ids) and claims.values("document").distinct().count() == len(ids)
    assert set(Document.objects.values_list("status", flat=True)) == {Document.Status.ACCEPTED}


def test_an_expired_lease_goes_to_another_operator_and_the_stale_submit_is_refused_with_the_draft_kept(people):
    [doc_id] = bulk_documents(1)
    first, second = people["operator1"], people["operator2"]
    mine = services.keying_claim_next(operator=first)
    typed = [dict(RECORD, family_name="山田")]
    saved = services.draft_save(entry_id=mine.pk, operator=first, records=typed, version=mine.version)
    assert saved.lease_ok
    Document.objects.filter(pk=doc_id).update(lease_expires_at=timezone.now() - timedelta(seconds=1))

    theirs = services.keying_claim_next(operator=second)
    assert theirs is not None and theirs.document_id == doc_id
    with pytest.raises(services.LeaseExpired) as refused:
        services.entry_submit(entry_id=mine.pk, operator=first, records=typed, version=saved.entry.version)
    with translation.override("en"):
        assert "expired" in str(refused.value) and "draft is saved" in str(refused.value)
    mine.refresh_from_db()
    assert mine.state == Entry.State.DRAFT and mine.records[0]["family_name"] == "山田"
    # Still typing after the refusal keeps the work, but does not take the claim back.
    again = services.draft_save(entry_id=mine.pk, operator=first, records=typed, version=mine.version)
    assert not again.lease_ok
    with translation.override("en"), pytest.raises(services.WorkflowError, match="no longer available"):
        services.keying_claim(operator=first, document_id=doc_id)
    doc = Document.objects.get(pk=doc_id)
    assert doc.lease_holder_id == second.pk and doc.human_submitted == 0

    services.entry_submit(entry_id=theirs.pk, operator=second, records=[RECORD], version=theirs.version)
    assert Document.objects.get(pk=doc_id).status == Document.Status.ACCEPTED


# --- point 7: reviews --------------------------------------------------------------------------

@pytest.fixture
def open_review(people):
    [doc_id] = bulk_documents(1)
    entry = services.keying_claim_next(operator=people["operator1"])
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[dict(RECORD, new_post="課長")],
                          version=entry.version)
    return ReviewTask.objects.get(document_id=doc_id)


def test_a_review_saved_from_two_tabs_refuses_the_stale_one(client, people, open_review):
    reviewer = people["reviewer1"]
    task = review_services.review_claim_next(reviewer=reviewer)
    assert task.pk == open_review.pk
    client.force_login(reviewer)
    url = reverse("review", args=[task.pk])
    tab_a = client.post(url, {"version": task.version, "action": "save", "c0-choice": "first"}, HTTP_HX_REQUEST="true",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert tab_a.status_code == 200
    tab_b = client.post(url, {"version": task.version, "action": "save", "c0-choice": "second"},  # opened before tab A saved
                        HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    assert tab_b.status_code == 409 and "another window" in tab_b.content.decode()
    task.refresh_from_db()
    assert task.decisions == {"0": {"choice": "first", "value": ""}}, "the stale save must not win"

    page = client.post(reverse("review", args=[task.pk]),
                       {"version": task.version - 1, "action": "submit", "then": "stop", "c0-choice": "second"},
                       follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "another window" in page.content.decode()
    task.refresh_from_db()
    assert task.status == ReviewTask.Status.OPEN and task.decisions["0"]["choice"] == "first"


def test_a_second_reviewer_cannot_overwrite_or_merge_into_a_review(people, open_review):
    first, second = people["reviewer1"], make_user("reviewer2", "reviewer")
    task = review_services.review_claim_next(reviewer=first)
    assert review_services.review_claim_next(reviewer=second) is None, "one reviewer per review"
    with translation.override("en"), pytest.raises(services.WorkflowError, match="not assigned to you"):
        review_services.review_save(task_id=task.pk, reviewer=second, decisions={"0": {"choice": "second"}},
                                    version=task.version)
    saved = review_services.review_save(task_id=task.pk, reviewer=first, decisions={"0": {"choice": "first"}},
                                        version=task.version)

    # The first reviewer walks away; the lease expires and the second takes the review over.
    ReviewTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    taken = review_services.review_claim_next(reviewer=second)
    assert taken.pk == task.pk and taken.decisions == {}, "another reviewer's choices are not merged in"
    with translation.override("en"), pytest.raises(services.WorkflowError, match="not assigned to you"):
        review_services.review_submit(task_id=task.pk, reviewer=first, decisions={"0": {"choice": "first"}},
                                      version=saved.version)
    result = review_services.review_submit(task_id=task.pk, reviewer=second, decisions={"0": {"choice": "second"}},
                                           version=taken.version)
    assert result.records[0]["new_post"] == "課長" and result.accepted_by_id == second.pk
