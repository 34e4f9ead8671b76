"""Formatting of report values: one place, so cards, tables and charts round alike."""
from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()

ZERO_DECIMAL_CURRENCIES = {"JPY", "KRW", "VND", "CLP", "ISK"}


@register.simple_tag
def cell(value, kind: str, currency: str = "JPY", row=None) -> str:
    """`value` formatted for its column kind; "by_row" takes the kind from the row (figure tables)."""
    if kind == "by_row" and row is not None:
        kind = row.get("kind", "text")
    if value is None or value == "":
        return "—"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "pct":
        return f"{float(value) * 100:.1f} %"
    if kind == "hours":
        # Small figures (a few seconds of GPU time) would otherwise read as 0.00.
        return f"{float(value):.4f}" if 0 < abs(float(value)) < 0.01 else f"{float(value):,.2f}"
    if kind == "seconds":
        return f"{float(value):,.0f}"
    if kind == "number":
        return f"{float(value):,.2f}"
    if kind == "money":
        digits = 0 if currency in ZERO_DECIMAL_CURRENCIES else 2
        return f"{float(value):,.{digits}f}"
    if kind == "when" and isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


@register.filter
def code_label(value) -> str:
    """A calculation code (active, wall, measured …) as a word of the page language."""
    from reports.export import code_label as label

    return label(value)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
