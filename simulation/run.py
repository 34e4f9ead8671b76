"""Drive the real workflow with simulated people and a simulated machine keyer.

Everything goes through the services people use: `document_upload` (which renders the PDF and
runs the Celery machine-keying task in-process, where single entry decides), `keying_claim_next` /
`entry_submit`, `review_claim_next` / `review_submit`, and once a simulated day
`single_entry_threshold_update` (the daily beat task). The figures are `reports.selectors.report_for`
— the same as `manage.py report --json` — plus what only a simulation knows: the truth.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth.models import Group, User
from django.test import override_settings
from django.utils import timezone

from dataentry import services
from dataentry.doctypes import ensure_builtin
from dataentry.models import Document, DocumentType
from dataentry.roles import MANAGER, OPERATOR, REVIEWER
from reports.calc import field_matches
from reports.export import report_json
from reports.models import ReportSettings
from reports.selectors import local_tz, period_from_text, report_for
from review import services as review_services
from simulation import machine
from simulation.machine import MachineModel, plan_document
from simulation.people import Person, TimeModel, operator_keying, people, review_decisions
from simulation.truth import generated_document
from singleentry.services import single_entry_policy_set, single_entry_threshold_update

DOCUMENT_TYPE = "personnel_change"
FILENAME_PREFIX = "simulated-"


@dataclass(frozen=True)
class SimulationParams:
    documents: int = 300
    seed: int = 7
    single_entry: bool = False
    machine: MachineModel = field(default_factory=MachineModel)
    time: TimeModel = field(default_factory=TimeModel)
    operator_error: float = 0.005
    reviewer_accuracy: float = 0.99
    operators: int = 3
    reviewers: int = 2
    documents_per_day: int = 30
    target_error: float = 0.005
    audit_share: float = 0.05

    def printable(self) -> dict[str, Any]:
        data = asdict(self)
        data["machine"]["noise_solved_for_auroc"] = round(self.machine.noise, 4)
        data["machine"].pop("noise")
        return data


class SimulationError(Exception):
    pass


def _user(name: str, role: str) -> User:
    user, _ = User.objects.get_or_create(username=name)
    user.groups.add(Group.objects.get(name=role))
    return user


def _expected_two_human_review(truths: list[list[dict]], fields: int, p: TimeModel, error: float) -> float:
    """Mean review time of a document two operators keyed: what the baseline's review would cost."""
    total = 0.0
    for truth in truths:
        n = len(truth) * fields
        differ = 1 - (1 - error) ** 2
        total += (1 - (1 - differ) ** n) * p.review_seconds_per_document + n * differ * p.review_seconds_per_conflict
    return total / max(1, len(truths))


def run_simulation(params: SimulationParams) -> dict[str, Any]:
    """Run on the current database (a fresh one: see the command); return the figures."""
    if Document.objects.exclude(filename__startswith=FILENAME_PREFIX).exists():
        raise SimulationError("this database holds documents that are not simulated; the simulation runs only on a "
                              "fresh database (manage.py simulate makes one)")
    ensure_builtin()
    # The audit draw is a keyed hash: a key derived from the seed makes the run repeatable.
    with override_settings(MACHINE_KEYER="simulated", CELERY_TASK_ALWAYS_EAGER=True,
                           SECRET_KEY=f"twomatch-simulation-{params.seed}-" + "x" * 40):
        machine.clear()
        machine.CURRENT = machine.SimulatedKeyer(model_label=f"simulated-acc{params.machine.accuracy}",
                                                 seconds=params.machine.seconds_per_document)
        try:
            return _run(params)
        finally:
            machine.CURRENT = None
            machine.clear()


def _run(params: SimulationParams) -> dict[str, Any]:
    doctype = DocumentType.objects.get(slug=DOCUMENT_TYPE)
    spec = doctype.spec()
    rng = random.Random(f"simulate:{params.seed}:people")
    operators = people("operator", params.operators, params.time.speed_spread, rng)
    reviewers = people("reviewer", params.reviewers, params.time.speed_spread, rng)
    users = {p.username: _user(p.username, OPERATOR) for p in operators}
    users |= {p.username: _user(p.username, REVIEWER) for p in reviewers}
    manager = _user("sim-manager", MANAGER)

    documents = [generated_document(params.seed, i) for i in range(params.documents)]
    truths = [truth for _, truth in documents]
    report_settings = ReportSettings.load()
    report_settings.baseline_review_seconds = round(
        _expected_two_human_review(truths, len(spec.fields), params.time, params.operator_error), 2)
    report_settings.save()
    single_entry_policy_set(document_type=doctype, actor=manager, enabled=params.single_entry,
                            target_error=params.target_error, audit_share=params.audit_share)

    truth_by_doc: dict[int, list[dict]] = {}
    thresholds: list[dict[str, Any]] = []
    started = timezone.localtime(timezone.now(), local_tz()).date()
    for day_start in range(0, params.documents, params.documents_per_day):
        for index in range(day_start, min(params.documents, day_start + params.documents_per_day)):
            pdf, truth = documents[index]
            plan = plan_document(params.machine, truth, spec, random.Random(f"simulate:{params.seed}:machine:{index}"))
            machine.register(hashlib.sha256(pdf).hexdigest(), plan)
            doc = services.document_upload(data=pdf, filename=f"{FILENAME_PREFIX}{params.seed}-{index + 1:04d}.pdf",
                                           document_type=doctype, uploaded_by=manager)
            truth_by_doc[doc.pk] = truth
        _key_all(params, spec, operators, users, truth_by_doc)
        _review_all(params, spec, reviewers, users, truth_by_doc)
        choice = single_entry_threshold_update(document_type=doctype)
        thresholds.append({"day": day_start // params.documents_per_day + 1, "threshold": choice.threshold,
                           "verified_fields": choice.verified_fields, "note": choice.note})
    finished = timezone.localtime(timezone.now(), local_tz()).date()
    open_docs = Document.objects.exclude(status=Document.Status.ACCEPTED).count()
    if open_docs:
        raise SimulationError(f"{open_docs} document(s) did not reach a result")
    period = period_from_text(f"{started.isoformat()}..{finished.isoformat()}")
    report = report_for(period, DOCUMENT_TYPE)
    out = report_json(report)
    tables = out.pop("tables")
    out["tables"] = {"calibration": tables["calibration"], "reliability": tables["reliability"]}
    # Wall-clock figures of the run itself, not of the simulated work: left out so a seed repeats.
    out.pop("median_upload_to_result_seconds", None)
    out.pop("period", None)
    out.update(_truth_figures(spec, truth_by_doc))
    out["realised_machine"] = _realised_machine(truth_by_doc, spec)
    out["threshold_by_day"] = thresholds
    out["parameters"] = params.printable()
    out["baseline_review_seconds_used"] = report_settings.baseline_review_seconds
    return out


def _in_turns(persons: list[Person], claim, work) -> None:
    """People take the next item in turn (the real claim query decides which) until none has any."""
    idle = turn = 0
    while idle < len(persons):
        person = persons[turn % len(persons)]
        turn += 1
        item = claim(person)
        if item is None:
            idle += 1
            continue
        idle = 0
        work(person, item)


def _key_all(params: SimulationParams, spec, operators: list[Person], users: dict, truth_by_doc: dict) -> None:
    def key(person: Person, entry) -> None:
        truth = truth_by_doc[entry.document_id]
        rng = random.Random(f"simulate:{params.seed}:key:{entry.document_id}:{person.username}")
        records, _slips = operator_keying(truth, spec, params.operator_error, rng)
        seconds = round(params.time.keying_seconds(records, spec, person.speed), 1)
        services.entry_submit(entry_id=entry.pk, operator=users[person.username], records=records,
                              version=entry.version, active_seconds=seconds, wall_seconds=round(seconds * 1.15, 1))

    _in_turns(operators, lambda person: services.keying_claim_next(operator=users[person.username]), key)


def _review_all(params: SimulationParams, spec, reviewers: list[Person], users: dict, truth_by_doc: dict) -> None:
    def review(person: Person, task) -> None:
        parsed = task.comparison.parsed()
        rng = random.Random(f"simulate:{params.seed}:review:{task.document_id}")
        sides = (task.comparison.first_entry.records, task.comparison.second_entry.records)
        decisions, typed = review_decisions(parsed.conflicts, parsed.pairs, sides, truth_by_doc[task.document_id], spec,
                                            params.reviewer_accuracy, rng)
        seconds = round(params.time.review_seconds(len(parsed.conflicts), typed, person.speed), 1)
        review_services.review_submit(task_id=task.pk, reviewer=users[person.username], decisions=decisions,
                                      version=task.version, active_seconds=seconds, wall_seconds=round(seconds * 1.15, 1))

    _in_turns(reviewers, lambda person: review_services.review_claim_next(reviewer=users[person.username]), review)


def _truth_figures(spec, truth_by_doc: dict) -> dict[str, Any]:
    """Accepted fields that differ from the truth, overall and per path."""
    per_path: dict[str, list[int]] = {}
    for doc in Document.objects.filter(pk__in=truth_by_doc).select_related("result"):
        counts = per_path.setdefault(doc.result.path, [0, 0])
        for _, _, ok in field_matches(doc.result.records, truth_by_doc[doc.pk], spec):
            counts[0] += int(not ok)
            counts[1] += 1
    wrong = sum(c[0] for c in per_path.values())
    total = sum(c[1] for c in per_path.values())
    machine_only = per_path.get("machine_only", [0, 0])
    return {
        "true_error_rate": round(wrong / total, 6) if total else None,
        "true_errors": wrong,
        "accepted_fields": total,
        "true_error_rate_machine_only": round(machine_only[0] / machine_only[1], 6) if machine_only[1] else None,
        "true_error_by_path": {p: {"errors": c[0], "fields": c[1]} for p, c in sorted(per_path.items())},
    }


def _realised_machine(truth_by_doc: dict, spec) -> dict[str, Any]:
    """The machine's accuracy and AUROC as they came out of the draws (against the truth)."""
    from dataentry.models import Entry

    right, wrong = [], []
    for entry in Entry.objects.filter(document_id__in=truth_by_doc, source=Entry.Source.MACHINE):
        truth = truth_by_doc[entry.document_id]
        for i, record in enumerate(entry.records):
            for f in spec.fields:
                ok = i < len(truth) and record.get(f.key, "") == truth[i].get(f.key, "")
                (right if ok else wrong).append(entry.confidence[i][f.key])
    pairs = 0.0
    ranked = sorted([(c, 1) for c in right] + [(c, 0) for c in wrong])
    below = 0
    i = 0
    while i < len(ranked):  # ties count one half
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        group_right = sum(label for _, label in ranked[i:j])
        group_wrong = (j - i) - group_right
        pairs += group_right * (below + group_wrong / 2)
        below += group_wrong
        i = j
    fields = len(right) + len(wrong)
    return {"fields": fields, "accuracy": round(len(right) / fields, 4) if fields else None,
            "auroc": round(pairs / (len(right) * len(wrong)), 4) if right and wrong else None}
