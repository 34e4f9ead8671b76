from django.contrib import admin

from reports.models import ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "currency", "labour_cost_per_hour", "gpu_cost_per_hour", "gpu_hours_source", "updated_at")
    fieldsets = (
        ("Money", {"fields": ("currency", "labour_cost_per_hour", "gpu_cost_per_hour")}),
        ("GPU hours", {"fields": ("gpu_hours_source", "gpu_hours_per_month")}),
        ("Time saved", {"fields": ("standard_keying_seconds", "baseline_review_seconds", "min_baseline_documents")}),
    )

    def has_add_permission(self, request):
        return not ReportSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
