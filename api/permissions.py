"""What managers may do with the API's records in the admin (view submissions and deliveries,
send a failed callback again). Token management stays with admins (superusers)."""
from __future__ import annotations

MANAGER_PERMISSIONS = ("view_apisubmission", "view_callbackdelivery", "change_callbackdelivery", "view_apiclient")


def grant_manager_permissions(*, group_model=None, permission_model=None) -> None:
    """Idempotent. The data migration passes historical models; tests call it after a flush."""
    if group_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    manager, _ = group_model.objects.get_or_create(name="manager")
    manager.permissions.add(
        *permission_model.objects.filter(content_type__app_label="api", codename__in=MANAGER_PERMISSIONS)
    )
