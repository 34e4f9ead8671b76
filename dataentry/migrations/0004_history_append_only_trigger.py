"""The audit history is append-only in the database too (design §7.8, issue 6 point 13).

The model already refuses save() of an existing row, delete(), and queryset update()/delete();
this trigger also stops raw SQL and any other client on PostgreSQL. TRUNCATE is left alone
(a statement an administrator runs on purpose; the test runner empties tables with it).
SQLite: nothing (the embedded demo); its test runner empties tables with DELETE.
"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION twomatch_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: % on dataentry_historyevent refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS historyevent_append_only ON dataentry_historyevent;
CREATE TRIGGER historyevent_append_only
    BEFORE UPDATE OR DELETE ON dataentry_historyevent
    FOR EACH ROW EXECUTE FUNCTION twomatch_history_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS historyevent_append_only ON dataentry_historyevent;
DROP FUNCTION IF EXISTS twomatch_history_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("dataentry", "0003_history_kinds"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
