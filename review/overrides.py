"""A reviewer changes a value both keyers agreed on (issue 14): both can be wrong the same way.

An override is an explicit decision with a reason, kept in `ReviewTask.decisions` beside the
conflict decisions under the key "o{pair}.{field}" as {"choice": "override", "value", "reason"},
so the review history and the reports count it like any other choice. Pure functions: no database.
"""
from __future__ import annotations

from dataentry.comparison import MATCHED, ComparisonResult
from dataentry.records import canonical_value
from dataentry.spec import DocumentTypeSpec

OVERRIDE = "override"
PREFIX = "o"


def override_key(pair: int, field: str) -> str:
    return f"{PREFIX}{pair}.{field}"


def overrides_from_post(post) -> dict:
    """Posted "o{pair}-{field}-value" / "-reason" pairs, as undecided override candidates."""
    found = {}
    for name, value in post.items():
        if not (name.startswith(PREFIX) and name.endswith("-value")):
            continue
        pair, _, field = name[len(PREFIX):-len("-value")].partition("-")
        if pair.isdigit() and field:
            found[override_key(int(pair), field)] = {
                "choice": OVERRIDE, "value": str(value)[:500],
                "reason": str(post.get(f"{PREFIX}{pair}-{field}-reason", ""))[:500],
            }
    return found


def agreed_values(parsed: ComparisonResult) -> dict[str, str]:
    """{override key: the agreed (second keyer's) value} of every field both keyers agreed on."""
    return {
        override_key(index, f.key): f.b
        for index, pair in enumerate(parsed.pairs) if pair.kind == MATCHED
        for f in pair.fields if f.agree
    }


def clean_overrides(decisions: dict, parsed: ComparisonResult, spec: DocumentTypeSpec, *, complete: bool) -> dict:
    """The overrides that change an agreed value. An unchanged value is no override; a changed one
    needs a reason before the review can be submitted (a draft keeps it without one)."""
    from django.utils.translation import gettext

    from dataentry.services import WorkflowError

    agreed = agreed_values(parsed)
    cleaned = {}
    for key, decision in decisions.items():
        if not (isinstance(decision, dict) and decision.get("choice") == OVERRIDE and key in agreed):
            continue
        field = spec.field(key.partition(".")[2])
        value = str(decision.get("value", ""))
        if canonical_value(value, field) == canonical_value(agreed[key], field):
            continue
        reason = str(decision.get("reason", "")).strip()
        if complete and not reason:
            person = int(key[len(PREFIX):].partition(".")[0]) + 1
            raise WorkflowError(gettext("Person %(n)d, %(field)s: say why you changed a value both keyers agreed on.")
                                % {"n": person, "field": field.label})
        cleaned[key] = {"choice": OVERRIDE, "value": value, "reason": reason}
    return cleaned


def apply_overrides(pair_index: int, row: dict, provenance: dict, decisions: dict, spec: DocumentTypeSpec,
                    override_provenance: str) -> list[dict]:
    """Put the overridden values of one person into its result row; returns the notes (with reasons)."""
    notes = []
    for f in spec.fields:
        decision = decisions.get(override_key(pair_index, f.key))
        if decision is None or decision.get("choice") != OVERRIDE:
            continue
        row[f.key] = canonical_value(decision["value"], f)
        provenance[f.key] = override_provenance
        notes.append({"field": f.key, "provenance": override_provenance, "reason": decision["reason"]})
    return notes
