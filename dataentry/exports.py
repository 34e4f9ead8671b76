"""Export of accepted records: one row per person, with document id, file name and provenance."""
from __future__ import annotations

import csv
import io


# A cell starting with one of these is a formula (or DDE call) in spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe, so keyed or
    admin-typed text stays text; numbers (negative ones too) and empty cells stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(results) -> tuple[list[str], list[dict]]:
    header = ["document_id", "filename", "document_type", "path", "accepted_at", "record"]
    keys: list[str] = []
    rows = []
    for result in results:
        doc = result.document
        for f in doc.document_type.field_definitions.all():
            if f.key not in keys:
                keys.append(f.key)
        for index, record in enumerate(result.records):
            provenance = result.provenance[index] if index < len(result.provenance) else {}
            row = {
                "document_id": doc.pk, "filename": doc.filename, "document_type": doc.document_type.slug,
                "path": result.path, "accepted_at": result.created_at.isoformat(), "record": index + 1,
            }
            for key, value in record.items():
                row[key] = value
                row[f"{key}__provenance"] = provenance.get(key, "")
            rows.append(row)
    header += keys + [f"{k}__provenance" for k in keys]
    return header, rows


def export_csv(results) -> str:
    header, rows = export_rows(results)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return out.getvalue()


def export_json(results) -> list[dict]:
    out = []
    for result in results:
        doc = result.document
        out.append({
            "document_id": doc.pk, "filename": doc.filename, "document_type": doc.document_type.slug,
            "path": result.path, "accepted_at": result.created_at.isoformat(),
            "records": [
                {key: {"value": value, "provenance": (result.provenance[i] if i < len(result.provenance) else {}).get(key, "")}
                 for key, value in record.items()}
                for i, record in enumerate(result.records)
            ],
        })
    return out
