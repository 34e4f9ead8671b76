"""Comparisons of two entries and the review tasks they create."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comparison(models.Model):
    document = models.ForeignKey("dataentry.Document", on_delete=models.CASCADE, related_name="comparisons")
    # first = machine (or human #1 in the fallback); second = the human (or human #2).
    first_entry = models.ForeignKey("dataentry.Entry", on_delete=models.PROTECT, related_name="+")
    second_entry = models.ForeignKey("dataentry.Entry", on_delete=models.PROTECT, related_name="+")
    result = models.JSONField()
    agreed = models.BooleanField()
    conflict_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "first_entry", "second_entry"], name="one_comparison_per_pair"),
        ]

    def parsed(self):
        from dataentry.comparison import ComparisonResult

        return ComparisonResult.from_dict(self.result)


class ReviewTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed: document withdrawn")

    comparison = models.OneToOneField(Comparison, on_delete=models.CASCADE, related_name="review_task")
    document = models.ForeignKey("dataentry.Document", on_delete=models.CASCADE, related_name="review_tasks")
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN, db_index=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # Draft decisions {conflict_index: {"choice": "first"|"second"|"typed"|"keep"|"drop", "value": str}}.
    decisions = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    active_seconds = models.FloatField(default=0)
    wall_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def lease_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.lease_expires_at is not None and self.lease_expires_at > now
