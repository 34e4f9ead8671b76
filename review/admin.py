from django.contrib import admin

from dataentry.admin import WorkflowRecordAdmin
from review.models import Comparison, ReviewTask


@admin.register(Comparison)
class ComparisonAdmin(WorkflowRecordAdmin):
    list_display = ("document", "agreed", "conflict_count", "created_at")
    readonly_fields = [f.name for f in Comparison._meta.fields]


@admin.register(ReviewTask)
class ReviewTaskAdmin(WorkflowRecordAdmin):
    # Who reviewed and what was decided is the workflow's record: claims and decisions write history.
    list_display = ("document", "status", "reviewer", "lease_expires_at", "completed_at")
    list_filter = ("status",)
