"""Reviewers (issue 14): change a value both keyers agreed on, with a reason; the person heading shows
the chosen value; the app's own 403 and 404 pages."""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dataentry import services
from dataentry.models import DocumentType, Entry, HistoryEvent, Result
from reports.selectors import period_from_text, report_for
from review import services as review_services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english(in_english):
    return in_english


@pytest.fixture
def task(people, generated_samples):
    """A document whose operator spelled the first person's family name differently from the machine."""
    doc = services.document_upload(data=generated_samples[0].read_bytes(), filename="a.pdf",
                                   document_type=DocumentType.objects.get(slug="personnel_change"))
    op = people["operator1"]
    entry = services.keying_claim(operator=op, document_id=doc.pk)
    records = [dict(r) for r in doc.entries.get(source=Entry.Source.MACHINE).records]
    records[0]["family_name"] = "誤記" + records[0]["family_name"]
    services.entry_submit(entry_id=entry.pk, operator=op, records=records, version=entry.version)
    return review_services.review_claim_next(reviewer=people["reviewer1"])


def reviewer_client(people) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(people["reviewer1"])
    return client


def test_a_reviewer_changes_an_agreed_value_with_a_reason(people, task):
    client = reviewer_client(people)
    machine = task.comparison.first_entry.records[0]
    page = client.get(reverse("review", args=[task.pk])).content.decode()
    assert 'name="o0-company-value"' in page and "Change" in page
    data = {"version": task.version, "action": "submit", "c0-choice": "first",
            "o0-company-value": "正しい株式会社", "o0-company-reason": ""}
    response = client.post(reverse("review", args=[task.pk]), data, follow=True)
    assert "say why you changed a value both keyers agreed on" in response.content.decode()
    task.refresh_from_db()
    assert task.decisions["o0.company"] == {"choice": "override", "value": "正しい株式会社", "reason": ""}  # kept
    data.update({"version": task.version, "o0-company-reason": "both keyed the old company name"})
    client.post(reverse("review", args=[task.pk]), {**data, "then": "stop"})
    result = Result.objects.get(document=task.document)
    assert result.records[0]["company"] == "正しい株式会社"
    assert result.provenance[0]["company"] == Result.Provenance.OVERRIDE
    assert result.records[0]["family_name"] == machine["family_name"]
    assert result.notes == [{"record": 0, "field": "company", "provenance": "override",
                             "reason": "both keyed the old company name", "by": "reviewer1"}]
    review_event = HistoryEvent.objects.get(document=task.document, kind=HistoryEvent.Kind.REVIEW)
    assert review_event.data["decisions"] == {"first": 1, "override": 1}
    # Shown in the result's provenance on the document page, and counted in the reports.
    manager = Client(HTTP_ACCEPT_LANGUAGE="en")
    manager.force_login(people["manager1"])
    detail = manager.get(reverse("document_detail", args=[task.document_id])).content.decode()
    assert "Changed by reviewer although both keyers agreed" in detail and "both keyed the old company name" in detail
    report = report_for(period_from_text("2026-01-01..2028-12-31"))
    assert [(r.reviewer, r.overrides) for r in report.reviewers] == [("reviewer1", 1)]


def test_an_unchanged_agreed_value_is_no_override(people, task):
    decisions = {"0": {"choice": "second"}, "o0.company": {"choice": "override", "value": "x", "reason": ""}}
    agreed = task.comparison.parsed().pairs[0]
    company = next(f.b for f in agreed.fields if f.key == "company")
    decisions["o0.company"]["value"] = company
    review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"], decisions=decisions, version=task.version)
    result = Result.objects.get(document=task.document)
    assert result.provenance[0]["company"] == Result.Provenance.AGREED and result.notes == []


def heading(page: str) -> str:
    """The visible text of the first person's heading."""
    start = page.index('id="p1-title"')
    return re.sub(r"<[^>]+>", "", page[page.index(">", start) + 1:page.index("</h2>", start)])


def test_the_person_heading_shows_the_chosen_spelling(people, task):
    client = reviewer_client(people)
    machine_name = task.comparison.first_entry.records[0]["family_name"]
    operator_name = task.comparison.second_entry.records[0]["family_name"]
    page = client.get(reverse("review", args=[task.pk])).content.decode()
    assert f"{machine_name}／{operator_name}" in heading(page)   # undecided: both candidates
    client.post(reverse("review", args=[task.pk]), {"action": "save", "version": task.version, "c0-choice": "first"},
                HTTP_HX_REQUEST="true")
    shown = heading(client.get(reverse("review", args=[task.pk])).content.decode())
    assert machine_name in shown and operator_name not in shown
