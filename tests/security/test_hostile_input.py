"""Every public form and URL answers hostile input with a 4xx page, never a 500.

The forms are read from the pages themselves, so a field added later is
attacked too. Each value goes into every field at once, and again as a
repeated key, with a valid signed start time so the request reaches the
form's own validation rather than stopping at the anti-abuse checks.
"""

import os
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from rescue_restore.web.antiabuse import signed_start_time

HOSTILE_VALUES = [
    "",
    "\x00",
    "a" * 20000,
    "<script>alert(1)</script>",
    "é\u202e",
    "1e9",
    "-1",
    "99999999999999999999",
    "' OR 1=1--",
    "x\r\nBcc: someone@example.org",
    "%",
    "\uff41@\uff42.\uff43\uff4f\uff4d",  # full-width a@b.com
]

PUBLIC_FORMS = ["/contact/", "/materials/order/", "/coalitions/request/", "/listserv/", "/listserv/resend/"]

# Path segments a person could type or a scanner could send in place of a slug or token.
HOSTILE_SEGMENTS = [
    "%00",
    "a" * 600,
    "%3Cscript%3E",
    "..%2F..%2Fsettings",
    "%C3%A9",
    "%E2%80%AE",
    "99999999999999999999",
]
ROUTES_WITH_A_SEGMENT = [
    "/pages/{}/",
    "/topics/{}/",
    "/materials/{}/",
    "/materials/orders/{}/",
    "/materials/files/{}/cover.jpg",
    "/materials/files/{}/print.pdf",
    "/coalitions/{}/",
    "/coalitions/verify/{}/",
    "/listserv/confirm/{}/",
    "/listserv/preferences/{}/",
    "/listserv/unsubscribe/{}/",
    "/listserv/archive/{}/",
]
LISTING_PAGES = ["/search/", "/materials/", "/coalitions/", "/listserv/archive/"]
QUERY_KEYS = ["q", "page", "state", "audience", "kind", "language", "topic"]


@pytest.fixture(scope="module")
def _demo_site(django_db_setup, django_db_blocker):
    """The demo content, seeded once for this module's tests in a transaction rolled back at its end.

    Each test runs in a savepoint inside it (pytest-django's ``db``), so what a test writes is gone
    before the next one, as with a per-test seed; seeding once saves about a second a test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_demo_site, db):
    pass


def field_names(html):
    names = set(re.findall(r'\bname="([^"]+)"', html))
    return sorted(names - {"csrfmiddlewaretoken", "form_started", "website"})


@pytest.mark.parametrize("url", PUBLIC_FORMS)
def test_public_forms_never_fail_on_hostile_values(client, seeded, url):
    names = field_names(client.get(url).content.decode())
    assert len(names) >= 2, f"no form found on {url}"
    for value in HOSTILE_VALUES:
        for data in (dict.fromkeys(names, value), {name: [value, "1"] for name in names}):
            cache.clear()  # rate limits would otherwise answer before the form does
            response = client.post(url, {**data, "website": "", "form_started": signed_start_time()})
            assert response.status_code < 500, (url, value[:30])


@pytest.mark.parametrize("route", ROUTES_WITH_A_SEGMENT)
def test_hostile_path_segments_are_not_found_or_refused(client, seeded, route):
    for segment in HOSTILE_SEGMENTS:
        for method in (client.get, client.post):
            response = method(route.format(segment))
            assert 400 <= response.status_code < 500, (route, segment[:30], response.status_code)


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_hostile_query_strings_still_show_the_page(client, seeded, url):
    for value in HOSTILE_VALUES:
        response = client.get(url, dict.fromkeys(QUERY_KEYS, value))
        assert response.status_code in (200, 400), (url, value[:30], response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/materials/order/?status__exact=%00",
        "/admin/coalitions/coalition/?state=%00",
        "/admin/listserv/subscriber/?q=a%00b",
        "/admin/rescue_restore/outgoingemail/?purpose=%00",
        "/admin/autocomplete/?term=a%00b&app_label=coalitions&model_name=coalition&field_name=x",
    ],
)
def test_a_nul_in_an_admin_query_is_a_400_with_the_usual_headers(admin_client, url):
    # PostgreSQL refuses NUL in text: list filters passed it on and answered with a 500.
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "unsafe-inline" not in response["Content-Security-Policy"]
