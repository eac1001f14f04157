"""The page cache after a deploy (the release is in the key) and while Redis is down (one wait per interval)."""

import gzip

import pytest
from django.core.cache.backends.base import BaseCache
from django.test import override_settings

from rescue_restore.web import antiabuse, cache_health, pagecache
from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db


class UnreachableCache(BaseCache):
    """A cache whose every call fails as a Redis that does not answer does, after its timeout; counts the calls."""

    calls = 0

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        UnreachableCache.calls += 1
        raise ConnectionError("Timeout connecting to server")

    get = set = add = incr = delete = get_many = set_many = has_key = clear = touch = _fail


UNREACHABLE = {"default": {"BACKEND": f"{__name__}.UnreachableCache"}}


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    antiabuse.reset_fallback()
    pagecache._pending.clear()
    UnreachableCache.calls = 0
    yield
    antiabuse.reset_fallback()
    pagecache._pending.clear()


def _hit(response):
    return response.get("X-Page-Cache") == "hit"


def _text(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


def test_a_new_release_never_gets_the_previous_releases_pages(client, settings):
    settings.RELEASE = "release-1"
    client.get("/")
    assert _hit(client.get("/"))
    settings.RELEASE = "release-2"  # a template-only deploy: no model saved, nothing invalidated
    assert not _hit(client.get("/"))
    assert _hit(client.get("/"))
    settings.RELEASE = "release-1"
    assert _hit(client.get("/"))  # each release has its own entries (a rollback finds its pages)


def test_without_release_the_key_follows_the_code_and_templates(settings, tmp_path):
    settings.RELEASE = ""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>old</p>")
    (tmp_path / "notes.txt").write_text("not part of what renders a page")
    before = pagecache.code_fingerprint([tmp_path])
    (tmp_path / "notes.txt").write_text("changed")
    assert pagecache.code_fingerprint([tmp_path]) == before
    (templates / "page.html").write_text("<p>new</p>")
    assert pagecache.code_fingerprint([tmp_path]) != before
    assert pagecache.release() == pagecache.release() != ""
    assert len(pagecache.release()) == 16


def test_a_down_redis_costs_one_timeout_per_interval_not_one_per_request(client, monkeypatch):
    PageFactory(slug="outage-page", title="Outage page")
    now = [1000.0]
    monkeypatch.setattr(cache_health.time, "monotonic", lambda: now[0])
    with override_settings(CACHES=UNREACHABLE):
        answers = [client.get("/pages/outage-page/") for _ in range(5)]
        assert [answer.status_code for answer in answers] == [200] * 5
        assert "Outage page" in _text(answers[-1])
        assert not any(_hit(answer) for answer in answers)
        assert UnreachableCache.calls == 1
        now[0] += cache_health.SHARED_CACHE_RETRY_SECONDS - 1
        client.get("/pages/outage-page/")
        assert UnreachableCache.calls == 1
        now[0] += 2  # the interval is over: one more try
        client.get("/pages/outage-page/")
        assert UnreachableCache.calls == 2


def test_the_rate_limiter_and_the_page_cache_share_the_back_off(client, form_data, monkeypatch):
    monkeypatch.setattr(cache_health.time, "monotonic", lambda: 1000.0)
    with override_settings(CACHES=UNREACHABLE):
        client.get("/")  # the page cache meets the down Redis first
        assert UnreachableCache.calls == 1
        answer = client.post("/contact/", form_data(name="Ana", email="ana@example.org", topic="other", message="Hi"))
        assert answer.status_code == 302  # counted per process, not refused
        assert UnreachableCache.calls == 1  # the rate limiter did not wait for Redis again
        cache_health.reset()  # as if the interval were over: the rate limiter tries Redis itself
        client.post("/contact/", form_data(name="Bo", email="bo@example.org", topic="other", message="Hi"))
        assert UnreachableCache.calls == 2


def test_a_staff_edit_made_while_redis_was_down_empties_the_cache_when_it_is_back(client, monkeypatch):
    page = PageFactory(slug="edited-in-outage", title="Before the outage")
    url = f"/pages/{page.slug}/"
    client.get(url)
    assert _hit(client.get(url))
    now = [1000.0]
    monkeypatch.setattr(cache_health.time, "monotonic", lambda: now[0])
    with override_settings(CACHES=UNREACHABLE):
        page.title = "Edited in the outage"
        page.save()  # the invalidation cannot reach Redis
        assert pagecache.SITE in pagecache._pending
    now[0] += cache_health.SHARED_CACHE_RETRY_SECONDS + 1  # Redis is back (the entries from before are still in it)
    pagecache._tag_versions.clear()  # what this process knew: the page is stale by what Redis says now
    response = client.get(url)
    assert not _hit(response)
    assert "Edited in the outage" in _text(response)
    assert not pagecache._pending
