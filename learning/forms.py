"""The managers' training-export form."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dataentry.models import DocumentType
from learning.training import ExportOptions


class TrainingExportForm(forms.Form):
    since = forms.DateField(required=False, label=_("Accepted on or after"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    document_type = forms.ModelChoiceField(DocumentType.objects.all(), required=False, to_field_name="slug",
                                           empty_label=_("All types"), label=_("Document type"))
    val_fraction = forms.FloatField(initial=0.1, min_value=0, max_value=0.5, label=_("Validation share"))
    seed = forms.IntegerField(initial=0, min_value=0, label=_("Split seed"))

    def options(self) -> ExportOptions:
        data = self.cleaned_data
        doc_type = data.get("document_type")
        return ExportOptions(since=data.get("since"), type_slug=doc_type.slug if doc_type else None,
                             val_fraction=data["val_fraction"], seed=data["seed"])
