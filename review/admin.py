from django.contrib import admin

from review.models import Comparison, ReviewTask


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ("document", "agreed", "conflict_count", "created_at")
    readonly_fields = [f.name for f in Comparison._meta.fields]


@admin.register(ReviewTask)
class ReviewTaskAdmin(admin.ModelAdmin):
    list_display = ("document", "status", "reviewer", "lease_expires_at", "completed_at")
    list_filter = ("status",)
    readonly_fields = ("comparison", "document", "decisions", "version", "active_seconds", "wall_seconds", "completed_at")
