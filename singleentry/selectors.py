"""Reads of single entry: verified fields, audit figures, the guard's bound, managers' notices."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from dataentry.intervals import trials_needed, wilson_interval, wilson_upper
from dataentry.models import Document, DocumentType, Entry, Result
from reports.calc import MachineKeying, field_confidence, field_matches
from singleentry.models import SingleEntryDecision, SingleEntryPolicy

# Fields whose truth a person confirmed: the machine keyed them and an operator keyed them blind.
VERIFIED_PATHS = (Result.Path.AUTO, Result.Path.REVIEWED)


def keyer_version(entry: Entry) -> str:
    """What a threshold is valid for: another model or prompt has other confidences."""
    return f"{entry.keyer}|{entry.model_name}|{entry.prompt_version}"


def latest_keyer_version(document_type: DocumentType) -> str:
    entry = (Entry.objects.filter(document__document_type=document_type, source=Entry.Source.MACHINE)
             .order_by("-submitted_at", "-id").first())
    return keyer_version(entry) if entry is not None else ""


def verified_points(document_type: DocumentType, version: str) -> list[tuple[float, bool]]:
    """(confidence, machine value right) for every verified machine field of this keyer version.

    Right = equal, under the comparison rules, to the accepted result. A field without a
    confidence is left out; a person the machine missed counts against nothing (it has no
    confidence), a person it invented counts as wrong in every field."""
    keyer, model, prompt = (version.split("|") + ["", "", ""])[:3]
    spec = document_type.spec()
    rows = (Entry.objects.filter(document__document_type=document_type, source=Entry.Source.MACHINE, keyer=keyer,
                                 model_name=model, prompt_version=prompt, document__status=Document.Status.ACCEPTED,
                                 document__result__path__in=VERIFIED_PATHS)
            .values_list("records", "confidence", "document__result__records"))
    points: list[tuple[float, bool]] = []
    for records, confidence, result in rows.iterator():
        machine = MachineKeying(keyer=keyer, records=records or [], confidence=confidence)
        for index, key, ok in field_matches(machine.records, result or [], spec):
            value = field_confidence(machine, index, key)
            if value is not None:
                points.append((value, ok))
    return points


@dataclass(frozen=True)
class AuditFigures:
    audits: int
    fields: int
    errors: int

    @property
    def rate(self) -> float | None:
        return self.errors / self.fields if self.fields else None

    @property
    def interval(self) -> tuple[float | None, float | None]:
        return wilson_interval(self.errors, self.fields)


def audit_figures(policy: SingleEntryPolicy) -> AuditFigures:
    """Finished audits of qualifying documents since single entry was last switched on."""
    done = SingleEntryDecision.objects.filter(document_type_id=policy.document_type_id,
                                              outcome=SingleEntryDecision.Outcome.AUDIT, audited_at__isnull=False)
    if policy.enabled_at is not None:
        done = done.filter(created_at__gte=policy.enabled_at)
    sums = done.aggregate(fields=Sum("audit_fields"), errors=Sum("audit_errors"))
    return AuditFigures(audits=done.count(), fields=sums["fields"] or 0, errors=sums["errors"] or 0)


@dataclass(frozen=True)
class GuardBound:
    upper: float
    fields: int
    errors: int
    basis: str  # "audits" or "audits + threshold evidence"


def guard_bound(policy: SingleEntryPolicy, audits: AuditFigures) -> GuardBound:
    """The upper bound the guard holds against the target.

    Until the audits alone have enough fields to be judged (the fewest error-free fields whose
    bound reaches the target), they are pooled with the verified fields at or above the
    threshold that justified switching on: each audit error pushes that bound up, and a few
    error-free audits do not trip it. After that the audits stand alone, so that a keyer that
    got worse is not hidden behind old evidence."""
    if audits.fields >= trials_needed(policy.target_error):
        return GuardBound(wilson_upper(audits.errors, audits.fields), audits.fields, audits.errors, "audits")
    fields = audits.fields + policy.threshold_fields
    errors = audits.errors + policy.threshold_errors
    return GuardBound(wilson_upper(errors, fields), fields, errors, "audits + threshold evidence")


def manager_notices() -> list[SingleEntryPolicy]:
    """Types whose single entry the guard switched off and nobody switched on again."""
    return list(SingleEntryPolicy.objects.filter(enabled=False).exclude(switched_off_reason="")
                .select_related("document_type").order_by("-switched_off_at"))
