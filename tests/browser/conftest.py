"""Playwright against pytest-django's live server, in Debian's Chromium.

Nothing here downloads a browser: Playwright launches /usr/bin/chromium
(``apt-get install -y chromium``; the Makefile does it). axe-core comes from
npm and is injected from build/test/axe.min.js.
"""

import functools
import json
import os
from pathlib import Path

import pytest
import pytest_django.fixtures as pytest_django_fixtures
from django.test.testcases import LiveServerThread

from tests.browser.live_server import SharedConnectionSafeServer

# Both live servers below (pytest-django's and the module-scoped one) are built
# on Django's LiveServerThread; see live_server.py for why requests take turns on SQLite.
LiveServerThread.server_class = SharedConnectionSafeServer

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from test code are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "build" / "test" / "axe.min.js"


def _needs_the_test_database(original):
    """pytest-django creates the test database only if a collected test asks for one (db, a django_db mark…).

    ``seeded_db`` is module-scoped, so it cannot use ``db``: run on its own, a
    module of seeded tests was not seen to need a database, none was created,
    and its seeding and flush ran on the developer's own database. Tests that
    use ``seeded_db`` now count as using the default database.
    """

    def databases_for_test(test):
        if "seeded_db" in getattr(test, "fixturenames", ()):
            return ("default",), False
        return original(test)

    return databases_for_test


pytest_django_fixtures._get_databases_for_test = _needs_the_test_database(
    pytest_django_fixtures._get_databases_for_test
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install -y chromium` (make setup does).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only once the test database exists.

    pytest-django hands the server the test's own connection when the database is SQLite in
    memory, but decides that when the server starts. Its fixture does not ask for the test
    database, so a test that named ``live_server`` before ``transactional_db`` started the server
    while the settings still named the development file: no connection was handed over, and
    each request thread opened its own connection to the in-memory database. Those share one
    cache, where a write that meets another connection's read fails at once with "database
    table is locked" instead of waiting (a passkey enrolment ended in a 500 that way, one run
    in about fifteen). Asking for ``django_db_setup`` first makes the hand-over, and requests
    take turns as live_server.py describes.
    """
    return live_server


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with demo content loaded."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture
def no_third_party_requests(page, live_server):
    """Fail the test if the page asks any host other than the live server."""
    outside = []

    def check(request):
        if not request.url.startswith((live_server.url, "data:", "about:")):
            outside.append(request.url)

    page.on("request", check)
    yield outside
    assert outside == [], f"requests left the site: {outside}"


def sign_in_browser(page, base_url, user):
    """Give the browser a staff session that passed both steps: password, then a real TOTP factor.

    The session is made by ``tests.signin.sign_in`` through Django's test
    client (a computed code, django-otp's own login), and its cookie handed
    to the browser. Tests of the sign-in pages themselves use the pages.
    """
    from django.conf import settings
    from django.test import Client

    from tests.signin import sign_in

    client = Client()
    sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


@functools.cache
def _axe_source():
    return AXE.read_text()


WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def axe_violations(page, tags=WCAG_22_AA):
    """Run axe-core on the current page; return its violations (rule id, impact, targets)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci && bin/build-assets` (make setup does).")
    # Evaluated through the DevTools protocol, which the page's CSP does not
    # govern; a <script> tag would (rightly) be refused as inline script.
    # From the top of the page: after a failed submit the page is scrolled to the error summary, and
    # axe counts the header's controls that have scrolled beneath the sticky quick-exit band as
    # overlapping targets (2.5.8), though they are out of view.
    page.evaluate("() => window.scrollTo(0, 0)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Only the violations are read: axe then skips gathering the details of every passing
    # and undecided check, which took more than half of each run.
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


@pytest.fixture(scope="module")
def seeded_db(django_db_setup, django_db_blocker):
    """Demo content loaded once for a whole module, and removed after it.

    The per-test ``site`` fixture seeds and flushes around every test (several
    seconds each); read-mostly modules share one seeded database instead.
    Tests in such a module may use the ORM freely.
    """
    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        # Never seed, then flush, a real database (see _needs_the_test_database).
        name = str(connection.settings_dict["NAME"])
        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
        assert in_memory or name.startswith("test_"), f"not a test database: {name}"
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        try:
            yield
        finally:
            # flush re-runs post_migrate, so the role groups are back for the next module.
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def seeded_site(seeded_db):
    """A live server over the module's seeded database.

    Not pytest-django's ``live_server``: a test that uses that one is given a
    transactional database, which is emptied after every test.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
