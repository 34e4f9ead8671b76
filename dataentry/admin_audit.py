"""Every change made in the Django admin is also a history row (kind "admin").

The admin calls `log_addition`, `log_change` and `log_deletions` for every add, edit and delete
(its own LogEntry, which records field names but no values and is not part of a document's
history). `audit_every_admin()` runs once all admins are registered (DataentryConfig.ready) and
gives each one, ours and those of django.contrib.auth and django-axes alike, these hooks as well,
so a new admin is audited without anyone remembering to. Custom admin actions that change rows
call `log_change` themselves (api/admin.py).
"""
from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelChoiceField, ModelMultipleChoiceField

# Never copied into history, even if a form exposes them (the user creation form does).
SECRET_FIELD_MARKERS = ("password", "secret", "token")


def changed_values(form) -> dict[str, dict[str, str]]:
    """{field: {"from": old, "to": new}} for the fields the admin form changed, as text."""
    changes = {}
    for name in form.changed_data:
        if any(marker in name for marker in SECRET_FIELD_MARKERS):
            changes[name] = {"from": "…", "to": "…"}
            continue
        old = form.initial.get(name, "")
        field = form.fields.get(name)
        if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField) \
                and old not in ("", None) and not isinstance(old, Model):
            old = field.queryset.model._default_manager.filter(pk=old).first() or old  # the name, not the id
        changes[name] = {"from": _text(old), "to": _text(form.cleaned_data.get(name, ""))}
    return changes


def _text(value) -> str:
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(str(item) for item in items))[:200]
    return "" if value is None else str(value)[:200]


class AuditedAdminMixin:
    """Mixed into a ModelAdmin: its add/change/delete log calls also write history."""

    def save_model(self, request, obj, form, change):
        obj._admin_changes = changed_values(form) if change else {}
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._history(request, obj, "add", message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._history(request, obj, "change", message)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._history(request, obj, "delete", "")
        return entries

    def _history(self, request, obj, action: str, message) -> None:
        from dataentry.services import admin_change_record

        admin_change_record(actor=request.user, action=action, obj=obj, message=message,
                            changes=getattr(obj, "_admin_changes", {}))


def audit_every_admin(site: admin.AdminSite = admin.site) -> None:
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedAdminMixin):
            continue
        cls = type(model_admin)
        site.unregister(model)
        site.register(model, type(cls.__name__, (AuditedAdminMixin, cls), {"__module__": cls.__module__}))
