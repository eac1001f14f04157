"""Typo-tolerant site search on PostgreSQL: the pg_trgm extension (and unaccent, which 0006 created by hand).

Django's own operations create each extension only on PostgreSQL and only if
it is missing; on SQLite they do nothing. The database role that runs
migrations must be allowed to create them (docs/search.md, "PostgreSQL").
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("rescue_restore", "0006_spanish_search")]

    operations = [UnaccentExtension(), TrigramExtension()]
