"""The admin cannot forge or erase the audit trail, and what it may change is history too
(issue 12, hole 6)."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dataentry import services
from dataentry.admin_audit import AuditedAdminMixin
from dataentry.models import Document, DocumentType, Entry, FieldDefinition, HistoryEvent, Result
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def root(people) -> Client:
    user = make_user("root")
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def reviewed(people, generated_samples):
    """One document keyed with a difference, so it has a review task, then resolved: a result."""
    doc_type = DocumentType.objects.get(slug="personnel_change")
    doc = services.document_upload(data=generated_samples[2].read_bytes(), filename="audit.pdf", document_type=doc_type,
                                   uploaded_by=people["manager1"])
    entry = services.keying_claim_next(operator=people["operator1"])
    records = [dict(r) for r in doc.entries.get(source=Entry.Source.MACHINE).records]
    records[0]["new_post"] += "（兼務）"
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=records, version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"], decisions={"0": {"choice": "first"}},
                                  version=task.version)
    doc.refresh_from_db()
    return {"doc": doc, "task": ReviewTask.objects.get(pk=task.pk), "result": Result.objects.get(document=doc)}


def url(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def test_history_rows_cannot_be_added_changed_or_deleted_in_the_admin(root, reviewed):
    doc = reviewed["doc"]
    rows = HistoryEvent.objects.count()
    event = HistoryEvent.objects.filter(document=doc).first()
    assert root.get(url("dataentry_historyevent_add")).status_code == 403
    forged = {"document": doc.pk, "actor": root.user.pk, "at_0": "2025-04-01", "at_1": "09:00:00", "kind": "review",
              "note": "approved by the director", "data": "{}"}
    assert root.post(url("dataentry_historyevent_add"), forged).status_code == 403
    assert root.post(url("dataentry_historyevent_change", event.pk), {**forged, "_save": "1"}).status_code == 403
    assert root.post(url("dataentry_historyevent_delete", event.pk), {"post": "yes"}).status_code == 403
    root.post(url("dataentry_historyevent_changelist"), {"action": "delete_selected", "_selected_action": [event.pk],
                                                        "post": "yes"})
    assert HistoryEvent.objects.count() == rows
    assert root.get(url("dataentry_historyevent_change", event.pk)).status_code == 200, "still visible"


def test_results_cannot_be_deleted_or_forged(root, reviewed):
    result = reviewed["result"]
    assert root.post(url("dataentry_result_delete", result.pk), {"post": "yes"}).status_code == 403
    root.post(url("dataentry_result_changelist"), {"action": "delete_selected", "_selected_action": [result.pk],
                                                  "post": "yes"})
    assert root.get(url("dataentry_result_add")).status_code == 403
    assert Result.objects.filter(pk=result.pk).exists()


def test_a_review_tasks_reviewer_and_status_are_read_only(root, people, reviewed):
    task = reviewed["task"]
    before = (task.reviewer_id, task.status, task.decisions)
    response = root.post(url("review_reviewtask_change", task.pk),
                         {"reviewer": people["operator2"].pk, "status": "open", "decisions": "{}", "_save": "1"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert (task.reviewer_id, task.status, task.decisions) == before


def test_a_documents_original_and_type_are_read_only_and_a_priority_change_is_history(root, reviewed):
    doc = reviewed["doc"]
    other_type = DocumentType.objects.create(slug="invoice", name="Invoice")
    FieldDefinition.objects.create(document_type=other_type, position=0, key="total", label="Total", kind="text")
    original = (doc.original.name, doc.document_type_id, doc.sha256)
    response = root.post(url("dataentry_document_change", doc.pk), {
        "priority": "7", "document_type": other_type.pk, "sha256": "0" * 64, "_save": "1",
        "original": SimpleUploadedFile("forged.pdf", b"%PDF-1.7 forged", content_type="application/pdf"),
    })
    assert response.status_code == 302
    doc.refresh_from_db()
    assert (doc.original.name, doc.document_type_id, doc.sha256) == original
    assert doc.priority == 7
    event = HistoryEvent.objects.filter(document=doc, kind=HistoryEvent.Kind.ADMIN).get()
    assert event.actor == root.user
    assert event.data["action"] == "change" and event.data["changes"] == {"priority": {"from": "0", "to": "7"}}
    assert root.get(url("dataentry_document_add")).status_code == 403
    assert root.post(url("dataentry_document_delete", doc.pk), {"post": "yes"}).status_code == 403


def test_every_admin_add_change_and_delete_writes_history(root, people):
    root.post(url("auth_group_add"), {"name": "night-shift", "_save": "1"})
    group = Group.objects.get(name="night-shift")
    root.post(url("auth_group_change", group.pk), {"name": "late-shift", "_save": "1"})
    root.post(url("auth_group_delete", group.pk), {"post": "yes"})
    assert not Group.objects.filter(pk=group.pk).exists()
    rows = list(HistoryEvent.objects.filter(kind=HistoryEvent.Kind.ADMIN).order_by("id"))
    assert [(r.data["action"], r.data["model"], r.actor) for r in rows] == [
        ("add", "auth.group", root.user), ("change", "auth.group", root.user), ("delete", "auth.group", root.user)]
    assert rows[1].data["changes"] == {"name": {"from": "night-shift", "to": "late-shift"}}

    from tests.test_api import new_client

    api_client, _ = new_client("erp")
    root.post(url("api_apiclient_changelist"), {"action": "rotate_token", "_selected_action": [api_client.pk]})
    rotated = HistoryEvent.objects.filter(kind=HistoryEvent.Kind.ADMIN, data__model="api.apiclient").get()
    assert rotated.data["message"] == "Issued a new token." and rotated.actor == root.user


def test_every_registered_admin_writes_history():
    """Including the admins of django.contrib.auth and django-axes, and any added later."""
    unaudited = [model._meta.label for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, AuditedAdminMixin)]
    assert unaudited == []
