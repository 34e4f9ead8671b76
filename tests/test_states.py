"""Every status of the workflow moves by its table and leaves a history row (issue 13)."""
from __future__ import annotations

import pytest

from dataentry import selectors, services
from dataentry.models import Document, HistoryEvent, TransitionError
from learning.models import AuditTask
from review import services as review_services
from review.models import ReviewTask
from tests.test_faults_claims import RECORD, bulk_documents

pytestmark = pytest.mark.django_db


def _history(doc_id: int, kind: str) -> list[tuple[str, str]]:
    return [(e.from_status, e.to_status) for e in HistoryEvent.objects.filter(document_id=doc_id, kind=kind)]


def test_the_machine_state_moves_once_and_the_move_is_in_the_history(people):
    [doc_id] = bulk_documents(1)
    Document.objects.filter(pk=doc_id).update(machine_state=Document.MachineState.PENDING)
    services.machine_failure_store(document_id=doc_id, run_id=None, kind="unavailable", message="GPU down", final=True)
    assert _history(doc_id, HistoryEvent.Kind.MACHINE) == [("pending", "failed")]
    doc = Document.objects.get(pk=doc_id)
    with pytest.raises(TransitionError):
        doc.machine_transition(Document.MachineState.DONE, reason="a late answer")
    assert Document.objects.get(pk=doc_id).machine_state == Document.MachineState.FAILED


def test_one_rule_decides_who_still_needs_an_operator(people):
    machine_done, machine_failed = bulk_documents(2)
    Document.objects.filter(pk=machine_failed).update(machine_state=Document.MachineState.FAILED)
    for operator in (people["operator1"], people["operator2"]):
        entry = services.keying_claim_next(operator=operator)
        services.entry_submit(entry_id=entry.pk, operator=operator, records=[RECORD], version=entry.version)
    # operator1 keyed the machine-keyed document (done), operator2 the other, which needs a second human.
    assert not Document.objects.get(pk=machine_done).needs_human_keying()
    failed = Document.objects.get(pk=machine_failed)
    assert failed.human_submitted == 1 and failed.needs_human_keying()
    assert selectors.keying_queue_size() == 1
    assert services.keying_claim_next(operator=people["operator2"]) is None, "operator2 keyed it already"
    assert services.keying_claim_next(operator=people["operator1"]).document_id == machine_failed


def test_review_and_audit_statuses_move_by_their_tables_with_history(people):
    [doc_id] = bulk_documents(1)
    entry = services.keying_claim_next(operator=people["operator1"])
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=[dict(RECORD, new_post="課長")],
                          version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"],
                                  decisions={"0": {"choice": "first"}}, version=task.version)
    assert _history(doc_id, HistoryEvent.Kind.REVIEW) == [("open", "done")]
    done = ReviewTask.objects.get(pk=task.pk)
    assert done.completed_at is not None and done.lease_expires_at is None
    with pytest.raises(TransitionError):
        done.transition(ReviewTask.Status.OPEN, actor=people["reviewer1"])

    audit = AuditTask.objects.create(document_id=doc_id, result=done.document.result, period="2026-01")
    auditor = people["reviewer1"]
    with pytest.raises(TransitionError):
        audit.transition(AuditTask.Status.OPEN, actor=auditor, reason="back")
    audit.transition(AuditTask.Status.CHECKING, actor=auditor, reason="keyed")
    audit.transition(AuditTask.Status.DONE, actor=auditor, reason="decided")
    assert _history(doc_id, HistoryEvent.Kind.AUDIT) == [("open", "checking"), ("checking", "done")]
    assert audit.completed_at is not None

