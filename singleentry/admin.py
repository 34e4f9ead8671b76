"""Admin: switch single entry per document type, see the threshold, its curve and the audits behind it."""
from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from singleentry import selectors, services
from singleentry.models import SingleEntryDecision, SingleEntryPolicy

CHART_W, CHART_H = 420, 160


def _curve_svg(policy: SingleEntryPolicy) -> str:
    """Upper bound of the machine's error rate against the threshold; the dashed line is the target."""
    points = policy.curve or []
    if not points:
        return ""
    top = max(max(p["upper"] for p in points), policy.target_error) * 1.1 or 1.0
    low = min(p["confidence"] for p in points)
    span = (1.0 - low) or 1.0

    def xy(confidence: float, value: float) -> str:
        return f"{(confidence - low) / span * CHART_W:.1f},{CHART_H - value / top * CHART_H:.1f}"

    line = " ".join(xy(p["confidence"], p["upper"]) for p in points)
    target_y = CHART_H - policy.target_error / top * CHART_H
    return format_html(
        '<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="upper bound against threshold" '
        'style="border:1px solid #ccc;background:#fff"><polyline fill="none" stroke="#0b5394" stroke-width="2" '
        'points="{line}"/><line x1="0" x2="{w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#b00020" stroke-dasharray="4"/></svg>'
        "<p>x: threshold {low:.3f} … 1.000; y: 95 % upper bound of the error rate, 0 … {top:.2%}; "
        "red dashed: target {target:.2%}</p>",
        w=CHART_W, h=CHART_H, line=line, ty=target_y, low=low, top=top, target=policy.target_error)


@admin.register(SingleEntryPolicy)
class SingleEntryPolicyAdmin(admin.ModelAdmin):
    list_display = ("document_type", "enabled", "threshold", "target_error", "audit_share", "verified_fields",
                    "computed_at", "switched_off_at")
    fields = ("document_type", "enabled", "target_error", "audit_share", "status", "threshold", "keyer_version",
              "evidence", "audits", "curve_view", "computed_at", "enabled_at", "switched_off_at", "switched_off_reason")
    readonly_fields = ("status", "threshold", "keyer_version", "evidence", "audits", "curve_view", "computed_at",
                       "enabled_at", "switched_off_at", "switched_off_reason")
    actions = ("choose_threshold",)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (("document_type",) if obj else ())

    @admin.display(description="status")
    def status(self, obj: SingleEntryPolicy) -> str:
        if obj.active:
            return "on: documents with every field at or above the threshold are accepted machine-only"
        if obj.enabled:
            return "switched on, waiting for a threshold: " + (obj.note or "not computed yet (daily, or the action)")
        return "off" + (f" (switched off by the guard: {obj.switched_off_reason})" if obj.switched_off_reason else "")

    @admin.display(description="evidence")
    def evidence(self, obj: SingleEntryPolicy) -> str:
        return obj.note or "—"

    @admin.display(description="audits since switched on")
    def audits(self, obj: SingleEntryPolicy) -> str:
        figures = selectors.audit_figures(obj)
        if not figures.audits:
            return "none yet"
        low, high = figures.interval
        bound = selectors.guard_bound(obj, figures)
        return (f"{figures.audits} audit(s): {figures.errors} machine error(s) in {figures.fields} fields "
                f"({figures.rate:.3%}, 95 % interval {low:.3%} … {high:.3%}); the guard's bound {bound.upper:.3%} "
                f"({bound.basis})")

    @admin.display(description="curve: upper bound of the machine's error rate at or above each threshold")
    def curve_view(self, obj: SingleEntryPolicy) -> str:
        if not obj.curve:
            return "—"
        rows = format_html_join(
            "", "<tr><td>{:.4f}</td><td>{}</td><td>{}</td><td>{:.3%}</td><td>{:.3%}</td><td>{}</td></tr>",
            ((p["confidence"], p["fields"], p["errors"], p["errors"] / p["fields"] if p["fields"] else 0, p["upper"],
              "← chosen" if obj.threshold is not None and p["confidence"] == obj.threshold else "")
             for p in obj.curve))
        table = format_html("<table><thead><tr><th>threshold</th><th>verified fields ≥</th><th>machine errors</th>"
                            "<th>error rate</th><th>upper bound</th><th></th></tr></thead><tbody>{}</tbody></table>", rows)
        return mark_safe(_curve_svg(obj) + table)  # both built with format_html (escaped)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()
        services.single_entry_policy_set(document_type=obj.document_type, actor=request.user,
                                         enabled=form.cleaned_data["enabled"],
                                         target_error=form.cleaned_data["target_error"],
                                         audit_share=form.cleaned_data["audit_share"])
        obj.refresh_from_db()

    @admin.action(description="Choose the threshold now from the verified data")
    def choose_threshold(self, request, queryset):
        for policy in queryset.select_related("document_type"):
            choice = services.single_entry_threshold_update(document_type=policy.document_type, actor=request.user)
            messages.info(request, f"{policy.document_type}: {choice.note}")


@admin.register(SingleEntryDecision)
class SingleEntryDecisionAdmin(admin.ModelAdmin):
    list_display = ("document", "document_type", "outcome", "threshold", "min_confidence", "audit_errors",
                    "audit_fields", "created_at")
    list_filter = ("outcome", "document_type")
    readonly_fields = [f.name for f in SingleEntryDecision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
