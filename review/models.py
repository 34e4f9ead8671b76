"""Comparisons of two entries and the review tasks they create."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.claims import Claimable
from dataentry.models import HistoryEvent, transition_record


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


class ReviewTask(Claimable):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed: document withdrawn")

    # CLOSED: the manager withdrew the document (issue 14); the decisions stay as they were.
    TRANSITIONS = {Status.OPEN: {Status.DONE, Status.CLOSED}, Status.DONE: set(), Status.CLOSED: set()}

    HOLDER_FIELD = "reviewer"

    comparison = models.OneToOneField(Comparison, on_delete=models.CASCADE, related_name="review_task")
    document = models.ForeignKey("dataentry.Document", on_delete=models.CASCADE, related_name="review_tasks")
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN, db_index=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    # Draft decisions {conflict_index: {"choice": "first"|"second"|"typed"|"keep"|"drop", "value": str}}.
    decisions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def claim_open(self) -> bool:
        return self.status == self.Status.OPEN

    def handed_over(self) -> list[str]:
        self.decisions = {}  # another reviewer's abandoned choices are not this reviewer's
        return ["decisions"]

    def transition(self, to: str, *, actor, reason: str = "", data: dict | None = None) -> None:
        """Change status if allowed, with a "review" history row. Caller saves inside its transaction."""
        transition_record(self, field="status", to=to, table=self.TRANSITIONS, kind=HistoryEvent.Kind.REVIEW,
                          document_id=self.document_id, actor=actor, reason=reason, data=data)
        if to == self.Status.DONE:
            self.completed_at, self.lease_expires_at = timezone.now(), None
        elif to == self.Status.CLOSED:
            self.lease_expires_at = None
