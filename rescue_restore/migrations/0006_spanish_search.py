"""Spanish full-text search on PostgreSQL: the unaccent extension and a Spanish configuration over it.

SQLite needs nothing here: rescue_restore.site_search.text_search gives its
connections an UNACCENT function written in Python.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rr_spanish') THEN
        CREATE TEXT SEARCH CONFIGURATION rr_spanish (COPY = pg_catalog.spanish);
        ALTER TEXT SEARCH CONFIGURATION rr_spanish
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS rr_spanish;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("rescue_restore", "0005_scheduled_run")]

    operations = [migrations.RunPython(create, drop)]
