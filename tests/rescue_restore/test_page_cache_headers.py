"""An answer from the page cache leaves before most of the middleware, yet carries what the whole stack
gives the same visitor on the same page: the same headers and cookies, only the per-visit values new."""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.campaign import PageFactory
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-[^']+'")
# The length follows the random gzip header field; each answer has its own request id.
PER_ANSWER = {"Content-Length", "X-Page-Cache", "X-Request-ID"}
COOKIE_ATTRIBUTES = ("max-age", "expires", "path", "domain", "secure", "httponly", "samesite")
CSRF_SECRET = "a" * 32


@pytest.fixture
def edition():
    material = MaterialFactory(title="Look beneath the surface", slug="look-beneath-the-surface")
    EditionFactory(material=material, language="es", item_code="RR-HEAD-ES")
    return EditionFactory(material=material, item_code="RR-HEAD-EN")


def _first_visit():
    return Client()


def _with_csrf_cookie():
    visitor = Client()
    visitor.cookies["csrftoken"] = CSRF_SECRET
    return visitor


def _with_order_list(edition):
    visitor = Client()
    visitor.post("/materials/order/list/", {"action": "add", "item": edition.item_code})
    visitor.get("/materials/order/")  # shows (and so ends) the "added" message
    return visitor


def _with_stale_session():
    visitor = Client()
    visitor.cookies["sessionid"] = "x" * 32  # a session that ended: the answer deletes the cookie
    return visitor


def _text(response):
    return gzip.decompress(response.content).decode()


def _what_a_visitor_gets(response):
    headers = {name: NONCE.sub("'nonce-…'", value) for name, value in response.items() if name not in PER_ANSWER}
    if "Expires" in headers:  # made from the answer's own time (test_page_cache_visitors.py checks it)
        headers["Expires"] = "…"
    cookies = {
        name: {attribute: morsel[attribute] for attribute in COOKIE_ATTRIBUTES if attribute != "expires"}
        | {"deleted": morsel.value == ""}
        for name, morsel in response.cookies.items()
    }
    return headers, cookies


def test_an_answer_from_the_cache_has_the_headers_and_cookies_of_the_page_rendered_through_every_middleware(
    settings, edition
):
    PageFactory(slug="health-care", title="Health care providers")
    pages = ["/", "/es/", "/materials/", "/es/materials/", edition.material.get_absolute_url(), "/listserv/"]
    visitors = {
        "first visit": lambda: _first_visit(),
        "CSRF cookie": lambda: _with_csrf_cookie(),
        "order list": lambda: _with_order_list(edition),
        "stale session": lambda: _with_stale_session(),
    }
    for page in pages:
        settings.PAGE_CACHE_ENABLED = False
        rendered = {kind: make().get(page, HTTP_ACCEPT_ENCODING="gzip") for kind, make in visitors.items()}
        settings.PAGE_CACHE_ENABLED = True
        Client().get(page)  # stores it
        for kind, make in visitors.items():
            cached = make().get(page, HTTP_ACCEPT_ENCODING="gzip")
            assert cached.get("X-Page-Cache") == "hit", (page, kind)
            assert rendered[kind].status_code == cached.status_code == 200
            assert _what_a_visitor_gets(cached) == _what_a_visitor_gets(rendered[kind]), (page, kind)
            if NONCE.search(rendered[kind]["Content-Security-Policy"]):  # the answer's own nonce
                assert cached["Content-Security-Policy"] != rendered[kind]["Content-Security-Policy"]
                assert NONCE.search(cached["Content-Security-Policy"])[0] in _text(cached)
    assert "csrftoken" in _what_a_visitor_gets(cached)[1]  # the sign-up form gives a first visitor the cookie


def test_the_order_form_from_the_cache_for_a_list_has_the_headers_of_the_page_rendered_for_it(settings, edition):
    settings.PAGE_CACHE_ENABLED = False
    rendered = _with_order_list(edition).get("/materials/order/", HTTP_ACCEPT_ENCODING="gzip")
    settings.PAGE_CACHE_ENABLED = True
    storer = _with_order_list(edition)
    for _ in range(2):  # looks without the "added" message: the second stores it
        storer.get("/materials/order/")
    cached = _with_order_list(edition).get("/materials/order/", HTTP_ACCEPT_ENCODING="gzip")
    assert cached.get("X-Page-Cache") == "hit"
    assert _what_a_visitor_gets(cached) == _what_a_visitor_gets(rendered)
    assert f'name="qty_{edition.pk}"' in _text(cached)


def test_a_signed_in_users_session_is_read_once_and_never_answered_from_the_cache(client, superuser, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.force_login(superuser)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.get("X-Page-Cache") != "hit"
    # The page cache opened the session to see it is not a public visitor's; the session middleware
    # kept it, so it was read once.
    assert sum('FROM "django_session"' in query["sql"] for query in queries.captured_queries) == 1


@pytest.mark.parametrize(
    "cookies",
    [
        {"csrftoken": "short"},
        {"csrftoken": "!" * 32},
        {"csrftoken": "a" * 64},
        {"sessionid": "../../etc/passwd"},
        {"sessionid": "x" * 5000},
        {"sessionid": ""},
        {"messages": "garbage"},
        {"django_language": "xx"},
    ],
)
def test_hostile_cookies_get_the_page_and_a_new_csrf_cookie_where_theirs_is_unusable(settings, cookies):
    settings.PAGE_CACHE_ENABLED = True
    for page in ("/", "/listserv/", "/es/materials/"):
        Client().get(page)
        visitor = Client()
        for name, value in cookies.items():
            visitor.cookies[name] = value
        response = visitor.get(page, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, (page, cookies)
        if cookies.get("csrftoken", "a" * 32) != "a" * 32 and page == "/listserv/":
            assert response.cookies["csrftoken"].value not in ("", cookies["csrftoken"])
