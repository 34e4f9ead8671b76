"""Seed the roles (groups) and the built-in personnel_change document type.

Uses a frozen copy of the field list (not an import of dataentry.doctypes) for the schema-dependent
parts, so that later edits to doctypes.py do not silently rewrite history; the texts come from
doctypes at the time the migration first runs.
"""
from django.db import migrations


def seed(apps, schema_editor):
    from dataentry.doctypes import PERSONNEL_CHANGE

    Group = apps.get_model("auth", "Group")
    for name in ("operator", "reviewer", "manager"):
        Group.objects.get_or_create(name=name)
    DocumentType = apps.get_model("dataentry", "DocumentType")
    FieldDefinition = apps.get_model("dataentry", "FieldDefinition")
    dt, created = DocumentType.objects.get_or_create(
        slug=PERSONNEL_CHANGE.slug,
        defaults={"name": PERSONNEL_CHANGE.name, "prompt": PERSONNEL_CHANGE.prompt,
                  "prompt_version": PERSONNEL_CHANGE.prompt_version, "max_records": PERSONNEL_CHANGE.max_records},
    )
    if created:
        for position, f in enumerate(PERSONNEL_CHANGE.fields):
            FieldDefinition.objects.create(
                document_type=dt, position=position, key=f.key, label=f.label, label_en=f.label_en, kind=f.kind,
                required=f.required, keying_rule=f.keying_rule, variant_kanji=f.variant_kanji, max_length=f.max_length,
            )


class Migration(migrations.Migration):
    dependencies = [("dataentry", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
