"""Report settings that managers change: one row, edited in the Django admin and shown on the report pages."""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.calc import ENTERED, MEASURED, ReportConfig


def _validate_standard_times(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_('Give a mapping of document type slug to seconds, e.g. {"personnel_change": 180}.'))
    for slug, seconds in value.items():
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValidationError(_("%(slug)s: seconds must be a number ≥ 0.") % {"slug": slug})


class ReportSettings(models.Model):
    """A singleton (pk=1): money and time inputs of the reports. Not environment variables,
    because managers change them, and the page shows which values a figure was computed with."""

    class GpuHoursSource(models.TextChoices):
        MEASURED_TIME = MEASURED, _("Measured machine keying time of the period's documents")
        ENTERED_MONTHLY = ENTERED, _("Entered monthly GPU hours (a GPU billed whether busy or not)")

    currency = models.CharField(max_length=8, default="JPY", help_text=_("ISO code shown beside every amount."))
    labour_cost_per_hour = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("2000"), validators=[MinValueValidator(0)],
        help_text=_("What one hour of operator or reviewer work costs, all-in."))
    gpu_cost_per_hour = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("400"), validators=[MinValueValidator(0)],
        help_text=_("What one hour of the GPU server costs."))
    gpu_hours_source = models.CharField(max_length=10, choices=GpuHoursSource.choices, default=MEASURED)
    gpu_hours_per_month = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)],
        help_text=_("Used when the source is 'entered' (720 for a GPU that runs all month)."))
    standard_keying_seconds = models.JSONField(
        default=dict, blank=True, validators=[_validate_standard_times],
        help_text=_('Optional standard keying time per document type, e.g. {"personnel_change": 180}. '
                    "When set, it estimates the avoided second keying instead of the operator's own time."))
    baseline_review_seconds = models.FloatField(
        default=60, validators=[MinValueValidator(0)],
        help_text=_("Expected review time of a two-human document, used until enough fallback documents were measured."))
    min_baseline_documents = models.PositiveIntegerField(
        default=20, validators=[MinValueValidator(1)],
        help_text=_("Two-human (fallback) documents of a type needed before their measured review time is used."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(_("Report settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the report settings row is kept; change its values instead")

    @classmethod
    def load(cls) -> ReportSettings:
        obj = cls.objects.filter(pk=1).first()
        return obj if obj is not None else cls(pk=1)

    def to_config(self) -> ReportConfig:
        return ReportConfig(
            currency=self.currency,
            labour_cost_per_hour=float(self.labour_cost_per_hour),
            gpu_cost_per_hour=float(self.gpu_cost_per_hour),
            gpu_hours_source=self.gpu_hours_source,
            gpu_hours_per_month=float(self.gpu_hours_per_month),
            standard_keying_seconds={str(k): float(v) for k, v in (self.standard_keying_seconds or {}).items()},
            baseline_review_seconds=float(self.baseline_review_seconds),
            min_baseline_documents=int(self.min_baseline_documents),
        )
