"""Seed the roles (groups) and the built-in personnel_change document type."""
from django.db import migrations


def seed(apps, schema_editor):
    from dataentry.doctypes import ensure_builtin

    ensure_builtin(
        document_type_model=apps.get_model("dataentry", "DocumentType"),
        field_model=apps.get_model("dataentry", "FieldDefinition"),
        group_model=apps.get_model("auth", "Group"),
    )


class Migration(migrations.Migration):
    dependencies = [("dataentry", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
