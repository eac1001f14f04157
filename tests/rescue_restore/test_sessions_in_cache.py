"""Public visitors' sessions are read from the shared cache (rescue_restore/web/sessions.py);
PostgreSQL keeps the record.

The test cache is Django's local memory cache; the store only sees ``caches["default"]``, as it sees
Redis in production. Staff sessions stay out of the cache, and a cache that fails is a miss.
"""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rescue_restore.web import antiabuse
from rescue_restore.web.sessions import SessionStore
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached_sessions(settings):
    settings.SESSION_ENGINE = "rescue_restore.web.sessions"
    settings.PAGE_CACHE_ENABLED = True
    antiabuse.reset_fallback()
    yield
    antiabuse.reset_fallback()


@pytest.fixture
def edition():
    return EditionFactory(material=MaterialFactory(title="Look Beneath the Surface"), item_code="RR-SESSION-EN")


def _copy(client):
    return cache.get(SessionStore.cache_key_prefix + client.cookies[django_settings.SESSION_COOKIE_NAME].value)


def _visitor_with(edition):
    visitor = Client()
    visitor.post("/materials/order/list/", {"action": "add", "item": edition.item_code})
    visitor.get("/materials/")  # shows (and so ends) the "added" message
    return visitor


def test_a_returning_visitors_page_from_the_cache_costs_no_sql(edition, django_assert_num_queries, settings):
    Client().get("/materials/")  # stored by an anonymous visitor
    visitor = _visitor_with(edition)
    with django_assert_num_queries(0):
        page = visitor.get("/materials/")
    assert page["X-Page-Cache"] == "hit"
    # The same visitor on a site reading every session from PostgreSQL: one query a page.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    same_visitor = Client()  # the session middleware takes its store when the site starts
    same_visitor.cookies = visitor.cookies
    with django_assert_num_queries(1):
        assert same_visitor.get("/materials/")["X-Page-Cache"] == "hit"


def test_the_database_keeps_the_record_and_answers_when_the_copy_is_gone(edition):
    visitor = _visitor_with(edition)
    key = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key).get_decoded()
    assert _copy(visitor) == stored
    assert stored["materials_order_list"]  # the order list, the only thing a public session holds
    cache.clear()
    assert "You have chosen 1 item" in visitor.get("/materials/").content.decode()
    assert _copy(visitor) == stored  # read from PostgreSQL, copied again


def test_ending_the_session_removes_its_copy(edition):
    visitor = _visitor_with(edition)
    key = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert _copy(visitor) is not None
    visitor.post("/materials/order/list/", {"action": "remove", "item": edition.item_code})
    assert not Session.objects.filter(session_key=key).exists()
    assert cache.get(SessionStore.cache_key_prefix + key) is None


def test_ending_the_session_is_one_delete(edition):
    """No read of the row first (Django's store reads it to delete the instance): one round trip per order."""
    visitor = _visitor_with(edition)
    key = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value
    with CaptureQueriesContext(connection) as captured:
        visitor.post("/materials/order/list/", {"action": "remove", "item": edition.item_code})
    touching = [query["sql"] for query in captured.captured_queries if "django_session" in query["sql"]]
    assert len(touching) == 1
    assert touching[0].startswith("DELETE")
    assert key in touching[0]
    assert not Session.objects.filter(session_key=key).exists()
    SessionStore(key).delete()  # a session already gone: nothing to do, no error
    SessionStore().delete()  # a session never saved has no key: nothing to do


def test_staff_sessions_are_never_copied_into_the_cache(client, superuser):
    sign_in(client, superuser)
    assert client.get("/admin/").status_code == 200
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert SESSION_KEY in Session.objects.get(session_key=key).get_decoded()
    assert cache.get(SessionStore.cache_key_prefix + key) is None


def test_a_public_session_that_signs_in_leaves_no_copy_behind(edition, superuser):
    visitor = _visitor_with(edition)
    before = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value
    sign_in(visitor, superuser)
    after = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert cache.get(SessionStore.cache_key_prefix + before) is None
    assert cache.get(SessionStore.cache_key_prefix + after) is None


def test_a_cache_that_fails_is_a_miss_and_the_site_keeps_working(edition, monkeypatch):
    visitor = _visitor_with(edition)

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis does not answer")

    for method in ("get", "set", "delete", "get_many", "set_many"):
        monkeypatch.setattr(cache, method, unreachable)
    page = visitor.get("/materials/")
    assert page.status_code == 200
    assert "You have chosen 1 item" in page.content.decode()
    assert not antiabuse.shared_cache_usable()  # the back-off the rate limiter and the page cache share
    removed = visitor.post("/materials/order/list/", {"action": "remove", "item": edition.item_code})
    assert removed.status_code == 302
