from django.contrib import admin

from dataentry.admin import WorkflowRecordAdmin
from learning.models import AuditTask, ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "created_by", "progress", "total", "created_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in ExportJob._meta.fields]


@admin.register(AuditTask)
class AuditTaskAdmin(WorkflowRecordAdmin):
    list_display = ("id", "document", "period", "status", "auditor", "checked_by", "confirmed_count", "completed_at")
    list_filter = ("status", "period")
    # Audits change results: only the workflow (with its history rows) writes them.
    readonly_fields = [f.name for f in AuditTask._meta.fields]
