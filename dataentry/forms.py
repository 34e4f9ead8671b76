"""Turning posted form fields into records, and the upload form."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dataentry.models import DocumentType
from dataentry.spec import DocumentTypeSpec

MAX_ROWS = 200


def records_from_post(post, spec: DocumentTypeSpec) -> list[dict[str, str]]:
    """Rows are posted as r{i}-{key}; `rows` says how many. Missing cells read as ''."""
    try:
        count = max(0, min(int(post.get("rows", "0")), MAX_ROWS, spec.max_records))
    except ValueError:
        count = 0
    return [{f.key: post.get(f"r{i}-{f.key}", "") for f in spec.fields} for i in range(count)]


def posted_rows(post) -> list[dict[str, str]]:
    """Rows as `records_from_post` reads them, without knowing the type: every posted r{i}-{key}.
    For the autosave, which names no type before the service reads it locked; the service keeps only
    the type's fields and rows (`clean_records`)."""
    try:
        count = max(0, min(int(post.get("rows", "0")), MAX_ROWS))
    except ValueError:
        return []
    rows: list[dict[str, str]] = [{} for _ in range(count)]
    for name in post:
        index, dash, key = name[1:].partition("-")
        if name[:1] == "r" and dash and index.isdigit() and int(index) < count:
            rows[int(index)][key] = post.get(name, "")
    return rows


def edited_records(post, spec: DocumentTypeSpec) -> tuple[list[dict[str, str]], str]:
    """The posted rows after the row button the user pressed (add_row / remove_row_N), and the
    action; shared by every keying form (operators, blind audits)."""
    records = records_from_post(post, spec)
    action = post.get("action", "save")
    if action == "add_row":
        records.append({f.key: "" for f in spec.fields})
    elif action.startswith("remove_row_"):
        index = int_from_post({"i": action.removeprefix("remove_row_")}, "i")
        if 0 <= index < len(records):
            records.pop(index)
    return records, action


def work_from_post(post) -> dict:
    """The version the page was based on and the time it measured (keyword arguments of the save services)."""
    return {"version": int_from_post(post, "version"), "active_seconds": float_from_post(post, "active_seconds"),
            "wall_seconds": float_from_post(post, "wall_seconds")}


def float_from_post(post, name: str) -> float:
    try:
        value = float(post.get(name, "0") or 0)
    except ValueError:
        return 0.0
    return value if 0 <= value < 86_400 else 0.0


def int_from_post(post, name: str) -> int:
    try:
        return int(post.get(name, ""))
    except ValueError:
        return -1


# issue 11: scans and photos as well as PDFs; the content decides the type, not this list.
ACCEPTED_FILES = "application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,image/tiff,.tif,.tiff"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    document_type = forms.ModelChoiceField(queryset=DocumentType.objects.filter(active=True), empty_label=None,
                                           label=_("Document type"))
    files = MultipleFileField(label=_("PDF, PNG, JPEG or TIFF files"))
    priority = forms.IntegerField(initial=0, required=False, label=_("Priority"), min_value=-100, max_value=100)


# --- managers' document list and exports (issue 14) ---------------------------------------------

class DayRangeFilterForm(forms.Form):
    """GET filters with a first and a last day; every field optional, a bad value is an error on the form."""
    range_fields: tuple[str, str] = ("", "")

    def clean(self):
        data = super().clean()
        start, end = (data.get(name) for name in self.range_fields)
        if start and end and start > end:
            raise forms.ValidationError(_("The first day is after the last day."))
        return data

    def filters(self) -> dict:
        """The filled-in filters as keyword arguments of the selector (empty when the form is invalid or unbound)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class DocumentFilterForm(DayRangeFilterForm):
    """The documents list: keyword arguments of selectors.documents_filtered."""
    range_fields = ("uploaded_from", "uploaded_to")
    filename = forms.CharField(required=False, max_length=255, label=_("File name contains"))
    external_ref = forms.CharField(required=False, max_length=200, label=_("External reference"))
    status = forms.ChoiceField(required=False, label=_("Status"))
    document_type = forms.ModelChoiceField(queryset=DocumentType.objects.all(), required=False, label=_("Type"),
                                           empty_label=_("all types"))
    uploaded_from = forms.DateField(required=False, label=_("Uploaded from"), widget=forms.DateInput(attrs={"type": "date"}))
    uploaded_to = forms.DateField(required=False, label=_("Uploaded until"), widget=forms.DateInput(attrs={"type": "date"}))
    holder = forms.CharField(required=False, max_length=150, label=_("Held by (user name)"))

    def __init__(self, *args, **kwargs):
        from dataentry.models import Document

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("all statuses")), *Document.Status.choices]


class ExportFilterForm(DayRangeFilterForm):
    """Which accepted results an export holds: keyword arguments of selectors.accepted_results_filtered."""
    range_fields = ("accepted_from", "accepted_to")
    accepted_from = forms.DateField(required=False, label=_("Accepted from"), widget=forms.DateInput(attrs={"type": "date"}))
    accepted_to = forms.DateField(required=False, label=_("Accepted until"), widget=forms.DateInput(attrs={"type": "date"}))
    document_type = forms.ModelChoiceField(queryset=DocumentType.objects.all(), required=False, label=_("Type"),
                                           empty_label=_("all types"))
    path = forms.ChoiceField(required=False, label=_("Accepted how"))

    def __init__(self, *args, **kwargs):
        from dataentry.models import Result

        super().__init__(*args, **kwargs)
        self.fields["path"].choices = [("", _("all")), *Result.Path.choices]
