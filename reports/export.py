"""The report as tables (pages and CSV share them), as JSON (the command) and as text (the command's output).

Pure: takes a `reports.calc.Report`, touches no database.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _, gettext_lazy

from dataentry.exports import spreadsheet_safe
from dataentry.spec import ResultPath
from reports.calc import Report

TEXT, INT, HOURS, PCT, SECONDS, MONEY, NUMBER, WHEN = "text", "int", "hours", "pct", "seconds", "money", "number", "when"

PATH_LABELS = {
    ResultPath.AUTO: gettext_lazy("auto-accepted (machine = human)"),
    ResultPath.REVIEWED: gettext_lazy("reviewed (machine vs human)"),
    ResultPath.AUTO_HUMANS: gettext_lazy("fallback, auto-accepted (human = human)"),
    ResultPath.REVIEWED_HUMANS: gettext_lazy("fallback, reviewed (human vs human)"),
    ResultPath.MACHINE_ONLY: gettext_lazy("single entry (machine only)"),
}

# Codes of the calculation, shown in tables as words of the active language (the `report` command runs in English).
CODE_LABELS = {
    "active": gettext_lazy("active time"), "wall": gettext_lazy("wall time"), "mixed": gettext_lazy("mixed"),
    "none": gettext_lazy("not recorded"), "operator": gettext_lazy("operator's time"),
    "standard": gettext_lazy("standard time"), "measured": gettext_lazy("measured"), "setting": gettext_lazy("setting"),
    "entered": gettext_lazy("entered monthly figure"),
}


def code_label(value: str) -> str:
    return str(CODE_LABELS.get(value, value))


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
        ("documents", _("Documents accepted"), f["documents"], INT),
        ("auto_accept_rate", _("Share auto-accepted (no review)"), f["auto_accept_rate"], PCT),
        ("machine_auto_accept_rate", _("Share auto-accepted, machine documents"), f["machine_auto_accept_rate"], PCT),
        ("fallback_documents", _("Keyed by two operators (the machine could not)"), f["fallback_documents"], INT),
        ("conflicts_per_document", _("Conflicts per document"), f["conflicts_per_document"], NUMBER),
        ("hours_keying", _("Operator keying hours"), f["hours_keying"], HOURS),
        ("hours_review", _("Reviewer hours"), f["hours_review"], HOURS),
        ("hours_saved", _("Hours saved"), f["hours_saved"], HOURS),
        ("hours_baseline", _("Hours two humans would have needed"), f["hours_baseline"], HOURS),
        ("reduction", _("Reduction against the two-human baseline"), f["reduction"], PCT),
        ("hours_abandoned_drafts", _("Hours in keyings never submitted (lost claims)"), f["hours_abandoned_drafts"], HOURS),
        ("median_upload_to_result_seconds", _("Median time from upload to result (s)"), f["median_upload_to_result_seconds"], SECONDS),
        ("labour_saved", _("Labour saved A (%(cur)s)") % {"cur": cur}, f["labour_saved"], MONEY),
        ("machine_cost", _("Machine cost B (%(cur)s)") % {"cur": cur}, f["machine_cost"], MONEY),
        ("net_benefit", _("Net benefit A − B (%(cur)s)") % {"cur": cur}, f["net_benefit"], MONEY),
        ("single_entry_documents", _("Accepted on the machine's keying alone (single entry)"), f["single_entry_documents"], INT),
        ("single_entry_share", _("Share accepted machine-only"), f["single_entry_share"], PCT),
        ("single_entry_audits", _("Audits of qualifying documents"), f["single_entry_audits"], INT),
        ("single_entry_error_rate", _("Machine error rate in those audits (per field)"), f["single_entry_error_rate"], PCT),
        ("single_entry_error_ci_high", _("… upper 95 % bound of that rate"), f["single_entry_error_ci_high"], PCT),
        ("hours_saved_without_single_entry", _("Hours saved had those documents gone through double entry"),
         f["hours_saved_without_single_entry"], HOURS),
    ]
    return Table("figures", _("Figures"), (Column("figure", _("Figure")), Column("value", _("Value"), "by_row")),
                 [{"key": k, "figure": label, "value": value, "kind": kind} for k, label, value, kind in rows])


def trend_table(report: Report) -> Table:
    title, label = (_("Per week"), _("Week")) if report.bucket == "week" else (_("Per day"), _("Day"))
    return Table("trend", title, (
        Column("label", label), Column("documents", _("Documents accepted"), INT),
        Column("auto", _("Auto-accepted (machine = operator)"), INT),
        Column("reviewed", _("Reviewed (machine vs operator)"), INT), Column("fallback", _("Keyed by two operators"), INT),
        Column("hours_keying", _("Keying hours"), HOURS), Column("hours_review", _("Review hours"), HOURS),
        Column("hours_saved", _("Hours saved"), HOURS),
    ), [dict(vars(r)) for r in report.trend])


def documents_table(report: Report) -> Table:
    return Table("documents", _("Time saved per document"), (
        Column("document_id", _("Document"), INT), Column("document_type", _("Type")), Column("accepted_at", _("Accepted"), WHEN),
        Column("path", _("Path")), Column("keying_seconds", _("Keying (s)"), SECONDS), Column("keying_measure", _("Measured by")),
        Column("second_keying_estimate", _("Avoided 2nd keying (s)"), SECONDS), Column("estimate_source", _("Estimated from")),
        Column("review_seconds", _("Review (s)"), SECONDS), Column("baseline_review_seconds", _("Baseline review (s)"), SECONDS),
        Column("saved_seconds", _("Saved (s)"), SECONDS), Column("note", _("Note")),
    ), [vars(s) | {"path": str(PATH_LABELS.get(s.path, s.path)), "keying_measure": code_label(s.keying_measure),
                      "estimate_source": code_label(s.estimate_source)} for s in report.savings])


def baseline_table(report: Report) -> Table:
    return Table("baseline", _("Expected review time of a two-human document"), (
        Column("document_type", _("Type")), Column("seconds", _("Seconds"), SECONDS), Column("source", _("Source")),
        Column("documents", _("Two-human documents measured"), INT), Column("required", _("Needed before measured is used"), INT),
    ), [vars(b) | {"source": code_label(b.source)} for b in report.baselines])


def model_fields_table(report: Report) -> Table:
    human = report.operator_field_accuracy
    return Table("model_fields", _("Accuracy per field: machine and operators against the accepted result"), (
        Column("field", _("Field")), Column("label", _("Label")), Column("model", _("Machine"), PCT),
        Column("model_fields", _("Machine fields"), INT),
        Column("operators", _("Operators"), PCT), Column("operator_fields", _("Operator fields"), INT),
    ), [
        {"field": k, "label": report.field_labels.get(k, ""), "model": report.model_field_accuracy[k].fraction if k in report.model_field_accuracy else None,
         "model_fields": report.model_field_accuracy[k].total if k in report.model_field_accuracy else 0,
         "operators": human[k].fraction if k in human else None, "operator_fields": human[k].total if k in human else 0}
        for k in dict.fromkeys([*report.model_field_accuracy, *human])
    ])


def model_accuracy_table(report: Report) -> Table:
    return Table("model_accuracy", _("Machine accuracy per model and prompt version"), (
        Column("who", _("Model")), Column("prompt_version", _("Prompt version")), Column("field", _("Field")),
        Column("label", _("Label")), Column("accuracy", _("Accuracy"), PCT), Column("correct", _("Equal"), INT), Column("total", _("Fields"), INT),
    ), [vars(r) | {"accuracy": r.fraction, "label": report.field_labels.get(r.field, "")}
        for r in report.model_accuracy])


def model_persons_table(report: Report) -> Table:
    return Table("model_persons", _("People the machine missed or added"), (
        Column("model", _("Model")), Column("missed", _("Missed"), INT), Column("extra", _("Extra"), INT),
    ), [{"model": k, **v} for k, v in report.model_persons.items()])


def operator_accuracy_table(report: Report) -> Table:
    return Table("operator_accuracy", _("Operator accuracy per field"), (
        Column("who", _("Operator")), Column("field", _("Field")), Column("label", _("Label")), Column("accuracy", _("Accuracy"), PCT),
        Column("correct", _("Equal"), INT), Column("total", _("Fields"), INT),
    ), [vars(r) | {"accuracy": r.fraction, "label": report.field_labels.get(r.field, "")}
        for r in report.operator_accuracy])


def reliability_table(report: Report) -> Table:
    return Table("reliability", _("Reliability: machine confidence against observed accuracy"), (
        Column("bucket", _("Confidence")), Column("fields", _("Fields"), INT), Column("correct", _("Equal"), INT),
        Column("accuracy", _("Observed accuracy"), PCT), Column("mean_confidence", _("Mean confidence"), NUMBER),
    ), [vars(r) | {"accuracy": r.accuracy} for r in report.reliability])


def calibration_table(report: Report) -> Table:
    """Per keyer, on verified fields: expected calibration error and the reliability bins behind it."""
    return Table("calibration", _("Calibration per keyer (verified fields): confidence against observed accuracy"), (
        Column("keyer", _("Keyer")), Column("ece", _("Expected calibration error"), NUMBER), Column("bucket", _("Confidence")),
        Column("fields", _("Fields"), INT), Column("accuracy", _("Observed accuracy"), PCT),
        Column("mean_confidence", _("Mean confidence"), NUMBER),
    ), [{"keyer": c.keyer, "ece": c.ece, "bucket": b.bucket, "fields": b.fields, "accuracy": b.accuracy,
         "mean_confidence": b.mean_confidence} for c in report.calibration for b in c.bins if b.fields])


def cost_table(report: Report) -> Table:
    f = report.figures()
    cur = report.config.currency
    rows = [
        ("hours_saved", _("Hours saved"), f["hours_saved"], HOURS),
        ("labour_cost_per_hour", _("Labour cost per hour (%(cur)s)") % {"cur": cur}, f["labour_cost_per_hour"], MONEY),
        ("labour_saved", _("A: labour saved (%(cur)s)") % {"cur": cur}, f["labour_saved"], MONEY),
        ("gpu_hours", _("GPU hours (%(source)s)") % {"source": code_label(f["gpu_hours_source"])}, f["gpu_hours"], HOURS),
        ("gpu_cost_per_hour", _("GPU cost per hour (%(cur)s)") % {"cur": cur}, f["gpu_cost_per_hour"], MONEY),
        ("machine_cost", _("B: machine cost (%(cur)s)") % {"cur": cur}, f["machine_cost"], MONEY),
        ("net_benefit", _("A − B (%(cur)s)") % {"cur": cur}, f["net_benefit"], MONEY),
        ("labour_saved_per_document", _("Labour saved per document (%(cur)s)") % {"cur": cur}, f["labour_saved_per_document"], MONEY),
        ("machine_cost_per_document", _("Machine cost per document (%(cur)s)") % {"cur": cur}, f["machine_cost_per_document"], MONEY),
        ("break_even_documents_per_month", _("Break-even documents per month"), f["break_even_documents_per_month"], INT),
    ]
    return Table("cost", _("Cost and benefit"), (Column("figure", _("Figure")), Column("value", _("Value"), "by_row")),
                 [{"key": k, "figure": label, "value": value, "kind": kind} for k, label, value, kind in rows])


def machine_time_table(report: Report) -> Table:
    from reports.calc import CPU_KEYERS

    return Table("machine_time", _("Measured machine keying time (every attempt)"), (
        Column("keyer", _("Keyer")), Column("runs_on", _("Runs on")), Column("seconds", _("Seconds"), SECONDS),
        Column("hours", _("Hours"), HOURS), Column("charged", _("Charged at the GPU rate")),
    ), [{"keyer": k, "runs_on": "CPU" if k in CPU_KEYERS else "GPU", "seconds": s, "hours": s / 3600,
         "charged": _("no") if k in CPU_KEYERS else _("yes")}
        for k, s in sorted(report.gpu_seconds_by_keyer.items())])


def operators_table(report: Report) -> Table:
    return Table("operators", _("Operators"), (
        Column("operator", _("Operator")), Column("documents", _("Documents"), INT), Column("hours", _("Keying hours"), HOURS),
        Column("median_seconds_per_document", _("Median s / document"), SECONDS),
        Column("median_seconds_per_field", _("Median s / field"), NUMBER),
        Column("agreement_with_model", _("Agreement with the model"), PCT),
        Column("fields_compared_with_model", _("Fields compared"), INT),
        Column("accuracy", _("Accuracy against result"), PCT), Column("fields_checked", _("Fields checked"), INT),
        Column("wall_time_keyings", _("Keyings timed by wall clock"), INT),
    ), [vars(r) for r in report.operators])


def reviewers_table(report: Report) -> Table:
    return Table("reviewers", _("Reviewers"), (
        Column("reviewer", _("Reviewer")), Column("documents", _("Documents"), INT), Column("hours", _("Review hours"), HOURS),
        Column("conflicts", _("Conflicts"), INT), Column("median_seconds_per_document", _("Median s / document"), SECONDS),
        Column("median_seconds_per_conflict", _("Median s / conflict"), NUMBER),
        Column("machine_chosen", _("Machine value chosen (machine documents)"), INT),
        Column("human_chosen", _("Operator value chosen (machine documents)"), INT),
        Column("typed", _("Typed corrections (all documents)"), INT),
        Column("overrides", _("Agreed values changed on purpose (all documents)"), INT),
        Column("agreement_with_model", _("Agreement with the model (machine documents)"), PCT),
        Column("wall_time_reviews", _("Reviews timed by wall clock"), INT),
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
