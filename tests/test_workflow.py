"""The two-match loop through Django's test client: upload, blind keying, compare, review, export."""
from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from dataentry.models import Document, DocumentType, Entry, HistoryEvent, Result
from review.models import ReviewTask
from tests.conftest import assert_blind, form_data

pytestmark = pytest.mark.django_db(transaction=True)


def upload(client, *paths):
    files = [open(p, "rb") for p in paths]
    try:
        document_type = DocumentType.objects.get(slug="personnel_change").pk
        return client.post(reverse("documents"), {"document_type": document_type, "files": files, "priority": 0}, follow=True)
    finally:
        for f in files:
            f.close()


def claim_next(client) -> Entry | None:
    response = client.post(reverse("keying_next"))
    if response.url == reverse("keying_home"):
        return None
    return Entry.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def machine_records(doc: Document) -> list[dict]:
    return doc.entries.get(source=Entry.Source.MACHINE).records


def test_it_auto_accepts_when_operator_and_machine_agree(client, login, people, generated_samples):
    login(people["manager1"])
    response = upload(client, generated_samples[0])
    assert "としてアップロードしました" in response.content.decode()  # the default interface is Japanese
    doc = Document.objects.get()
    assert doc.status == Document.Status.KEYING
    assert doc.pages.count() == doc.page_count >= 1
    assert doc.machine_state == Document.MachineState.DONE
    machine = machine_records(doc)
    assert machine, "the text-layer keyer found nobody"

    login(people["operator1"])
    entry = claim_next(client)
    page = client.get(reverse("keying", args=[entry.pk])).content.decode()
    # Blind: none of the machine's values are in the operator's page, markup or JSON.
    assert_blind(page, machine, doc.document_type.spec())
    response = client.post(reverse("keying", args=[entry.pk]), form_data(machine, version=entry.version, then="stop"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    result = Result.objects.get(document=doc)
    assert result.path == Result.Path.AUTO
    assert len(result.records) == len(machine)
    assert {p for row in result.provenance for p in row.values()} == {"agreed"}
    assert not ReviewTask.objects.exists()


def test_it_sends_a_difference_to_review_and_applies_the_reviewers_choices(client, login, people, generated_samples):
    login(people["manager1"])
    upload(client, generated_samples[1])
    doc = Document.objects.get()
    machine = machine_records(doc)
    keyed = copy.deepcopy(machine)
    keyed[0]["new_post"] = keyed[0]["new_post"] + " 代理"

    login(people["operator1"])
    entry = claim_next(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(keyed, version=entry.version, then="stop"))
    doc.refresh_from_db()
    assert doc.status == Document.Status.IN_REVIEW
    task = ReviewTask.objects.get(document=doc)
    conflicts = task.comparison.parsed().conflicts
    assert [(c.kind, c.field) for c in conflicts] == [("field", "new_post")]

    login(people["reviewer1"])
    response = client.post(reverse("review_next"))
    assert response.url == reverse("review", args=[task.pk])
    page = client.get(response.url).content.decode()
    assert machine[0]["new_post"] in page and keyed[0]["new_post"] in page
    task.refresh_from_db()
    client.post(reverse("review", args=[task.pk]), {
        "version": task.version, "action": "submit", "then": "stop", "c0-choice": "second",
        "active_seconds": "12", "wall_seconds": "15",
    })
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    result = doc.result
    assert result.path == Result.Path.REVIEWED
    assert result.records[0]["new_post"] == keyed[0]["new_post"]
    assert result.provenance[0]["new_post"] == "second"
    assert result.provenance[0]["family_name"] == "agreed"
    task.refresh_from_db()
    assert task.status == ReviewTask.Status.DONE and task.active_seconds == 12


def test_it_treats_a_missing_person_as_one_conflict_that_the_reviewer_can_keep(client, login, people, generated_samples):
    login(people["manager1"])
    pdf = next(p for p in generated_samples if len(json.loads(p.with_suffix(".json").read_text())["records"]) >= 2)
    upload(client, pdf)
    doc = Document.objects.get()
    machine = machine_records(doc)
    assert len(machine) >= 2
    login(people["operator1"])
    entry = claim_next(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(machine[1:], version=entry.version, then="stop"))
    task = ReviewTask.objects.get(document=doc)
    conflicts = task.comparison.parsed().conflicts
    assert len(conflicts) == 1 and conflicts[0].kind == "missing_in_b"
    login(people["reviewer1"])
    client.post(reverse("review_next"))
    task.refresh_from_db()
    client.post(reverse("review", args=[task.pk]), {"version": task.version, "action": "submit", "then": "stop", "c0-choice": "keep"})
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    assert len(doc.result.records) == len(machine)
    assert doc.result.records[0]["family_name"] == machine[0]["family_name"]


def test_it_falls_back_to_a_second_human_when_the_machine_cannot_key(client, login, people, scanned_pdf):
    login(people["manager1"])
    upload(client, scanned_pdf)
    doc = Document.objects.get()
    assert doc.status == Document.Status.KEYING
    assert doc.machine_state == Document.MachineState.FAILED
    assert "text layer" in doc.machine_error
    detail = client.get(reverse("document_detail", args=[doc.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Normal operation (issue 14): said plainly, not a red "Failed" badge.
    assert "a second operator keys it (normal operation)" in detail
    assert 'class="status machine-failed">Two humans key it<' in detail and "msg-error" not in detail

    records = [{"effective_date": "2025-04-01", "family_name": "佐藤", "given_name": "次郎", "company": "テスト株式会社",
                "family_name_kana": "さとう", "given_name_kana": "じろう", "new_post": "部長", "old_post": "次長"}]
    login(people["operator1"])
    entry = claim_next(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(records, version=entry.version, then="stop"))
    doc.refresh_from_db()
    assert doc.status == Document.Status.KEYING and doc.human_submitted == 1
    assert claim_next(client) is None, "the same operator must not key a document twice"

    login(people["operator2"])
    entry2 = claim_next(client)
    assert entry2.document_id == doc.pk
    second = copy.deepcopy(records)
    second[0]["family_name_kana"] = "サトウ"  # same reading in katakana: agrees under the kana rule
    client.post(reverse("keying", args=[entry2.pk]), form_data(second, version=entry2.version, then="stop"))
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    assert doc.result.path == Result.Path.AUTO_HUMANS
    assert doc.result.records[0]["family_name_kana"] == "さとう"


def test_it_never_lets_an_operator_review_their_own_keying(client, login, people, scanned_pdf):
    from tests.conftest import make_user

    both = make_user("opreviewer", "operator", "reviewer")
    login(people["manager1"])
    upload(client, scanned_pdf)
    doc = Document.objects.get()
    a = [{"effective_date": "2025-04-01", "family_name": "髙橋", "given_name": "一郎", "company": "A社",
          "family_name_kana": "たかはし", "given_name_kana": "いちろう", "new_post": "部長", "old_post": ""}]
    b = copy.deepcopy(a)
    b[0]["family_name"] = "高橋"  # 髙 and 高 are different characters: names are keyed as printed
    for user, records in ((both, a), (people["operator1"], b)):
        login(user)
        entry = claim_next(client)
        client.post(reverse("keying", args=[entry.pk]), form_data(records, version=entry.version, then="stop"))
    doc.refresh_from_db()
    assert doc.status == Document.Status.IN_REVIEW
    task = ReviewTask.objects.get(document=doc)

    login(both)
    response = client.post(reverse("review_next"))
    assert response.url == reverse("review_home")
    task.refresh_from_db()
    assert task.reviewer is None
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403

    login(people["reviewer1"])
    assert client.post(reverse("review_next")).url == reverse("review", args=[task.pk])
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 200


def test_it_gives_two_operators_different_documents(client, login, people, generated_samples):
    login(people["manager1"])
    upload(client, *generated_samples[:2])
    login(people["operator1"])
    first = claim_next(client)
    login(people["operator2"])
    second = claim_next(client)
    assert first.document_id != second.document_id
    login(people["operator1"])
    assert claim_next(client).document_id == first.document_id, "an operator resumes their own claim"
    # operator2 cannot open operator1's keying page nor its page images.
    login(people["operator2"])
    assert client.get(reverse("keying", args=[first.pk])).status_code == 403
    assert client.get(reverse("page_image", args=[first.document_id, 1])).status_code == 403
    assert client.get(reverse("page_image", args=[second.document_id, 1])).status_code == 200


def test_it_refuses_a_submit_after_the_lease_expired_and_keeps_the_draft(client, login, people, generated_samples):
    login(people["manager1"])
    upload(client, generated_samples[0])
    doc = Document.objects.get()
    login(people["operator1"])
    entry = claim_next(client)
    Document.objects.filter(pk=doc.pk).update(lease_expires_at=timezone.now() - timezone.timedelta(minutes=1))
    login(people["operator2"])
    taken = claim_next(client)
    assert taken.document_id == doc.pk, "an expired lease returns the document to the queue"

    login(people["operator1"])
    typed = [{"effective_date": "2025-04-01", "family_name": "山田", "given_name": "花子", "company": "X",
              "family_name_kana": "", "given_name_kana": "", "new_post": "課長", "old_post": ""}]
    response = client.post(reverse("keying", args=[entry.pk]), form_data(typed, version=entry.version), follow=True)
    assert "expired" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == Entry.State.DRAFT
    assert entry.records[0]["family_name"] == "山田"
    doc.refresh_from_db()
    assert doc.lease_holder_id == people["operator2"].pk
    assert doc.human_submitted == 0


def test_it_autosaves_drafts_with_htmx_and_refuses_a_stale_tab(client, login, people, generated_samples):
    login(people["manager1"])
    upload(client, generated_samples[0])
    login(people["operator1"])
    entry = claim_next(client)
    typed = [{"effective_date": "令和7年4月1日", "family_name": "佐藤", "given_name": "", "company": "", "family_name_kana": "",
              "given_name_kana": "", "new_post": "", "old_post": ""}]
    response = client.post(reverse("keying", args=[entry.pk]), form_data(typed, version=entry.version, action="save"),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode() or "下書き" in response.content.decode()
    entry.refresh_from_db()
    assert entry.version == 1 and entry.records[0]["family_name"] == "佐藤"
    stale = client.post(reverse("keying", args=[entry.pk]), form_data(typed, version=0, action="save"), HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    # Coming back to the document shows the draft.
    page = client.get(reverse("keying", args=[entry.pk])).content.decode()
    assert 'value="佐藤"' in page and 'value="令和7年4月1日"' in page


def test_it_exports_accepted_records_as_csv_and_json(client, login, people, generated_samples):
    login(people["manager1"])
    upload(client, generated_samples[2])
    doc = Document.objects.get()
    machine = machine_records(doc)
    login(people["operator1"])
    entry = claim_next(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(machine, version=entry.version, then="stop"))
    login(people["manager1"])
    response = client.get(reverse("results_export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == len(machine)
    assert rows[0]["document_id"] == str(doc.pk) and rows[0]["filename"] == doc.filename
    assert rows[0]["family_name"] == machine[0]["family_name"]
    assert rows[0]["family_name__provenance"] == "agreed"
    data = json.loads(client.get(reverse("results_export", args=["json"])).getvalue())
    assert data[0]["records"][0]["new_post"]["value"] == doc.result.records[0]["new_post"]
    assert HistoryEvent.objects.filter(kind=HistoryEvent.Kind.EXPORT).count() == 2


def test_it_rejects_bad_uploads_with_a_clear_message_and_detects_duplicates(client, login, people, tmp_path, generated_samples):
    login(people["manager1"])
    fake = tmp_path / "fake.pdf"
    fake.write_text("<html><body>not a pdf</body></html>")
    response = upload(client, fake)
    assert "is not a PDF, PNG, JPEG or TIFF file" in response.content.decode()
    upload(client, generated_samples[0])
    response = upload(client, generated_samples[0])
    assert "としてアップロード済みです" in response.content.decode(), "the refusal in the UI language (Japanese)"
    assert Document.objects.count() == 1


def test_it_checks_roles_on_every_page(client, login, people):
    for name in ("documents", "results", "queues", "keying_home", "review_home"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response.url
    login(people["operator1"])
    for name in ("documents", "results", "queues", "review_home"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("results_export", args=["csv"])).status_code == 403
    login(people["reviewer1"])
    assert client.get(reverse("keying_home")).status_code == 403
    assert client.get(reverse("documents")).status_code == 403


def test_a_submit_from_a_stale_tab_changes_nothing_and_a_current_one_saves_and_submits_at_once(people):
    """issue 16: a submit with a live claim saves and submits in one transaction; a stale one is
    refused as before and leaves the newer draft as it was."""
    from dataentry import services
    from dataentry.errors import StaleEdit
    from tests.test_faults_claims import RECORD, bulk_documents

    bulk_documents(1)
    operator = people["operator1"]
    entry = services.keying_claim_next(operator=operator)
    opened_at = entry.version
    services.draft_save(entry_id=entry.pk, operator=operator, records=[RECORD], version=opened_at)
    with pytest.raises(StaleEdit):
        services.entry_submit(entry_id=entry.pk, operator=operator, records=[dict(RECORD, new_post="課長")],
                              version=opened_at)
    entry.refresh_from_db()
    assert (entry.state, entry.version, entry.records[0]["new_post"]) == (Entry.State.DRAFT, opened_at + 1,
                                                                         RECORD["new_post"])

    services.entry_submit(entry_id=entry.pk, operator=operator, records=[dict(RECORD, new_post="課長")],
                          version=entry.version, active_seconds=30, wall_seconds=40)
    entry.refresh_from_db()
    assert (entry.state, entry.version, entry.records[0]["new_post"]) == (Entry.State.SUBMITTED, opened_at + 3, "課長")
    assert (entry.active_seconds, entry.wall_seconds) == (30, 40)
    doc = entry.document
    doc.refresh_from_db()
    assert doc.lease_holder is None and doc.lease_expires_at is None and doc.human_submitted == 1
    assert doc.status == Document.Status.IN_REVIEW  # compared with the machine's keying in the same submit
