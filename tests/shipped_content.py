"""Content that production gets from data migrations comes back after a test flushes the database.

A transactional test (a live server, a killed worker) and a module's seeded
database end with ``flush``, which empties every table and re-sends
``post_migrate`` (that is how the role groups come back). The required pages,
the search synonyms and the screening questions ship in data migrations, not
in ``post_migrate``: without this, a test that runs after a flush on the same
worker would see a site production never has (no privacy policy, no synonyms).
Each function below is the migration's own and changes nothing that exists.
"""

from importlib import import_module

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F, Q

# In migration order; 0003 wrote the untranslated columns, which 0005 copied into the English ones.
DATA_MIGRATIONS = [
    ("campaign", "0003_required_pages", "create_missing_pages"),
    ("campaign", "0005_translations", None),
    ("campaign", "0008_required_pages_es", "add_spanish"),
    ("campaign", "0009_privacy_policy_session_cookie", "update_cookie_statement"),
    ("campaign", "0009_plain_language_summaries", "add_summaries"),
    ("campaign", "0010_seed_search_synonyms", "seed"),
    ("campaign", "0012_privacy_policy_csrf_cookie", "update_csrf_cookie_statement"),
    ("screening", "0002_shipped_questions", "load_shipped_content"),
]
_historical_apps = {}


def restore_shipped_content(sender, using="default", **kwargs):
    if sender.label != "screening":  # post_migrate comes once per app; once per flush is enough
        return
    if using not in _historical_apps:
        _historical_apps[using] = MigrationExecutor(connections[using]).loader.project_state().apps
    apps = _historical_apps[using]
    for app, migration, function in DATA_MIGRATIONS:
        if function is None:  # only pages 0003 just made: a page with English keeps it
            fields = ["title", "summary", "body", "body_html"]
            empty = apps.get_model("campaign", "Page").objects.filter(Q(body_en__isnull=True) | Q(body_en=""))
            empty.update(**{f"{field}_en": F(field) for field in fields})
        else:
            getattr(import_module(f"{app}.migrations.{migration}"), function)(apps, None)
