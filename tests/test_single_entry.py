"""Single entry (issue 15): the threshold from verified data, machine-only acceptance and its
audits through the real machine-keying task, the guard, and the simulator's repeatability."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from dataentry import services
from dataentry.intervals import trials_needed, wilson_upper
from dataentry.models import Document, DocumentType, HistoryEvent, Result
from review import services as review_services
from simulation import machine
from simulation.machine import MachinePlan
from simulation.truth import generated_document
from singleentry.models import SingleEntryDecision, SingleEntryPolicy
from singleentry.services import single_entry_policy_set, single_entry_threshold_update
from singleentry.threshold import choose_threshold

REPO = Path(__file__).resolve().parent.parent
TARGET = 0.005


# --- the threshold, on constructed verified data ------------------------------------------------

def test_the_threshold_is_the_lowest_confidence_whose_upper_bound_stays_under_the_target():
    points = [(0.999, True)] * 1000 + [(0.97, True)] * 290 + [(0.97, False)] * 1 + [(0.9, True)] * 190 \
        + [(0.9, False)] * 10 + [(0.5, True)] * 400 + [(0.5, False)] * 100
    choice = choose_threshold(points, TARGET)
    # ≥ 0.999: 0 of 1000 (bound 0.38 %); ≥ 0.97: 1 of 1291 (bound 0.44 %); ≥ 0.9: 11 of 1491 (0.74 % > 0.5 %).
    assert choice.threshold == 0.97
    assert (choice.fields, choice.errors) == (1291, 1)
    assert choice.upper == pytest.approx(wilson_upper(1, 1291))
    assert choice.upper <= TARGET < wilson_upper(11, 1491)
    assert {round(p.confidence, 3) for p in choice.curve} >= {0.999, 0.97, 0.9, 0.5}


def test_too_little_verified_data_keeps_single_entry_off_and_says_how_much_more():
    choice = choose_threshold([(0.99, True)] * 300, TARGET)
    assert choice.threshold is None
    assert choice.needed_fields == trials_needed(TARGET) == 765
    assert choice.more_needed == 765 - 300
    assert "at least 465 more verified fields" in choice.note


def test_a_machine_worse_than_the_target_everywhere_is_never_trusted():
    choice = choose_threshold([(0.99, False)] * 30 + [(0.99, True)] * 970, TARGET)
    assert choice.threshold is None and choice.more_needed is None
    assert "will not switch single entry on" in choice.note


# --- through the workflow ---------------------------------------------------------------------

@pytest.fixture
def simulated_keyer(settings):
    settings.MACHINE_KEYER = "simulated"
    machine.CURRENT = machine.SimulatedKeyer(model_label="sim-test", seconds=2.0)
    yield machine.CURRENT
    machine.CURRENT = None
    machine.clear()


def _confident_plan(truth, spec, *, wrong_fields=(), confidence=0.999) -> MachinePlan:
    records = []
    for i, record in enumerate(truth):
        row = dict(record)
        for key in wrong_fields if i == 0 else ():
            row[key] = row[key] + "X"
        records.append(row)
    return MachinePlan(records=records, confidence=[{f.key: confidence for f in spec.fields} for _ in truth],
                       wrong=len(wrong_fields))


def _upload(index, manager, *, plan_for):
    doctype = DocumentType.objects.get(slug="personnel_change")
    pdf, truth = generated_document(5, index)
    machine.register(hashlib.sha256(pdf).hexdigest(), plan_for(truth, doctype.spec()))
    doc = services.document_upload(data=pdf, filename=f"se-{index}.pdf", document_type=doctype, uploaded_by=manager)
    doc.refresh_from_db()
    return doc, truth


def _switch_on(manager, *, threshold=0.99, audit_share=0.0, evidence=(800, 0)):
    doctype = DocumentType.objects.get(slug="personnel_change")
    single_entry_policy_set(document_type=doctype, actor=manager, enabled=True, audit_share=audit_share)
    # A threshold as single_entry_threshold_update would store it after enough verified data.
    SingleEntryPolicy.objects.filter(document_type=doctype).update(
        threshold=threshold, keyer_version="simulated|sim-test|simulated", threshold_fields=evidence[0],
        threshold_errors=evidence[1])
    return doctype


def _key_and_resolve(doc, truth, people):
    entry = services.keying_claim_next(operator=people["operator1"])
    assert entry is not None and entry.document_id == doc.pk
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=truth, version=entry.version,
                          active_seconds=120, wall_seconds=130)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    if task is not None:
        decisions = {str(i): {"choice": "second"} for i, _ in enumerate(task.comparison.parsed().conflicts)}
        review_services.review_submit(task_id=task.pk, reviewer=people["reviewer1"], decisions=decisions,
                                      version=task.version, active_seconds=20)
    doc.refresh_from_db()
    return doc


@pytest.mark.django_db(transaction=True)
def test_a_sure_machine_keying_is_accepted_alone_except_the_audited_ones(people, simulated_keyer):
    manager = people["manager1"]
    _switch_on(manager, audit_share=0.0)

    # The first qualifying document of the day is always audited: keyed blind and compared as usual.
    audited, truth = _upload(0, manager, plan_for=_confident_plan)
    assert audited.status == Document.Status.KEYING
    assert audited.single_entry.outcome == SingleEntryDecision.Outcome.AUDIT
    assert not Result.objects.filter(document=audited).exists()

    # The next one (audit share 0) is accepted on the machine's keying alone, and no operator gets it.
    alone, alone_truth = _upload(1, manager, plan_for=_confident_plan)
    assert alone.status == Document.Status.ACCEPTED
    assert alone.result.path == Result.Path.MACHINE_ONLY
    assert {p for row in alone.result.provenance for p in row.values()} == {"machine-only"}
    assert len(alone.result.records) == len(alone_truth)
    assert "single entry" in alone.history.filter(to_status=Document.Status.ACCEPTED).get().note

    # A keying with one field under the threshold goes to double entry, and records no decision.
    unsure, _ = _upload(2, manager, plan_for=lambda t, s: _confident_plan(t, s, confidence=0.5))
    assert unsure.status == Document.Status.KEYING
    assert not SingleEntryDecision.objects.filter(document=unsure).exists()

    # The operator's queue holds the audited and the unsure document, never the machine-only one.
    _key_and_resolve(audited, truth, people)
    decision = SingleEntryDecision.objects.get(document=audited)
    assert decision.audit_fields == len(truth) * 8 and decision.audit_errors == 0
    assert services.keying_claim_next(operator=people["operator1"]).document_id == unsure.pk
    assert SingleEntryPolicy.objects.get().enabled

    # The managers' figures: one machine-only document of the two accepted, one audit behind it.
    out = io.StringIO()
    call_command("report", "--json", "-", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["paths"]["machine_only"] == 1 and figures["single_entry_documents"] == 1
    assert figures["single_entry_share"] == 0.5
    assert figures["single_entry_audits"] == 1 and figures["single_entry_audit_fields"] == len(truth) * 8
    assert figures["single_entry_error_rate"] == 0.0
    assert figures["single_entry_error_ci_high"] == pytest.approx(wilson_upper(0, len(truth) * 8), abs=1e-6)
    # Nobody keyed the machine-only document: both keyings and the two-human review were saved.
    assert figures["hours_saved"] > figures["hours_saved_without_single_entry"]


@pytest.mark.django_db(transaction=True)
def test_audits_with_machine_errors_switch_single_entry_off_and_tell_managers(people, simulated_keyer, client, login):
    manager = people["manager1"]
    _switch_on(manager, audit_share=1.0, evidence=(800, 0))
    # Confident and wrong in six fields of the first person: the audit catches it.
    doc, truth = _upload(3, manager, plan_for=lambda t, s: _confident_plan(
        t, s, wrong_fields=("family_name", "given_name", "company", "new_post", "old_post", "given_name_kana")))
    assert doc.single_entry.outcome == SingleEntryDecision.Outcome.AUDIT
    doc = _key_and_resolve(doc, truth, people)
    assert doc.status == Document.Status.ACCEPTED and doc.result.path == Result.Path.REVIEWED

    policy = SingleEntryPolicy.objects.get()
    assert not policy.enabled
    assert "6 machine error(s)" in policy.switched_off_reason
    event = HistoryEvent.objects.filter(kind=HistoryEvent.Kind.SINGLE_ENTRY, note__contains="switched off").get()
    assert event.data["errors"] == 6 and event.data["upper"] > TARGET

    # Off means off: the next sure keying goes to people again.
    nxt, _ = _upload(4, manager, plan_for=_confident_plan)
    assert nxt.status == Document.Status.KEYING
    page = login(manager).get(reverse("reports:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "was switched off" in page and "6 machine error(s)" in page


@pytest.mark.django_db(transaction=True)
def test_error_free_audits_leave_single_entry_on(people, simulated_keyer):
    manager = people["manager1"]
    _switch_on(manager, audit_share=1.0, evidence=(800, 0))
    doc, truth = _upload(3, manager, plan_for=_confident_plan)
    _key_and_resolve(doc, truth, people)
    assert SingleEntryPolicy.objects.get().enabled


@pytest.mark.django_db(transaction=True)
def test_the_threshold_is_chosen_from_double_entry_results_only(people, simulated_keyer, client):
    manager = people["manager1"]
    doctype = DocumentType.objects.get(slug="personnel_change")
    single_entry_policy_set(document_type=doctype, actor=manager, enabled=True)
    doc, truth = _upload(6, manager, plan_for=lambda t, s: _confident_plan(t, s, wrong_fields=("company",)))
    _key_and_resolve(doc, truth, people)
    choice = single_entry_threshold_update(document_type=doctype)
    policy = SingleEntryPolicy.objects.get()
    # One document is far too little: single entry stays off, and the policy says how much is missing.
    assert choice.threshold is None and policy.threshold is None and not policy.active
    assert (policy.verified_fields, policy.verified_errors) == (len(truth) * 8, 1)
    assert "more verified fields are needed" in policy.note

    # The admin page shows the evidence and the curve behind it.
    admin_user = User.objects.create_superuser("admin-se", password="x-admin-pass-123")
    client.force_login(admin_user)
    page = client.get(reverse("admin:singleentry_singleentrypolicy_change", args=[policy.pk])).content.decode()
    assert "more verified fields are needed" in page and "upper bound" in page and "<svg" in page


# --- the simulator ----------------------------------------------------------------------------

def _simulate(tmp_path: Path, name: str) -> dict:
    env = {**os.environ, "SECRET_KEY": "x-test-only-0123456789abcdefghijklmnop",
           # The configured database; the simulation must not touch it.
           "DATABASE_URL": f"sqlite:///{tmp_path / 'configured.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media")}
    out = tmp_path / f"{name}.json"
    subprocess.run([sys.executable, "manage.py", "simulate", "--documents", "8", "--seed", "3", "--per-day", "4",
                    "--single-entry", "on", "--json", str(out)], cwd=REPO, env=env, check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_simulator_repeats_itself_for_a_seed_and_leaves_the_configured_database_alone(tmp_path):
    first, second = _simulate(tmp_path, "a"), _simulate(tmp_path, "b")
    first.pop("run_seconds"), second.pop("run_seconds")
    assert first == second
    assert first["documents"] == 8 and first["accepted_fields"] > 0
    assert first["parameters"]["machine"]["accuracy"] == 0.96 and first["parameters"]["seed"] == 3
    assert 0 <= first["true_error_rate"] < 0.05
    assert not (tmp_path / "configured.sqlite3").exists()
