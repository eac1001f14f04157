"""Fixtures every test folder shares: staff users, form data, quiet defaults; the test database's making."""

import hashlib
import json
import os
import time

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rescue_restore.accounts import roles
from rescue_restore.web import pagecache
from rescue_restore.web.antiabuse import signed_start_time
from tests import database_template
from tests.shipped_content import restore_shipped_content
from tests.signin import sign_in

post_migrate.connect(restore_shipped_content, dispatch_uid="tests.restore_shipped_content")

_TEMPLATES = pytest.StashKey[dict]()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist controller, before each worker starts: migrate the template once, tell the worker its name."""
    config = node.config
    if not database_template.wanted(config):
        return
    if _TEMPLATES not in config.stash:
        started = time.monotonic()
        config.stash[_TEMPLATES] = database_template.build(config)
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(f"Test database migrated once, in {time.monotonic() - started:.1f} s")
    node.workerinput[database_template.WORKER_INPUT_KEY] = config.stash[_TEMPLATES]["databases"]


def pytest_unconfigure(config):
    if _TEMPLATES in config.stash:
        database_template.remove(config, config.stash[_TEMPLATES])


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """pytest-django's (the _gwN suffix), and in an xdist worker: copy the controller's template."""
    worker = getattr(request.config, "workerinput", {})
    templates = worker.get(database_template.WORKER_INPUT_KEY)
    if templates:
        database_template.copy_instead_of_migrating(templates, worker["workerid"])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """``postgres_only`` tests run on PostgreSQL; elsewhere they skip, except in CI, where they fail.

    ``make test`` runs the suite on SQLite, then on TEST_DATABASE_URL's PostgreSQL; CI
    (``.ci/run``, ``CI=true``) must do both, so a missing TEST_DATABASE_URL there is an error,
    not ten quiet skips. First of the setup hooks: before any module's own ``skipif``.
    """
    if item.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and not os.environ.get("TEST_DATABASE_URL"):
        pytest.fail(
            "CI=true but TEST_DATABASE_URL is not set: this PostgreSQL-only test (row locks, "
            "concurrency) would be skipped. Set TEST_DATABASE_URL (.ci/run does) and run make test.",
            pytrace=False,
        )
    pytest.skip("needs PostgreSQL: make test runs it on TEST_DATABASE_URL")


@pytest.fixture(autouse=True, scope="session")
def _demo_art_drawn_once_per_worker():
    """seed_demo's covers, PDFs and thumbnails are drawn once per worker, then handed out as copies.

    About 90 tests run seed_demo, and Pillow drawing and encoding its 20 covers, 20 PDFs and
    20 thumbnails was most of its 5-15 s. The same edition text (or the same cover bytes) gives
    the same picture, so each is drawn the first time it is asked for and its bytes are kept;
    every call still gets a new file. Tests that call materials.images themselves are untouched.
    """
    from django.core.files.base import ContentFile

    from materials import demo
    from materials.models import catalog

    drawn = {}

    def once(function, key):
        if key not in drawn:
            drawn[key] = function()
        return drawn[key]

    def keep_drawing(draw):
        def drawing(edition_text, kind):
            key = (draw.__name__, json.dumps(edition_text, sort_keys=True, default=str), kind)
            return ContentFile(once(lambda: draw(edition_text, kind).read(), key))

        return drawing

    def thumbnail(cover, item_code):
        cover.open("rb")
        try:
            key = ("thumbnail", hashlib.sha256(cover.read()).hexdigest(), cover.name, item_code)
        finally:
            cover.close()
        name, content = once(lambda: _read(*make_thumbnail(cover, item_code)), key)
        return name, ContentFile(content)

    make_thumbnail = catalog.make_thumbnail
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "demo_cover_file", keep_drawing(demo.demo_cover_file))
        patch.setattr(demo, "demo_pdf_file", keep_drawing(demo.demo_pdf_file))
        patch.setattr(catalog, "make_thumbnail", thumbnail)
        yield


def _read(name, content):
    return name, content.read()


@pytest.fixture(autouse=True)
def _test_defaults(settings):
    """Forms may be posted at once; tasks run immediately; rate-limit counts start at zero.

    Passwords are hashed with MD5 here only: PBKDF2's 1,000,000 rounds cost
    about 0.3 s per user, and every staff fixture makes one.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail", "bulletins"],
        }
    }
    settings.SITE_URL = "https://rescue-restore.example.gov"
    # Views are measured, not the page cache (tests/rescue_restore/test_page_cache.py turns it on).
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()
    pagecache.forget_local_copies()  # the emptied cache's pages and version, as a new process would
    # A request to /es/ leaves Spanish active in the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def form_data():
    """Build POST data for a public form, with a valid signed start time."""

    def build(**fields):
        return {"website": "", "form_started": signed_start_time(), **fields}

    return build


def _staff(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username, f"{username}@rescue-restore.example.gov", "a-long-test-password-1", is_staff=True, **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_fulfilment(django_user_model):
    return _staff(django_user_model, "fulfilment", roles.FULFILMENT)


@pytest.fixture
def staff_editor(django_user_model):
    return _staff(django_user_model, "editor", roles.CONTENT_EDITORS)


@pytest.fixture
def staff_coalition_moderator(django_user_model):
    return _staff(django_user_model, "moderator", roles.COALITION_MODERATORS)


@pytest.fixture
def staff_listserv_manager(django_user_model):
    return _staff(django_user_model, "listserv", roles.LISTSERV_MANAGERS)


@pytest.fixture
def staff_approver(django_user_model):
    return _staff(django_user_model, "approver", roles.CONTENT_APPROVERS)


@pytest.fixture
def staff_editor_approver(django_user_model):
    """Holds both roles: writes pages and approves, but never their own change."""
    user = _staff(django_user_model, "editor-approver", roles.CONTENT_EDITORS)
    user.groups.add(Group.objects.get(name=roles.CONTENT_APPROVERS))
    return user


@pytest.fixture
def superuser(django_user_model):
    return _staff(django_user_model, "admin", is_superuser=True)


@pytest.fixture
def staff_no_role(django_user_model):
    return _staff(django_user_model, "staff-no-role")


@pytest.fixture
def assert_same_queries():
    """Visit a page at two (or more) data sizes and assert the SAME number of queries at each.

    ``grow(size)`` brings the data to ``size``; ``visit()`` requests the page.
    Each size is visited once to warm per-process caches, then counted. The
    count must be equal at every size (no query per row) and, with ``most``,
    no more than that. On failure the queries of each size are printed.
    """

    def check(sizes, grow, visit, *, most=None):
        counted = []
        for size in sizes:
            grow(size)
            visit()
            with CaptureQueriesContext(connection) as queries:
                visit()
            counted.append((size, [query["sql"] for query in queries.captured_queries]))
        counts = {size: len(sql) for size, sql in counted}
        listing = "\n\n".join(f"{size} rows:\n" + "\n".join(sql) for size, sql in counted)
        assert len(set(counts.values())) == 1, f"query counts differ by size {counts}:\n{listing}"
        if most is not None:
            assert max(counts.values()) <= most, f"{counts} queries, at most {most} expected:\n{listing}"
        return counts

    return check


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in as the admin requires: password step and a verified factor."""
    sign_in(client, admin_user)
    return client
