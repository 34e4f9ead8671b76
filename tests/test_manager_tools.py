"""Managers' everyday tools (issue 14): find documents, act on one, correct a result with four eyes,
export what the filters select; operators pass a document they cannot key to a manager."""
from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dataentry import selectors, services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent, Result, ResultCorrection
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def client(in_english):
    return in_english


@pytest.fixture
def docs(people, generated_samples):
    doc_type = DocumentType.objects.get(slug="personnel_change")
    return [services.document_upload(data=p.read_bytes(), filename=p.name, document_type=doc_type,
                                     uploaded_by=people["manager1"]) for p in generated_samples[:4]]


def key_as(operator, doc, *, agree=True):
    entry = services.keying_claim(operator=operator, document_id=doc.pk)
    records = [dict(r) for r in doc.entries.get(source=Entry.Source.MACHINE).records]
    if not agree:
        records[0]["new_post"] += "（代理）"
    return services.entry_submit(entry_id=entry.pk, operator=operator, records=records, version=entry.version)


def listed(client, **params) -> set[int]:
    response = client.get(reverse("documents"), params)
    assert response.status_code == 200
    return {doc.pk for doc in response.context["documents"]}


# --- the documents list ------------------------------------------------------------------------

def test_the_documents_list_filters_by_each_criterion(client, people, docs):
    a, b, c, d = docs
    Document.objects.filter(pk=a.pk).update(external_ref="HR-2026-0042")
    Document.objects.filter(pk=b.pk).update(created_at=timezone.now() - timedelta(days=40))
    key_as(people["operator2"], c)                       # accepted
    services.keying_claim(operator=people["operator1"], document_id=d.pk)
    client.force_login(people["manager1"])

    assert listed(client) == {a.pk, b.pk, c.pk, d.pk}
    assert listed(client, external_ref="HR-2026-0042") == {a.pk}
    assert listed(client, status="accepted") == {c.pk}
    assert listed(client, status="keying") == {a.pk, b.pk, d.pk}
    assert listed(client, filename=a.filename.split(".")[0]) == {a.pk}
    assert listed(client, holder="operator1") == {d.pk}
    assert listed(client, holder="operator2") == set()   # operator2 submitted: holds nothing
    today = timezone.localdate()
    assert listed(client, uploaded_from=(today - timedelta(days=1)).isoformat()) == {a.pk, c.pk, d.pk}
    assert listed(client, uploaded_to=(today - timedelta(days=30)).isoformat()) == {b.pk}
    other = DocumentType.objects.create(slug="invoice", name="Invoice")
    assert listed(client, document_type=other.pk) == set()
    page = client.get(reverse("documents"), {"holder": "operator1"}).content.decode()
    assert "operator1" in page and d.filename in page


def test_a_bad_date_range_is_one_clear_error_and_keeps_the_filters(client, people, docs):
    client.force_login(people["manager1"])
    response = client.get(reverse("documents"), {"uploaded_from": "2026-12-01", "uploaded_to": "2026-11-01",
                                                  "filename": "abc"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The first day is after the last day." in page
    assert 'value="abc"' in page
    assert list(response.context["documents"]) == []
    response = client.get(reverse("documents"), {"uploaded_from": "not a date"})
    assert "Enter a valid date." in response.content.decode()


def bulk_documents(count: int, doc_type) -> None:
    now = timezone.now()
    Document.objects.bulk_create([
        Document(document_type=doc_type, sha256=f"{i:064x}", original="originals/x.pdf", filename=f"bulk-{i}.pdf",
                 status=Document.Status.KEYING, created_at=now - timedelta(minutes=i))
        for i in range(count)
    ])


def test_the_documents_list_costs_the_same_queries_for_many_documents_and_pages(client, people):
    doc_type = DocumentType.objects.get(slug="personnel_change")
    client.force_login(people["manager1"])
    bulk_documents(3, doc_type)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("documents")).status_code == 200
    Document.objects.all().delete()
    bulk_documents(260, doc_type)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("documents"), {"page": 3})
    assert response.status_code == 200
    assert len(response.context["documents"]) == 50
    assert "Page 3 of 6" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- actions on the document page ----------------------------------------------------------------

def test_priority_decides_which_document_an_operator_gets_next(client, people, docs):
    client.force_login(people["manager1"])
    last = docs[-1]
    response = client.post(reverse("document_priority", args=[last.pk]), {"priority": "50"}, follow=True)
    assert "Priority changed." in response.content.decode()
    assert services.keying_claim_next(operator=people["operator1"]).document_id == last.pk
    event = HistoryEvent.objects.get(document=last, kind=HistoryEvent.Kind.PRIORITY)
    assert event.actor == people["manager1"] and event.data == {"from": 0, "to": 50}
    response = client.post(reverse("document_priority", args=[last.pk]), {"priority": "many"}, follow=True)
    assert "Priority must be a whole number" in response.content.decode()
    last.refresh_from_db()
    assert last.priority == 50


def test_a_claim_can_be_released_or_given_to_another_operator(client, people, docs):
    op1, op2 = people["operator1"], people["operator2"]
    doc = docs[0]
    held = services.keying_claim(operator=op1, document_id=doc.pk)
    client.force_login(people["manager1"])
    page = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    assert "Keying claim: operator1" in page
    response = client.post(reverse("document_reassign", args=[doc.pk]), {"operator": op2.pk}, follow=True)
    assert "The claim now belongs to operator2." in response.content.decode()
    assert services.keying_claim_next(operator=op2).document_id == doc.pk
    with pytest.raises(services.LeaseExpired):
        services.entry_submit(entry_id=held.pk, operator=op1, records=[{"family_name": "x"}], version=held.version)
    # Release from the document page: nobody holds it, and it is back in the queue.
    response = client.post(reverse("release_claim", args=[doc.pk]), {"next": "detail", "holder": op2.pk})
    assert response.url == reverse("document_detail", args=[doc.pk])
    doc.refresh_from_db()
    assert doc.lease_holder is None


def test_a_claim_is_not_given_to_someone_who_already_keyed_the_document(client, people, docs):
    doc = docs[0]
    Document.objects.filter(pk=doc.pk).update(machine_state=Document.MachineState.FAILED)
    key_as(people["operator1"], Document.objects.get(pk=doc.pk))
    with pytest.raises(services.WorkflowError, match="already keyed"):
        services.keying_reassign(document_id=doc.pk, operator=people["operator1"], actor=people["manager1"])
    with pytest.raises(services.WorkflowError, match="Only an operator"):
        services.keying_reassign(document_id=doc.pk, operator=people["reviewer1"], actor=people["manager1"])


def test_a_withdrawn_document_leaves_every_queue_and_keeps_its_history(client, people, docs):
    in_review, keying = docs[0], docs[1]
    key_as(people["operator2"], in_review, agree=False)
    task = ReviewTask.objects.get(document=in_review)
    review_services.review_claim_next(reviewer=people["reviewer1"])
    client.force_login(people["manager1"])
    response = client.post(reverse("document_withdraw", args=[in_review.pk]), {"reason": ""}, follow=True)
    assert "Say why the document is withdrawn." in response.content.decode()
    for doc in (in_review, keying):
        response = client.post(reverse("document_withdraw", args=[doc.pk]), {"reason": "sent by mistake"}, follow=True)
        assert "Withdrawn" in response.content.decode()
    task.refresh_from_db()
    assert task.status == ReviewTask.Status.CLOSED
    assert review_services.review_claim_next(reviewer=make_user("reviewer2", "reviewer")) is None
    assert selectors.keying_queue_size() == 2
    taken = services.keying_claim_next(operator=people["operator1"]).document_id
    assert taken not in {in_review.pk, keying.pk}
    event = HistoryEvent.objects.filter(document=keying, kind=HistoryEvent.Kind.STATUS).last()
    assert (event.from_status, event.to_status, event.note) == ("keying", "withdrawn", "sent by mistake")
    assert listed(client, status="withdrawn") == {in_review.pk, keying.pk}
    # An accepted document is corrected, not withdrawn.
    accepted = next(d for d in docs[2:] if d.pk != taken)
    key_as(people["operator2"], accepted)
    with pytest.raises(services.WorkflowError, match="cannot be withdrawn"):
        services.document_withdraw(document_id=accepted.pk, actor=people["manager1"], reason="x")


def test_the_machine_keyer_can_run_again_after_a_fallback(client, people, generated_samples, settings):
    settings.MACHINE_KEYER = "none"
    doc = services.document_upload(data=generated_samples[5].read_bytes(), filename="fallback.pdf",
                                   document_type=DocumentType.objects.get(slug="personnel_change"))
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.FAILED and doc.humans_needed == 2
    client.force_login(people["manager1"])
    page = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    assert "Run the machine keyer again" in page
    assert "Two humans key it" in page
    settings.MACHINE_KEYER = "textlayer"
    response = client.post(reverse("document_rerun", args=[doc.pk]), follow=True)
    assert "The machine keyer will key this document again." in response.content.decode()
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.DONE and doc.humans_needed == 1
    assert doc.entries.filter(source=Entry.Source.MACHINE).exists()
    with pytest.raises(services.WorkflowError):
        services.machine_rerun(document_id=doc.pk, actor=people["manager1"])


def test_a_correction_needs_a_second_manager_and_is_in_the_history(client, people, docs):
    doc = docs[0]
    key_as(people["operator2"], doc)
    result = Result.objects.get(document=doc)
    old = result.records[0]["new_post"]
    first, second = people["manager1"], make_user("manager2", "manager")
    client.force_login(first)
    response = client.post(reverse("correction_propose", args=[doc.pk]),
                           {"record": "1", "field": "new_post", "value": "取締役会長", "reason": "both misread the post"},
                           follow=True)
    assert "A second manager must confirm" in response.content.decode()
    correction = ResultCorrection.objects.get()
    result.refresh_from_db()
    assert result.records[0]["new_post"] == old   # nothing changes before the second pair of eyes
    response = client.post(reverse("correction_decide", args=[correction.pk]), {"decision": "confirm"}, follow=True)
    assert "you proposed this one" in response.content.decode()
    client.force_login(second)
    response = client.post(reverse("correction_decide", args=[correction.pk]), {"decision": "confirm"}, follow=True)
    page = response.content.decode()
    assert "Correction confirmed" in page
    result.refresh_from_db()
    assert result.records[0]["new_post"] == "取締役会長"
    assert result.provenance[0]["new_post"] == Result.Provenance.MANAGER
    assert "both misread the post" in page and "Corrected by manager" in page
    event = HistoryEvent.objects.get(document=doc, kind=HistoryEvent.Kind.CORRECT)
    assert event.actor == second
    assert event.data["before"]["records"][0]["new_post"] == old
    # Refused: an empty reason, a person the result does not have.
    with pytest.raises(services.WorkflowError, match="Say why"):
        services.result_correction_propose(document_id=doc.pk, record=0, field="new_post", value="x", reason=" ",
                                           actor=first)
    with pytest.raises(services.WorkflowError, match="no such person"):
        services.result_correction_propose(document_id=doc.pk, record=99, field="new_post", value="x", reason="r",
                                           actor=first)


def test_a_rejected_correction_changes_nothing(people, docs):
    doc = docs[0]
    key_as(people["operator2"], doc)
    before = Result.objects.get(document=doc).records
    proposal = services.result_correction_propose(document_id=doc.pk, record=0, field="given_name", value="太郎",
                                                  reason="typo", actor=people["manager1"])
    services.result_correction_decide(correction_id=proposal.pk, actor=make_user("manager2", "manager"), confirm=False)
    assert Result.objects.get(document=doc).records == before
    assert ResultCorrection.objects.get().status == ResultCorrection.Status.REJECTED


# --- operators: cannot key this document -------------------------------------------------------------

def test_an_operator_passes_a_document_they_cannot_key_to_a_manager(client, people, docs):
    op1 = people["operator1"]
    client.force_login(op1)
    entry = services.keying_claim_next(operator=op1)
    page = client.get(reverse("keying", args=[entry.pk])).content.decode()
    assert "Cannot key this document" in page and "Not a personnel change" in page
    response = client.post(reverse("keying_set_aside", args=[entry.pk]), {"reason": ""}, follow=True)
    assert "Choose why this document cannot be keyed." in response.content.decode()
    response = client.post(reverse("keying_set_aside", args=[entry.pk]),
                           {"reason": "unreadable", "note": "page 2 is blank", "then": "stop"})
    assert response.url == reverse("keying_home")
    doc = Document.objects.get(pk=entry.document_id)
    assert doc.status == Document.Status.SET_ASIDE and doc.lease_holder is None
    # Out of every operator's queue.
    claimed = [services.keying_claim_next(operator=u) for u in (op1, people["operator2"])]
    assert doc.pk not in {e.document_id for e in claimed if e}
    # In the manager's queue with the reason.
    client.force_login(people["manager1"])
    queues = client.get(reverse("queues")).content.decode()
    assert f"#{doc.pk}" in queues and "Unreadable" in queues and "page 2 is blank" in queues
    assert listed(client, status="set_aside") == {doc.pk}
    overview = client.get(reverse("reports:overview"), {"period": timezone.localdate().isoformat()})
    counted = dict(overview.context["set_aside"])
    assert counted["Unreadable"] == 1 and counted["Duplicate of another document"] == 0
    response = client.post(reverse("document_return", args=[doc.pk]), {"note": "rescanned"}, follow=True)
    assert "back in the keying queue" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING
    assert selectors.keying_queue_size() >= 1


# --- exports ------------------------------------------------------------------------------------

def test_exports_are_streamed_filtered_and_open_in_excel(client, people, docs):
    from openpyxl import load_workbook

    auto, reviewed = docs[0], docs[1]
    key_as(people["operator2"], auto)
    key_as(people["operator2"], reviewed, agree=False)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"], decisions={"0": {"choice": "first"}},
                                  version=task.version)
    # A keyed value that looks like a formula stays text everywhere.
    result = Result.objects.get(document=auto)
    result.records[0]["old_post"] = "=HYPERLINK(\"http://x\")"
    result.save()
    client.force_login(people["manager1"])

    response = client.get(reverse("results_export", args=["csv"]), {"path": "auto"})
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {int(r["document_id"]) for r in rows} == {auto.pk}
    assert rows[0]["old_post"].startswith("'=")

    response = client.get(reverse("results_export", args=["json"]), {"path": "reviewed"})
    items = json.loads(b"".join(response.streaming_content))
    assert [i["document_id"] for i in items] == [reviewed.pk]

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.get(reverse("results_export", args=["csv"]), {"accepted_from": tomorrow})
    assert list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))) == []

    response = client.get(reverse("results_export", args=["xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["results"]
    header = [c.value for c in sheet[1]]
    data = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    assert {r["document_id"] for r in data} == {auto.pk, reviewed.pk}
    cell = next(r for r in data if r["document_id"] == auto.pk and r["record"] == 1)
    assert cell["old_post"] == "=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=2, column=header.index("old_post") + 1).data_type == "s"

    response = client.get(reverse("results_export", args=["csv"]), {"accepted_from": "2026-12-02",
                                                                      "accepted_to": "2026-12-01"}, follow=True)
    assert "The first day is after the last day." in response.content.decode()


def test_the_documents_list_exports_with_its_filters(client, people, docs):
    from openpyxl import load_workbook

    key_as(people["operator2"], docs[0])
    client.force_login(people["manager1"])
    response = client.get(reverse("documents_export", args=["csv"]), {"status": "keying"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {int(r["document_id"]) for r in rows} == {d.pk for d in docs[1:]}
    assert {r["status"] for r in rows} == {"keying"}
    response = client.get(reverse("documents_export", args=["xlsx"]), {"status": "accepted"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["documents"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [docs[0].pk]
    assert HistoryEvent.objects.filter(kind=HistoryEvent.Kind.EXPORT).count() == 2


def test_demo_documents_wait_behind_real_ones_and_can_be_withdrawn(people, generated_samples, settings, tmp_path):
    from django.core.management import call_command

    settings.BASE_DIR = tmp_path  # the generated demo samples go to tmp_path/var/samples
    call_command("seed_demo", "--generated", "2", stdout=io.StringIO())
    demo = list(Document.objects.filter(external_ref="seed_demo"))
    assert demo and all(d.priority < 0 for d in demo)
    real = services.document_upload(data=generated_samples[7].read_bytes(), filename="real.pdf",
                                    document_type=DocumentType.objects.get(slug="personnel_change"))
    assert services.keying_claim_next(operator=people["operator1"]).document_id == real.pk
    out = io.StringIO()
    call_command("seed_demo", "--withdraw-documents", stdout=out)
    assert f"Demo documents withdrawn: {len(demo)}" in out.getvalue()
    assert set(Document.objects.filter(external_ref="seed_demo").values_list("status", flat=True)) == {"withdrawn"}
    assert Document.objects.get(pk=real.pk).status == Document.Status.KEYING
