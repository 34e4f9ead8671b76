"""Managers may look at API submissions and callback deliveries in the admin and send a failed
callback again (see api/permissions.py)."""
from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from api.permissions import grant_manager_permissions

    # Permissions are normally created after all migrations have run; create them now to grant them.
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_manager_permissions(group_model=apps.get_model("auth", "Group"),
                              permission_model=apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("dataentry", "0002_seed_personnel_change_and_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
