"""Single entry (issue 15): per document type, accept the machine's keying alone when it is
provably sure, audit a share of those documents with a blind human keying, and switch off when
the audits say the error budget is broken.

    SingleEntryPolicy   one per document type: the manager's switch, the target, the audit share,
                        and the threshold last chosen from reviewer-verified data.
    SingleEntryDecision one per document whose machine keying had every field at or above the
                        threshold: accepted machine-only, or drawn for an audit (then keyed blind
                        and compared as any document, and its machine errors counted).
"""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TARGET = 0.005
DEFAULT_AUDIT_SHARE = 0.05


class SingleEntryPolicy(models.Model):
    document_type = models.OneToOneField("dataentry.DocumentType", on_delete=models.CASCADE,
                                         related_name="single_entry_policy")
    enabled = models.BooleanField(default=False, help_text=_(
        "Accept documents on the machine's keying alone when every field is at or above the threshold. "
        "Nothing happens until verified data gives a threshold."))
    target_error = models.FloatField(default=DEFAULT_TARGET, help_text=_(
        "Highest tolerated machine error rate per field (upper 95 % bound), e.g. 0.005 = 0.5 %."))
    audit_share = models.FloatField(default=DEFAULT_AUDIT_SHARE, help_text=_(
        "Share of qualifying documents keyed blind by a person anyway (at least one a day)."))
    # Chosen from reviewer-verified data by services.single_entry_threshold_update.
    threshold = models.FloatField(null=True, blank=True)
    keyer_version = models.CharField(max_length=300, blank=True, help_text=_("keyer | model | prompt version the threshold is for"))
    threshold_fields = models.PositiveIntegerField(default=0)
    threshold_errors = models.PositiveIntegerField(default=0)
    threshold_upper = models.FloatField(null=True, blank=True)
    verified_fields = models.PositiveIntegerField(default=0)
    verified_errors = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)
    curve = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    enabled_at = models.DateTimeField(null=True, blank=True)
    # Set when the guard switched single entry off; cleared when a manager switches it on again.
    switched_off_at = models.DateTimeField(null=True, blank=True)
    switched_off_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("single-entry policy")
        verbose_name_plural = _("single-entry policies")

    def __str__(self) -> str:
        return f"single entry for {self.document_type}"

    @property
    def active(self) -> bool:
        return self.enabled and self.threshold is not None


class SingleEntryDecision(models.Model):
    class Outcome(models.TextChoices):
        MACHINE_ONLY = "machine_only", _("Accepted on the machine's keying alone")
        AUDIT = "audit", _("Qualified, drawn for a blind human keying (audit)")

    document = models.OneToOneField("dataentry.Document", on_delete=models.CASCADE, related_name="single_entry")
    document_type = models.ForeignKey("dataentry.DocumentType", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    threshold = models.FloatField()
    min_confidence = models.FloatField()
    fields = models.PositiveIntegerField(default=0)
    keyer_version = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Audits only, once the document is accepted: machine values that differ from the result.
    audit_fields = models.PositiveIntegerField(null=True, blank=True)
    audit_errors = models.PositiveIntegerField(null=True, blank=True)
    audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
