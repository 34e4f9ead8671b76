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


# --- streamed exports (issue 14): constant memory on any number of results ---------------------

def _field_keys(document_types) -> list[str]:
    keys: list[str] = []
    for doc_type in document_types:
        for f in doc_type.field_definitions.all():
            if f.key not in keys:
                keys.append(f.key)
    return keys


def stream_header(document_types) -> list[str]:
    keys = _field_keys(document_types)
    return ["document_id", "filename", "document_type", "path", "accepted_at", "record", *keys,
            *[f"{k}__provenance" for k in keys]]


def stream_rows(results):
    """One row per person, in the same columns as `export_rows`; `results` may be an iterator."""
    for result in results:
        _, rows = export_rows([result])
        yield from rows


class _Line:
    """A file-like object whose write() hands back what csv.writer wrote, one line at a time."""

    def write(self, text: str) -> str:
        return text


def stream_csv(header: list[str], rows):
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(header)  # BOM so that Excel opens the Japanese text as UTF-8
    for row in rows:
        yield writer.writerow([spreadsheet_safe(row.get(key, "")) for key in header])


def stream_json(items):
    """A JSON array written one item at a time."""
    import json

    yield "[\n"
    first = True
    for item in items:
        yield ("" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]\n"


def export_json_items(results):
    for result in results:
        yield from export_json([result])


def write_xlsx(header: list[str], rows, path, *, title: str = "results") -> None:
    """Write-only workbook: openpyxl streams rows to disk instead of holding them in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(header)

    def cell(value):
        if isinstance(value, str) and value[:1] == "=":
            # openpyxl would store it as a formula; keyed text must stay text.
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"
            return text
        return value

    for row in rows:
        sheet.append([cell(row.get(key, "")) for key in header])
    book.save(path)
