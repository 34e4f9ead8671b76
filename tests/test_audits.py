"""Blind audits of auto-accepted results: selection, the blind third keying, findings, corrections, the estimate."""
from __future__ import annotations

import copy
import hashlib
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from dataentry import services as dataentry_services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent, Result
from learning import services
from learning.models import AuditTask
from learning.selectors import month_bounds, period_label, previous_period, shared_error_estimate, wilson_interval
from tests.conftest import SAMPLES, assert_blind, form_data, make_user

pytestmark = pytest.mark.django_db(transaction=True)


# --- helpers ------------------------------------------------------------------------------------

def accepted_document(stem: str, people, operator=None) -> Document:
    """A real document through the workflow: the operator keys what the machine keyed (auto-accepted)."""
    pdf = SAMPLES / f"{stem}.pdf"
    doc = dataentry_services.document_upload(
        data=pdf.read_bytes(), filename=pdf.name, uploaded_by=people["manager1"],
        document_type=DocumentType.objects.get(slug="personnel_change"))
    operator = operator or people["operator1"]
    entry = dataentry_services.keying_claim_next(operator=operator)
    machine = doc.entries.get(source=Entry.Source.MACHINE).records
    dataentry_services.entry_submit(entry_id=entry.pk, operator=operator, records=copy.deepcopy(machine),
                                    version=entry.version)
    doc.refresh_from_db()
    assert doc.result.path == Result.Path.AUTO
    return doc


def select_all_this_month() -> list[AuditTask]:
    start, end = month_bounds(period_label())
    return services.audit_select(start, end, share=1.0, seed=0)


def fake_results(count: int, *, path: str, at: datetime, operator, tag: str) -> list[Result]:
    """Accepted results without PDFs, for selection arithmetic only (no page is ever shown)."""
    doc_type = DocumentType.objects.get(slug="personnel_change")
    results = []
    for i in range(count):
        doc = Document.objects.create(document_type=doc_type, sha256=hashlib.sha256(f"{tag}-{i}".encode()).hexdigest(),
                                      original="originals/none.pdf", filename=f"{tag}-{i}.pdf",
                                      status=Document.Status.ACCEPTED, accepted_at=at)
        first = Entry.objects.create(document=doc, source=Entry.Source.MACHINE, state=Entry.State.SUBMITTED)
        second = Entry.objects.create(document=doc, source=Entry.Source.HUMAN, state=Entry.State.SUBMITTED, operator=operator)
        results.append(Result.objects.create(document=doc, path=path, first_entry=first, second_entry=second, created_at=at))
    return results


def claim(client, user) -> AuditTask | None:
    client.force_login(user)
    response = client.post(reverse("learning:audit_next"))
    if response.url == reverse("learning:audits"):
        return None
    return AuditTask.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


# --- selection ----------------------------------------------------------------------------------

def test_selection_takes_the_share_at_random_at_least_one_per_period_and_only_once(people):
    nov_start, nov_end = month_bounds("2026-11")
    mid_nov = nov_start + timedelta(days=14)
    op = people["operator1"]
    auto = fake_results(100, path=Result.Path.AUTO, at=mid_nov, operator=op, tag="auto")
    humans = fake_results(20, path=Result.Path.AUTO_HUMANS, at=mid_nov, operator=op, tag="humans")
    fake_results(30, path=Result.Path.REVIEWED, at=mid_nov, operator=op, tag="reviewed")
    october = fake_results(10, path=Result.Path.AUTO, at=nov_start - timedelta(days=3), operator=op, tag="oct")

    chosen = services.audit_select(nov_start, nov_end, share=0.02, seed=1)
    assert len(chosen) == 2  # 2 % of 120 auto-accepted = 2.4
    eligible = {r.document_id for r in auto + humans}
    assert {t.document_id for t in chosen} <= eligible
    assert all(t.period == "2026-11" for t in chosen)
    assert services.audit_select(nov_start, nov_end, share=0.02, seed=2) == []  # idempotent per period
    topped_up = services.audit_select(nov_start, nov_end, share=0.05, seed=3)
    assert len(topped_up) == 4 and not {t.document_id for t in topped_up} & {t.document_id for t in chosen}
    assert AuditTask.objects.filter(period="2026-11").count() == 6
    assert HistoryEvent.objects.filter(kind="audit", note="selected for blind audit").count() == 6

    # A small period still gets one audit; an empty one none.
    oct_start, oct_end = month_bounds("2026-10")
    [only] = services.audit_select(oct_start, oct_end, share=0.02, seed=1)
    assert only.document_id in {r.document_id for r in october}
    assert services.audit_select(*month_bounds("2026-09"), share=0.02) == []
    # The seed decides which documents: the same seed on the same pool picks the same ones.
    AuditTask.objects.filter(period="2026-10").delete()
    [again] = services.audit_select(oct_start, oct_end, share=0.02, seed=1)
    assert again.document_id == only.document_id


def test_the_default_share_is_two_percent_and_the_command_reports_what_it_did(people, settings, capsys):
    start, _ = month_bounds("2026-11")
    fake_results(150, path=Result.Path.AUTO, at=start + timedelta(days=1), operator=people["operator1"], tag="n")
    call_command("select_audits", "--period", "2026-11", "--seed", "4")
    assert "2026-11: 3 audit(s) selected now; open 3, checking 0, done 0" in capsys.readouterr().out
    settings.AUDIT_SHARE = 0.1
    call_command("select_audits", "--period", "2026-11")
    assert AuditTask.objects.count() == 15
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("select_audits", "--period", "November")


def test_period_helpers():
    start, end = month_bounds("2026-12")
    assert (timezone.localtime(start).date().isoformat(), timezone.localtime(end).date().isoformat()) == ("2026-12-01", "2027-01-01")
    assert previous_period("2027-01") == "2026-12" and previous_period("2026-11") == "2026-10"
    assert period_label(start + timedelta(days=3)) == "2026-12"


# --- the blind keying -----------------------------------------------------------------------------

def test_the_blind_page_shows_the_page_but_never_the_accepted_values(client, people):
    doc = accepted_document("01", people)
    select_all_this_month()
    task = claim(client, people["reviewer1"])
    assert task.document_id == doc.pk
    page = client.get(reverse("learning:audit", args=[task.pk])).content.decode()
    assert reverse("page_image", args=[doc.pk, 1]) in page
    assert 'name="r0-family_name"' in page and 'name="rows"' in page and 'name="version"' in page
    assert_blind(page, doc.result.records, doc.document_type.spec())
    # The auditor may see the page image while auditing; another reviewer may not.
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 200
    client.force_login(make_user("reviewer2", "reviewer"))
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403
    assert client.get(reverse("learning:audit", args=[task.pk])).status_code == 403


def test_a_reviewer_who_keyed_the_document_cannot_audit_it(client, people):
    both = make_user("opreviewer", "operator", "reviewer")
    doc = accepted_document("07", people, operator=both)
    [task] = select_all_this_month()
    assert claim(client, both) is None
    with pytest.raises(dataentry_services.WorkflowError):
        services.audit_claim(user=both, task_id=task.pk)
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403
    assert claim(client, people["reviewer1"]).pk == task.pk


def test_two_reviewers_never_hold_the_same_audit(people):
    start, _ = month_bounds("2026-11")
    results = fake_results(2, path=Result.Path.AUTO, at=start + timedelta(days=1), operator=people["operator1"], tag="c")
    for result in results:
        AuditTask.objects.create(document=result.document, result=result, period="2026-11")
    second, third = make_user("reviewer2", "reviewer"), make_user("reviewer3", "reviewer")
    a = services.audit_claim_next(user=people["reviewer1"])
    b = services.audit_claim_next(user=second)
    assert a.pk != b.pk
    assert services.audit_claim_next(user=third) is None
    assert services.audit_claim_next(user=people["reviewer1"]).pk == a.pk  # one's own claim comes back
    with pytest.raises(dataentry_services.WorkflowError):
        services.audit_claim(user=third, task_id=a.pk)


def key_blind(client, task: AuditTask, records: list[dict]):
    task.refresh_from_db()
    return client.post(reverse("learning:audit", args=[task.pk]), form_data(records, version=task.version))


def test_no_difference_finishes_the_audit_without_touching_the_result(client, people):
    doc = accepted_document("11", people)
    before = copy.deepcopy(doc.result.records)
    task = (select_all_this_month(), claim(client, people["reviewer1"]))[1]
    response = key_blind(client, task, before)
    assert response.url == reverse("learning:audits")
    task.refresh_from_db()
    assert task.status == AuditTask.Status.DONE and task.findings == [] and task.auditor == people["reviewer1"]
    doc.result.refresh_from_db()
    assert doc.result.records == before
    assert not HistoryEvent.objects.filter(kind="correct").exists()


def test_confirmed_findings_correct_the_result_with_history_and_rejected_ones_do_not(client, people):
    doc = accepted_document("01", people)
    result = doc.result
    accepted = copy.deepcopy(result.records)
    assert len(accepted) >= 3
    audited = copy.deepcopy(accepted)
    audited[0]["new_post"] = "営業本部長"         # the accepted value was wrong (confirmed below)
    audited[1]["old_post"] = audited[1]["old_post"] + "補佐"  # the auditor slipped (rejected below)
    del audited[2]                                 # the auditor missed a person (rejected below)
    select_all_this_month()
    task = claim(client, people["reviewer1"])
    key_blind(client, task, audited)
    task.refresh_from_db()
    assert task.status == AuditTask.Status.CHECKING
    kinds = [(f["kind"], f["field"]) for f in task.findings]
    assert kinds == [("field", "new_post"), ("field", "old_post"), ("missing_in_b", None)]

    checker = make_user("reviewer2", "reviewer")
    task = claim(client, checker)
    page = client.get(reverse("learning:audit", args=[task.pk])).content.decode()
    assert "営業本部長" in page and accepted[0]["new_post"] in page  # now both sides are shown
    decisions = {"f0-decision": "confirmed", "f1-decision": "rejected", "f2-decision": "rejected"}
    client.post(reverse("learning:audit", args=[task.pk]), {"version": task.version, "action": "submit", **decisions})

    task.refresh_from_db()
    assert task.status == AuditTask.Status.DONE and task.confirmed_count == 1 and task.checked_by == checker
    assert task.auditor == people["reviewer1"]
    result.refresh_from_db()
    expected = copy.deepcopy(accepted)
    expected[0]["new_post"] = "営業本部長"
    assert result.records == expected
    assert result.provenance[0]["new_post"] == "audit"
    assert result.provenance[1]["old_post"] == "agreed" and len(result.provenance) == len(accepted)
    [event] = HistoryEvent.objects.filter(kind="correct", document=doc)
    assert event.actor == checker
    assert event.data["before"]["records"] == accepted and event.data["after"]["records"] == expected
    assert event.data["audit"] == task.pk and event.data["findings"] == [0]

    start, end = month_bounds(period_label())
    assert shared_error_estimate(start, end)["documents_with_error"] == 1


def test_a_person_finding_can_add_or_remove_a_person(client, people):
    doc = accepted_document("11", people)
    accepted = copy.deepcopy(doc.result.records)
    extra = {key: "" for key in accepted[0]}
    extra.update(family_name="山田", given_name="花子", company=accepted[0]["company"], new_post="取締役",
                 effective_date=accepted[0]["effective_date"])
    select_all_this_month()
    task = claim(client, people["reviewer1"])
    key_blind(client, task, accepted[1:] + [extra])  # misses the first person, adds another one
    task = claim(client, make_user("reviewer2", "reviewer"))
    assert sorted(f["kind"] for f in task.findings) == ["missing_in_a", "missing_in_b"]
    decisions = {f"f{f['index']}-decision": "confirmed" for f in task.findings}
    client.post(reverse("learning:audit", args=[task.pk]), {"version": task.version, "action": "submit", **decisions})
    doc.result.refresh_from_db()
    names = [(r["family_name"], r["given_name"]) for r in doc.result.records]
    assert names == [(r["family_name"], r["given_name"]) for r in accepted[1:]] + [("山田", "花子")]
    assert set(doc.result.provenance[-1].values()) == {"audit"}


def test_another_reviewer_takes_over_findings_whose_checker_is_gone(client, people):
    accepted_document("07", people)
    select_all_this_month()
    task = claim(client, people["reviewer1"])
    changed = copy.deepcopy(task.result.records)
    changed[0]["new_post"] = "監査役"
    key_blind(client, task, changed)
    first_checker = make_user("reviewer3", "reviewer")
    assert claim(client, first_checker).pk == task.pk
    client.post(reverse("learning:audit", args=[task.pk]),
                {"version": AuditTask.objects.get(pk=task.pk).version, "action": "save", "f0-decision": "confirmed"})
    AuditTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timedelta(minutes=1))

    second = make_user("reviewer2", "reviewer")
    taken = claim(client, second)
    assert taken.pk == task.pk and taken.status == AuditTask.Status.CHECKING
    assert [f["decision"] for f in taken.findings] == [""]  # the first reviewer's choice is not theirs
    page = client.get(reverse("learning:audit", args=[task.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "second reviewer" in page
    # A stale form (older version) is refused, not applied.
    client.post(reverse("learning:audit", args=[task.pk]), {"version": taken.version - 1, "action": "submit", "f0-decision": "rejected"})
    assert AuditTask.objects.get(pk=task.pk).status == AuditTask.Status.CHECKING
    client.post(reverse("learning:audit", args=[task.pk]), {"version": taken.version, "action": "submit", "f0-decision": "rejected"})
    done = AuditTask.objects.get(pk=task.pk)
    assert done.status == AuditTask.Status.DONE and done.checked_by == second and done.auditor == people["reviewer1"]
    assert done.confirmed_count == 0
    assert not HistoryEvent.objects.filter(kind="correct").exists()


# --- the estimate ---------------------------------------------------------------------------------

def test_wilson_interval_figures():
    assert wilson_interval(0, 0) == (None, None)
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    assert wilson_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson_interval(1, 50) == pytest.approx((0.00354, 0.10496), abs=1e-5)
    assert wilson_interval(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)


def test_the_estimate_counts_finished_audits_of_the_period_and_managers_see_it(client, people):
    start, end = month_bounds("2026-11")
    results = fake_results(12, path=Result.Path.AUTO, at=start + timedelta(days=2), operator=people["operator1"], tag="e")
    for i, result in enumerate(results):
        status = AuditTask.Status.OPEN if i >= 10 else AuditTask.Status.DONE
        AuditTask.objects.create(document=result.document, result=result, period="2026-11", status=status,
                                 confirmed_count=1 if i < 1 else 0)
    estimate = shared_error_estimate(start, end)
    assert estimate["audits"] == 10 and estimate["documents_with_error"] == 1
    assert estimate["rate"] == pytest.approx(0.1)
    assert (estimate["ci_low"], estimate["ci_high"]) == pytest.approx((0.01787, 0.40415), abs=1e-4)
    assert shared_error_estimate(*month_bounds("2026-10"))["audits"] == 0

    client.force_login(people["manager1"])
    page = client.get(reverse("learning:audits") + "?period=2026-11", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10.0 %" in page and "1.8 % – 40.4 %" in page and "1 of 10 audited documents" in page
    client.force_login(people["reviewer1"])
    page = client.get(reverse("learning:audits") + "?period=2026-11", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="shared-error"' not in page and "audits waiting for you" in page
    client.force_login(people["operator1"])
    assert client.get(reverse("learning:audits")).status_code == 403
