"""Managers' report pages: overview, model accuracy, cost and benefit, people; CSV of every table.

Every page computes the same `reports.selectors.report_for` as `manage.py report`, so the page
and the command show the same figures. Query string: period (2026-11, 2026-W48, 2026-11-30,
2026-11-01..2026-11-15), type (document type slug, empty = all), bucket (day / week).
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from dataentry.roles import MANAGER, role_required
from reports import export
from reports.calc import Report
from reports.models import ReportSettings
from reports.periods import PeriodError, month_period, week_period
from reports.selectors import document_type_choices, local_tz, period_from_text, cached_report_for, set_aside_counts
from singleentry.selectors import manager_notices

PAGES = (
    ("overview", "reports:overview", gettext_lazy("Overview")),
    ("accuracy", "reports:accuracy", gettext_lazy("Model accuracy")),
    ("cost", "reports:cost", gettext_lazy("Cost and benefit")),
    ("people", "reports:people", gettext_lazy("People")),
)
PAGE_TABLES = {
    "overview": ("figures", "trend", "baseline", "documents"),
    "accuracy": ("model_fields", "model_accuracy", "model_persons", "reliability", "calibration", "operator_accuracy"),
    "cost": ("cost", "machine_time"),
    "people": ("operators", "reviewers"),
}
COST_CARDS = ("hours_saved", "labour_saved", "machine_cost", "net_benefit", "break_even_documents_per_month")
# Documents listed on the page itself; the CSV has all of them.
DOCUMENT_ROWS_ON_PAGE = 200

PALETTE = {"auto": "#1b6e2f", "reviewed": "#8a5300", "fallback": "#6b7280", "saved": "#0b5394",
           "model": "#0b5394", "operators": "#8a5300", "a": "#1b6e2f", "b": "#b00020", "net": "#0b5394"}


def _today():
    return timezone.localtime(timezone.now(), local_tz()).date()


def _query(request) -> tuple:
    """(period, document type, bucket, error message) from the query string; this month on error."""
    error = ""
    text = request.GET.get("period", "").strip()
    try:
        period = period_from_text(text) if text else month_period(_today(), local_tz())
    except PeriodError as exc:
        error, period = str(exc), month_period(_today(), local_tz())
    types = dict(document_type_choices())
    document_type = request.GET.get("type", "")
    if document_type and document_type not in types:
        error, document_type = _("Unknown document type %(slug)s; showing all types.") % {"slug": document_type}, ""
    bucket = request.GET.get("bucket") if request.GET.get("bucket") in ("day", "week") else None
    return period, document_type, bucket, error


def _qs(period_label: str, document_type: str, bucket: str | None) -> str:
    params = {"period": period_label}
    if document_type:
        params["type"] = document_type
    if bucket:
        params["bucket"] = bucket
    return urlencode(params)


def _chart(chart_id: str, title: str, table_name: str, kind: str, labels: list, datasets: list, **options) -> dict:
    # Horizontal bars grow with their number, so two operators do not get two giant bars.
    bars = len(labels) * (len(datasets) if options.get("horizontal") else 0)
    height = min(40, max(8, 4 + 1.6 * bars)) if options.get("horizontal") else 20
    return {"id": chart_id, "title": title, "table": table_name, "height": height,
            "spec": {"type": kind, "labels": labels, "datasets": datasets, **options}}


def _charts(page: str, report: Report) -> list[dict]:
    if page == "overview":
        t = report.trend
        return [_chart("chart-trend", (_("Documents and hours saved per week") if report.bucket == "week" else _("Documents and hours saved per day")), "trend", "bar",
                       [r.label for r in t], [
                           {"label": _("Auto-accepted"), "data": [r.auto for r in t], "color": PALETTE["auto"], "stack": "docs"},
                           {"label": _("Reviewed"), "data": [r.reviewed for r in t], "color": PALETTE["reviewed"], "stack": "docs"},
                           {"label": _("Fell back to two humans"), "data": [r.fallback for r in t], "color": PALETTE["fallback"], "stack": "docs"},
                           {"label": _("Hours saved"), "data": [round(r.hours_saved, 4) for r in t], "color": PALETTE["saved"],
                            "kind": "line", "axis": "y2"},
                       ], y=_("Documents"), y2=_("Hours saved"))]
    if page == "accuracy":
        fields = export.model_fields_table(report).rows
        charts = [_chart("chart-fields", _("Share of values equal to the accepted result, per field"), "model_fields", "bar",
                         [r["label"] or r["field"] for r in fields], [
                             {"label": _("Machine"), "data": [_pct(r["model"]) for r in fields], "color": PALETTE["model"]},
                             {"label": _("Operators"), "data": [_pct(r["operators"]) for r in fields], "color": PALETTE["operators"]},
                         ], horizontal=True, percent=True, y=_("Accuracy (%)"))]
        if report.reliability:
            rel = report.reliability
            charts.append(_chart("chart-reliability", _("Observed accuracy per confidence bucket"), "reliability", "bar",
                                 [r.bucket for r in rel], [
                                     {"label": _("Observed accuracy"), "data": [_pct(r.accuracy) for r in rel], "color": PALETTE["model"]},
                                     {"label": _("Mean confidence"), "data": [_pct(r.mean_confidence) for r in rel],
                                      "color": PALETTE["operators"], "kind": "line"},
                                 ], percent=True, y=_("%")))
        return charts
    if page == "cost":
        cur = report.config.currency
        return [_chart("chart-cost", _("Labour saved against machine cost (%(cur)s)") % {"cur": cur}, "cost", "bar",
                       [_("A: labour saved"), _("B: machine cost"), _("A − B")], [
                           {"label": cur, "data": [round(report.labour_saved, 2), round(report.machine_cost, 2),
                                                   round(report.net_benefit, 2)],
                            "colors": [PALETTE["a"], PALETTE["b"], PALETTE["net"]]},
                       ], y=cur, legend=False)]
    if page == "people":
        ops, revs = report.operators, report.reviewers
        return [
            _chart("chart-operators", _("Keying hours per operator"), "operators", "bar", [o.operator for o in ops], [
                {"label": _("Keying hours"), "data": [round(o.hours, 4) for o in ops], "color": PALETTE["auto"]},
            ], horizontal=True, y=_("Hours"), legend=False),
            _chart("chart-reviewers", _("Review hours per reviewer"), "reviewers", "bar", [r.reviewer for r in revs], [
                {"label": _("Review hours"), "data": [round(r.hours, 4) for r in revs], "color": PALETTE["reviewed"]},
            ], horizontal=True, y=_("Hours"), legend=False),
        ]
    return []


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 2)


def _cards(report: Report) -> list[dict]:
    f = report.figures()
    cur = report.config.currency
    items = [
        ("documents", _("Documents accepted"), export.INT),
        ("auto_accept_rate", _("Auto-accepted"), export.PCT),
        ("conflicts_per_document", _("Conflicts per document"), export.NUMBER),
        ("hours_keying", _("Operator hours"), export.HOURS),
        ("hours_review", _("Reviewer hours"), export.HOURS),
        ("hours_saved", _("Hours saved"), export.HOURS),
        ("reduction", _("Reduction"), export.PCT),
        ("median_upload_to_result_seconds", _("Median upload → result (s)"), export.SECONDS),
        ("labour_saved", _("A: labour saved (%(cur)s)") % {"cur": cur}, export.MONEY),
        ("machine_cost", _("B: machine cost (%(cur)s)") % {"cur": cur}, export.MONEY),
        ("net_benefit", _("A − B (%(cur)s)") % {"cur": cur}, export.MONEY),
        ("break_even_documents_per_month", _("Break-even documents / month"), export.INT),
    ]
    return [{"key": k, "label": label, "value": f[k], "kind": kind, "json": json.dumps(f[k])} for k, label, kind in items]


def _render(request, page: str):
    period, document_type, bucket, error = _query(request)
    report = cached_report_for(period, document_type, bucket)
    tables = [export.table(report, name) for name in PAGE_TABLES[page]]
    if page == "overview":
        tables = [t if t.name != "documents" else export.Table(t.name, t.title, t.columns, t.rows[:DOCUMENT_ROWS_ON_PAGE])
                  for t in tables]
    query = _qs(period.label, document_type, bucket)
    today = _today()
    tz = local_tz()
    quick = [
        (_("This month"), month_period(today, tz).label), (_("Last month"), month_period(today, tz).shifted(-1).label),
        (_("This week"), week_period(today, tz).label), (_("Today"), today.isoformat()),
    ]
    charts = _charts(page, report)
    charted = {c["table"]: c for c in charts}
    return render(request, f"reports/{page}.html", {
        "page": page, "pages": [(key, reverse(name), label) for key, name, label in PAGES],
        "report": report, "report_stamp": report.stamp, "figures": report.figures(), "cards": _cards(report),
        "cost_cards": [c for c in _cards(report) if c["key"] in COST_CARDS],
        "tables": {t.name: t for t in tables}, "table_list": tables, "charts": charts, "charted": charted,
        "documents_total": len(report.savings), "document_rows_on_page": DOCUMENT_ROWS_ON_PAGE,
        "period": period, "document_type": document_type, "bucket": bucket or "", "error": error, "query": query,
        "previous_query": _qs(period.shifted(-1).label, document_type, bucket),
        "next_query": _qs(period.shifted(1).label, document_type, bucket),
        "quick": [(label, value, _qs(value, document_type, bucket)) for label, value in quick],
        "type_choices": document_type_choices(), "settings_row": ReportSettings.load(),
        "currency": report.config.currency, "single_entry_notices": manager_notices(),
        "set_aside": set_aside_counts(period, document_type) if page == "overview" else None,
    })


@role_required(MANAGER)
def overview(request):
    return _render(request, "overview")


@role_required(MANAGER)
def accuracy(request):
    return _render(request, "accuracy")


@role_required(MANAGER)
def cost(request):
    return _render(request, "cost")


@role_required(MANAGER)
def people(request):
    return _render(request, "people")


@role_required(MANAGER)
def table_csv(request, name: str):
    if name not in export.TABLES:
        raise Http404
    period, document_type, bucket, error = _query(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = cached_report_for(period, document_type, bucket)
    table = export.table(report, name)
    # BOM so that Excel opens the Japanese text as UTF-8.
    response = HttpResponse("\ufeff" + table.csv(), content_type="text/csv; charset=utf-8")
    suffix = f"-{document_type}" if document_type else ""
    response["Content-Disposition"] = f'attachment; filename="twomatch-{name}-{period.label.replace("..", "_")}{suffix}.csv"'
    return response
