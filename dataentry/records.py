"""Shape of keyed records: what is stored from a form or a model, and the canonical form of accepted values."""
from __future__ import annotations

from dataclasses import replace

from dataentry.spec import DocumentTypeSpec, FieldSpec


def clean_records(records, spec: DocumentTypeSpec, *, keep_empty: bool = False) -> list[dict[str, str]]:
    """Keep only the type's fields, as strings capped at their max length.

    Input is untrusted (a browser or a model): anything that is not a list of mappings is
    dropped rather than stored. Rows with nothing typed are dropped on submit (keep_empty=False)
    but kept in drafts, where an operator may have just added an empty row.
    """
    cleaned: list[dict[str, str]] = []
    if not isinstance(records, list):
        return cleaned
    for record in records[: spec.max_records]:
        if not isinstance(record, dict):
            continue
        row = {}
        for f in spec.fields:
            value = record.get(f.key, "")
            value = value if isinstance(value, str) else ("" if value is None else str(value))
            # NUL cannot be stored in PostgreSQL text/JSON and is never part of a keyed value.
            row[f.key] = value.replace("\x00", "").strip()[: f.max_length]
        if keep_empty or any(row.values()):
            cleaned.append(row)
    return cleaned


def canonical_value(value: str, field: FieldSpec) -> str:
    """The form an accepted value is written in: the comparison normalisation of its kind, except
    that variant kanji are never folded (a name is kept as printed)."""
    from dataentry.normalization import normalize

    return normalize(value, replace(field, variant_kanji=False))
