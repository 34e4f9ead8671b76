"""The report as tables (pages and CSV share them), as JSON (the command) and as text (the command's output).

Pure: takes a `reports.calc.Report`, touches no database.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dataentry.exports import spreadsheet_safe
from dataentry.spec import ResultPath
from reports.calc import Report

TEXT, INT, HOURS, PCT, SECONDS, MONEY, NUMBER, WHEN = "text", "int", "hours", "pct", "seconds", "money", "number", "when"

PATH_LABELS = {
    ResultPath.AUTO: "auto-accepted (machine = human)",
    ResultPath.REVIEWED: "reviewed (machine vs human)",
    ResultPath.AUTO_HUMANS: "fallback, auto-accepted (human = human)",
    ResultPath.REVIEWED_HUMANS: "fallback, reviewed (human vs human)",
    ResultPath.MACHINE_ONLY: "single entry (machine only)",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c.label for c in self.columns])
        for row in self.rows:
            writer.writerow([spreadsheet_safe(_csv_value(row.get(c.key))) for c in self.columns])
        return out.getvalue()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def _frac(correct: int, total: int) -> float | None:
    return correct / total if total else None


# --- tables ---------------------------------------------------------------------------------

def figures_table(report: Report) -> Table:
    f = report.figures()
    cur = report.config.currency
    rows = [
        ("documents", "Documents accepted", f["documents"], INT),
        ("auto_accept_rate", "Share auto-accepted (no review)", f["auto_accept_rate"], PCT),
        ("machine_auto_accept_rate", "Share auto-accepted, machine documents", f["machine_auto_accept_rate"], PCT),
        ("fallback_documents", "Keyed by two operators (the machine could not)", f["fallback_documents"], INT),
        ("conflicts_per_document", "Conflicts per document", f["conflicts_per_document"], NUMBER),
        ("hours_keying", "Operator keying hours", f["hours_keying"], HOURS),
        ("hours_review", "Reviewer hours", f["hours_review"], HOURS),
        ("hours_saved", "Hours saved", f["hours_saved"], HOURS),
        ("hours_baseline", "Hours two humans would have needed", f["hours_baseline"], HOURS),
        ("reduction", "Reduction against the two-human baseline", f["reduction"], PCT),
        ("hours_abandoned_drafts", "Hours in keyings never submitted (lost claims)", f["hours_abandoned_drafts"], HOURS),
        ("median_upload_to_result_seconds", "Median time from upload to result (s)", f["median_upload_to_result_seconds"], SECONDS),
        ("labour_saved", f"Labour saved A ({cur})", f["labour_saved"], MONEY),
        ("machine_cost", f"Machine cost B ({cur})", f["machine_cost"], MONEY),
        ("net_benefit", f"Net benefit A − B ({cur})", f["net_benefit"], MONEY),
        ("single_entry_documents", "Accepted on the machine's keying alone (single entry)", f["single_entry_documents"], INT),
        ("single_entry_share", "Share accepted machine-only", f["single_entry_share"], PCT),
        ("single_entry_audits", "Audits of qualifying documents", f["single_entry_audits"], INT),
        ("single_entry_error_rate", "Machine error rate in those audits (per field)", f["single_entry_error_rate"], PCT),
        ("single_entry_error_ci_high", "… upper end of its 95 % interval", f["single_entry_error_ci_high"], PCT),
        ("hours_saved_without_single_entry", "Hours saved had those documents gone through double entry",
         f["hours_saved_without_single_entry"], HOURS),
    ]
    return Table("figures", "Figures", (Column("figure", "Figure"), Column("value", "Value", "by_row")),
                 [{"key": k, "figure": label, "value": value, "kind": kind} for k, label, value, kind in rows])


def trend_table(report: Report) -> Table:
    return Table("trend", f"Per {report.bucket}", (
        Column("label", report.bucket.capitalize()), Column("documents", "Documents accepted", INT),
        Column("auto", "Auto-accepted (machine = operator)", INT),
        Column("reviewed", "Reviewed (machine vs operator)", INT), Column("fallback", "Keyed by two operators", INT),
        Column("hours_keying", "Keying hours", HOURS), Column("hours_review", "Review hours", HOURS),
        Column("hours_saved", "Hours saved", HOURS),
    ), [dict(vars(r)) for r in report.trend])


def documents_table(report: Report) -> Table:
    return Table("documents", "Time saved per document", (
        Column("document_id", "Document", INT), Column("document_type", "Type"), Column("accepted_at", "Accepted", WHEN),
        Column("path", "Path"), Column("keying_seconds", "Keying (s)", SECONDS), Column("keying_measure", "Measured by"),
        Column("second_keying_estimate", "Avoided 2nd keying (s)", SECONDS), Column("estimate_source", "Estimated from"),
        Column("review_seconds", "Review (s)", SECONDS), Column("baseline_review_seconds", "Baseline review (s)", SECONDS),
        Column("saved_seconds", "Saved (s)", SECONDS), Column("note", "Note"),
    ), [vars(s) | {"path": PATH_LABELS.get(s.path, s.path)} for s in report.savings])


def baseline_table(report: Report) -> Table:
    return Table("baseline", "Expected review time of a two-human document", (
        Column("document_type", "Type"), Column("seconds", "Seconds", SECONDS), Column("source", "Source"),
        Column("documents", "Two-human documents measured", INT), Column("required", "Needed before measured is used", INT),
    ), [vars(b) for b in report.baselines])


def model_fields_table(report: Report) -> Table:
    human = report.operator_field_accuracy
    return Table("model_fields", "Accuracy per field: machine and operators against the accepted result", (
        Column("field", "Field"), Column("label", "Label"), Column("model", "Machine", PCT),
        Column("model_fields", "Machine fields", INT),
        Column("operators", "Operators", PCT), Column("operator_fields", "Operator fields", INT),
    ), [
        {"field": k, "label": report.field_labels.get(k, ""), "model": report.model_field_accuracy[k].fraction if k in report.model_field_accuracy else None,
         "model_fields": report.model_field_accuracy[k].total if k in report.model_field_accuracy else 0,
         "operators": human[k].fraction if k in human else None, "operator_fields": human[k].total if k in human else 0}
        for k in dict.fromkeys([*report.model_field_accuracy, *human])
    ])


def model_accuracy_table(report: Report) -> Table:
    return Table("model_accuracy", "Machine accuracy per model and prompt version", (
        Column("who", "Model"), Column("prompt_version", "Prompt version"), Column("field", "Field"),
        Column("label", "Label"), Column("accuracy", "Accuracy", PCT), Column("correct", "Equal", INT), Column("total", "Fields", INT),
    ), [vars(r) | {"accuracy": r.fraction, "label": report.field_labels.get(r.field, "")}
        for r in report.model_accuracy])


def model_persons_table(report: Report) -> Table:
    return Table("model_persons", "People the machine missed or added", (
        Column("model", "Model"), Column("missed", "Missed", INT), Column("extra", "Extra", INT),
    ), [{"model": k, **v} for k, v in report.model_persons.items()])


def operator_accuracy_table(report: Report) -> Table:
    return Table("operator_accuracy", "Operator accuracy per field", (
        Column("who", "Operator"), Column("field", "Field"), Column("label", "Label"), Column("accuracy", "Accuracy", PCT),
        Column("correct", "Equal", INT), Column("total", "Fields", INT),
    ), [vars(r) | {"accuracy": r.fraction, "label": report.field_labels.get(r.field, "")}
        for r in report.operator_accuracy])


def reliability_table(report: Report) -> Table:
    return Table("reliability", "Reliability: machine confidence against observed accuracy", (
        Column("bucket", "Confidence"), Column("fields", "Fields", INT), Column("correct", "Equal", INT),
        Column("accuracy", "Observed accuracy", PCT), Column("mean_confidence", "Mean confidence", NUMBER),
    ), [vars(r) | {"accuracy": r.accuracy} for r in report.reliability])


def calibration_table(report: Report) -> Table:
    """Per keyer, on verified fields: expected calibration error and the reliability bins behind it."""
    return Table("calibration", "Calibration per keyer (verified fields): confidence against observed accuracy", (
        Column("keyer", "Keyer"), Column("ece", "Expected calibration error", NUMBER), Column("bucket", "Confidence"),
        Column("fields", "Fields", INT), Column("accuracy", "Observed accuracy", PCT),
        Column("mean_confidence", "Mean confidence", NUMBER),
    ), [{"keyer": c.keyer, "ece": c.ece, "bucket": b.bucket, "fields": b.fields, "accuracy": b.accuracy,
         "mean_confidence": b.mean_confidence} for c in report.calibration for b in c.bins if b.fields])


def cost_table(report: Report) -> Table:
    f = report.figures()
    cur = report.config.currency
    rows = [
        ("hours_saved", "Hours saved", f["hours_saved"], HOURS),
        ("labour_cost_per_hour", f"Labour cost per hour ({cur})", f["labour_cost_per_hour"], MONEY),
        ("labour_saved", f"A: labour saved ({cur})", f["labour_saved"], MONEY),
        ("gpu_hours", f"GPU hours ({f['gpu_hours_source']})", f["gpu_hours"], HOURS),
        ("gpu_cost_per_hour", f"GPU cost per hour ({cur})", f["gpu_cost_per_hour"], MONEY),
        ("machine_cost", f"B: machine cost ({cur})", f["machine_cost"], MONEY),
        ("net_benefit", f"A − B ({cur})", f["net_benefit"], MONEY),
        ("labour_saved_per_document", f"Labour saved per document ({cur})", f["labour_saved_per_document"], MONEY),
        ("machine_cost_per_document", f"Machine cost per document ({cur})", f["machine_cost_per_document"], MONEY),
        ("break_even_documents_per_month", "Break-even documents per month", f["break_even_documents_per_month"], INT),
    ]
    return Table("cost", "Cost and benefit", (Column("figure", "Figure"), Column("value", "Value", "by_row")),
                 [{"key": k, "figure": label, "value": value, "kind": kind} for k, label, value, kind in rows])


def machine_time_table(report: Report) -> Table:
    from reports.calc import CPU_KEYERS

    return Table("machine_time", "Measured machine keying time (every attempt)", (
        Column("keyer", "Keyer"), Column("runs_on", "Runs on"), Column("seconds", "Seconds", SECONDS),
        Column("hours", "Hours", HOURS), Column("charged", "Charged at the GPU rate"),
    ), [{"keyer": k, "runs_on": "CPU" if k in CPU_KEYERS else "GPU", "seconds": s, "hours": s / 3600,
         "charged": "no" if k in CPU_KEYERS else "yes"}
        for k, s in sorted(report.gpu_seconds_by_keyer.items())])


def operators_table(report: Report) -> Table:
    return Table("operators", "Operators", (
        Column("operator", "Operator"), Column("documents", "Documents", INT), Column("hours", "Keying hours", HOURS),
        Column("median_seconds_per_document", "Median s / document", SECONDS),
        Column("median_seconds_per_field", "Median s / field", NUMBER),
        Column("agreement_with_model", "Agreement with the model", PCT),
        Column("fields_compared_with_model", "Fields compared", INT),
        Column("accuracy", "Accuracy against result", PCT), Column("fields_checked", "Fields checked", INT),
        Column("wall_time_keyings", "Keyings timed by wall clock", INT),
    ), [vars(r) for r in report.operators])


def reviewers_table(report: Report) -> Table:
    return Table("reviewers", "Reviewers", (
        Column("reviewer", "Reviewer"), Column("documents", "Documents", INT), Column("hours", "Review hours", HOURS),
        Column("conflicts", "Conflicts", INT), Column("median_seconds_per_document", "Median s / document", SECONDS),
        Column("median_seconds_per_conflict", "Median s / conflict", NUMBER),
        Column("machine_chosen", "Machine value chosen (machine documents)", INT),
        Column("human_chosen", "Operator value chosen (machine documents)", INT),
        Column("typed", "Typed corrections (all documents)", INT),
        Column("overrides", "Agreed values changed on purpose (all documents)", INT),
        Column("agreement_with_model", "Agreement with the model (machine documents)", PCT),
        Column("wall_time_reviews", "Reviews timed by wall clock", INT),
    ), [vars(r) for r in report.reviewers])


TABLES = {
    "figures": figures_table, "trend": trend_table, "documents": documents_table, "baseline": baseline_table,
    "model_fields": model_fields_table, "model_accuracy": model_accuracy_table, "model_persons": model_persons_table,
    "operator_accuracy": operator_accuracy_table, "reliability": reliability_table, "calibration": calibration_table,
    "cost": cost_table,
    "machine_time": machine_time_table, "operators": operators_table, "reviewers": reviewers_table,
}


def table(report: Report, name: str) -> Table:
    return TABLES[name](report)


# --- JSON and text --------------------------------------------------------------------------

def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def report_json(report: Report) -> dict[str, Any]:
    """The figures (keys documented in docs/reports.md) plus every table, rows as objects."""
    data = report.figures()
    data["tables"] = {
        name: [{c.key: _json_value(row.get(c.key)) for c in t.columns} for row in t.rows]
        for name, t in ((n, build(report)) for n, build in TABLES.items()) if name not in ("figures", "cost")
    }
    return data


def _fmt(value: Any, spec: str, suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def _break_even(f: dict) -> str:
    volume = f["break_even_documents_per_month"]
    return (f"{volume:,d} documents/month: " if volume is not None else "") + f["break_even_note"]


def report_text(report: Report) -> str:
    f = report.figures()
    cur = f["currency"]
    lines = [
        f"TwoMatch report {f['period']['label']} ({f['period']['start']} .. {f['period']['end']}), "
        f"document type: {f['document_type'] or 'all'}",
        f"  documents accepted        {f['documents']}  ("
        + ", ".join(f"{PATH_LABELS[p]}: {n}" for p, n in f["paths"].items()) + ")",
        f"  auto-accepted             {_fmt(f['auto_accept_rate'] and f['auto_accept_rate'] * 100, '.1f', ' %')}",
        f"  conflicts per document    {_fmt(f['conflicts_per_document'], '.2f')}",
        f"  keying hours              {f['hours_keying']:.4f}  (keyings timed by: {f['time_measure']['keyings'] or '-'})",
        f"  review hours              {f['hours_review']:.4f}  (reviews timed by: {f['time_measure']['reviews'] or '-'})",
        f"  hours saved               {f['hours_saved']:.4f}  of a two-human baseline of {f['hours_baseline']:.4f} h",
        f"  reduction                 {_fmt(f['reduction'] and f['reduction'] * 100, '.1f', ' %')}",
        f"  median upload→result      {_fmt(f['median_upload_to_result_seconds'], '.0f', ' s')}",
        "  baseline review           " + ("; ".join(
            f"{b['document_type']}: {b['seconds']:.1f} s ({b['source']}, {b['documents']} two-human documents, "
            f"{b['required']} needed)" for b in f["baseline_review"]) or "-"),
        "  model accuracy per field  " + (", ".join(
            f"{k} {_fmt(v and v * 100, '.1f', '%')} (n={f['field_accuracy_model_fields'][k]})"
            for k, v in f["field_accuracy_model"].items()) or "-"),
        f"  A labour saved            {f['labour_saved']:,.2f} {cur}  ({f['hours_saved']:.4f} h × {f['labour_cost_per_hour']:,.2f})",
        f"  B machine cost            {f['machine_cost']:,.2f} {cur}  ({f['gpu_hours']:.4f} GPU h, {f['gpu_hours_source']}, "
        f"× {f['gpu_cost_per_hour']:,.2f})",
        f"  A − B                     {f['net_benefit']:,.2f} {cur}",
        "  break-even                " + _break_even(f),
        f"  single entry              {f['single_entry_documents']} machine-only "
        f"({_fmt(f['single_entry_share'] and f['single_entry_share'] * 100, '.1f', ' %')}); {f['single_entry_audits']} "
        f"audit(s), machine error {_fmt(f['single_entry_error_rate'] and f['single_entry_error_rate'] * 100, '.3f', ' %')} "
        f"(95 % ≤ {_fmt(f['single_entry_error_ci_high'] and f['single_entry_error_ci_high'] * 100, '.3f', ' %')}); "
        f"hours saved without single entry {f['hours_saved_without_single_entry']:.4f}",
        "  calibration (ECE)         " + (", ".join(f"{c['keyer']} {c['ece']:.4f} (n={c['fields']})"
                                                   for c in f["calibration"]) or "-"),
    ]
    return "\n".join(lines)
