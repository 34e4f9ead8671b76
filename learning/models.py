"""Training-data export jobs and blind audits of auto-accepted results.

An `ExportJob` is a manager's request for the fine-tuning export, built by a Celery task
(learning.tasks.build_training_export) into a private zip that only managers can download.

An `AuditTask` is a third, blind keying of a document that was auto-accepted (machine = human
or human = human): both keyers can be wrong in the same way and nobody would look. The
auditor keys the page without seeing the accepted values; the differences become findings;
a second reviewer (never the auditor: four eyes) then confirms each finding (the result was
wrong: it is corrected, with history) or rejects it (the auditor was wrong). Statuses:

    open ──(auditor submits the blind keying)──► checking ──(another reviewer decides every finding)──► done
      └────────────(no differences)──────────────────────────────────────────────────► done
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.claims import Claimable
from dataentry.models import HistoryEvent, transition_record


class ExportJob(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training data")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TRAINING)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # {"since": "YYYY-MM-DD" | None, "type": slug | None, "val_fraction": float, "seed": int, "format": "qwen-vl"}
    params = models.JSONField(default=dict)
    progress = models.PositiveIntegerField(default=0)  # documents written so far
    total = models.PositiveIntegerField(default=0)     # documents to write
    # Stored under MEDIA_ROOT, which is never served publicly: the download view checks the role.
    file = models.FileField(upload_to="exports/", blank=True)
    manifest = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.progress / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class AuditTask(Claimable):
    class Status(models.TextChoices):
        OPEN = "open", _("To key (blind)")
        CHECKING = "checking", _("Findings to confirm")
        DONE = "done", _("Done")

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed: the accepted value was wrong")
        REJECTED = "rejected", _("Rejected: the accepted value stands")

    TRANSITIONS = {
        Status.OPEN: {Status.CHECKING, Status.DONE},
        Status.CHECKING: {Status.DONE},
        Status.DONE: set(),
    }

    HOLDER_FIELD = "reviewer"

    # One audit per document, ever: selection is idempotent.
    document = models.OneToOneField("dataentry.Document", on_delete=models.CASCADE, related_name="audit")
    result = models.ForeignKey("dataentry.Result", on_delete=models.PROTECT, related_name="audits")
    period = models.CharField(max_length=7, db_index=True, help_text=_("YYYY-MM of the result's acceptance."))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True)
    # Who holds the task now (the auditor while keying; a second reviewer while checking).
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The auditor's blind records (a draft until keyed_at is set).
    records = models.JSONField(default=list, blank=True)
    # ComparisonResult.to_dict() of accepted (a) vs audited (b); the findings index its conflicts.
    comparison = models.JSONField(default=dict, blank=True)
    # [{"index", "kind", "field", "pair", "accepted", "audited", "decision": "" | "confirmed" | "rejected"}]
    findings = models.JSONField(default=list, blank=True)
    confirmed_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    keyed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"audit {self.pk} of document {self.document_id} ({self.status})"

    def claim_open(self) -> bool:
        return self.status != self.Status.DONE

    def transition(self, to: str, *, actor, reason: str, data: dict | None = None) -> None:
        """Change status if allowed, with an "audit" history row. Caller saves inside its transaction."""
        transition_record(self, field="status", to=to, table=self.TRANSITIONS, kind=HistoryEvent.Kind.AUDIT,
                          document_id=self.document_id, actor=actor, reason=reason, data=data)
        if to == self.Status.DONE:
            self.completed_at, self.lease_expires_at = timezone.now(), None
