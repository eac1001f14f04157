"""The test database is migrated once per run, then copied to every xdist worker.

Migrating through every migration costs each worker about 15 s on a quiet
machine (36-43 s when two workers migrate at once on a busy one). Instead the
xdist controller migrates one *template* before it starts the workers, and each
worker's ``create_test_db`` copies it:

- SQLite: the template is a file in a temporary folder; a worker loads it with
  SQLite's backup API into its usual in-memory database (so the live server
  still shares the test's connection, see tests/browser/live_server.py);
- PostgreSQL: the template is the database ``test_<name>_template``; a worker
  runs ``CREATE DATABASE test_<name>_gwN TEMPLATE test_<name>_template``.

The template is migrated like any test database, so the data migrations' content
and ``post_migrate``'s role groups are in it, and they are copied with it.
Without xdist (``pytest`` alone, ``-n 0``), with ``--reuse-db`` or with
``--no-migrations``, nothing changes: pytest-django creates the database itself.
The controller removes the template when the run ends.
"""

import shutil
import tempfile
from pathlib import Path

WORKER_INPUT_KEY = "rescue_restore_test_db_templates"


def wanted(config):
    """Whether this run builds a template: an xdist controller that will migrate fresh databases."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return False
    return not (config.getoption("reuse_db") or config.getoption("nomigrations"))


def build(config):
    """Migrate one template per database alias in this (controller) process; ``{alias: name}``."""
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    folder = Path(tempfile.mkdtemp(prefix="rr-test-db-"))
    templates = {}
    with config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            creation = connection.creation
            original_name = connection.settings_dict["NAME"]
            test_settings = connection.settings_dict.setdefault("TEST", {})
            original_test_name = test_settings.get("NAME")
            if connection.vendor == "sqlite":
                template = str(folder / f"{alias}.sqlite3")
            else:
                template = f"{creation._get_test_db_name()}_template"
            test_settings["NAME"] = template
            try:
                creation.create_test_db(verbosity=0, autoclobber=True)
            finally:
                connection.close()
                test_settings["NAME"] = original_test_name
                connection.settings_dict["NAME"] = original_name
                _settings_of(alias)["NAME"] = original_name
            templates[alias] = template
    return {"folder": str(folder), "databases": templates}


def remove(config, built):
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias, template in built["databases"].items():
            connection = connections[alias]
            if connection.vendor != "sqlite":
                connection.creation._destroy_test_db(template, verbosity=0)
    shutil.rmtree(built["folder"], ignore_errors=True)


def copy_instead_of_migrating(templates, worker_id):
    """In a worker: each connection's ``create_test_db`` copies the controller's template."""
    from django.db import connections

    for alias, template in templates.items():
        creation = connections[alias].creation
        creation.create_test_db = _copying(creation, template, worker_id)


def _copying(creation, template, worker_id):
    migrate = creation.create_test_db

    def create_test_db(verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        if keepdb:  # --reuse-db in a worker: its own kept database, as pytest-django does
            return migrate(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=True)
        return _copy(creation, template, worker_id, serialize)

    return create_test_db


def _copy(creation, template, worker_id, serialize):
    """What ``create_test_db`` leaves behind (the test name in the settings, a connection), by copying."""
    connection = creation.connection
    alias = connection.alias
    if connection.vendor == "sqlite":
        import sqlite3

        name = f"file:memorydb_{alias}_{worker_id}?mode=memory&cache=shared"
        _use(connection, name)
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        name = creation._get_test_db_name()
        quote = connection.ops.quote_name
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        connection.close()
        _use(connection, name)
        connection.ensure_connection()
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    return name


def _use(connection, name):
    connection.close()
    _settings_of(connection.alias)["NAME"] = name
    connection.settings_dict["NAME"] = name


def _settings_of(alias):
    from django.conf import settings

    return settings.DATABASES[alias]
