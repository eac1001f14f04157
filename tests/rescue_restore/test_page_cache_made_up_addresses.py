"""Made-up addresses cannot fill the cache's memory, and Redis may evict what the cache can lose.

Anyone can ask for ``/materials/?utm_x=1``, ``?utm_x=2``… (a parameter no view reads) or for new
search words: stored at once, each would keep a whole page in Redis for ``pagecache.TIMEOUT``
(about 80 kB for a catalog page). An address with a query string is now stored the second time it is
asked for. docs/deploy.md bounds Redis (``maxmemory`` with ``volatile-lru``, the policy managed Redis
services start with): only keys with an expiry may be evicted, so the tag versions that make pages
stale must have none, and everything else the site keeps there must have one.
"""

import pytest
from django.core.cache import caches

from rescue_restore.web import pagecache
from rescue_restore.web.pagecache_tags import GENERATION_KEY, TAG_KEY_PREFIX
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.rescue_restore.test_page_cache_invalidation import (  # noqa: F401 (the cache on, both backends)
    _hit,
    _page_cache_on,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    material = MaterialFactory(title="Look Beneath the Surface", slug="look-beneath-the-surface")
    return EditionFactory(material=material, item_code="RR-LBS-EN", stock_on_hand=50)


def test_an_address_with_a_query_string_is_stored_the_second_time_it_is_asked_for(client, catalog):
    answers = [client.get("/materials/?language=en") for _ask in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [_hit(answer) for answer in answers] == [False, False, True]
    # The address without a query string is stored the first time, as before.
    assert [_hit(client.get("/materials/")) for _ask in range(2)] == [False, True]


def test_made_up_addresses_asked_for_once_leave_no_page_behind(client, catalog):
    made_up = [f"/materials/?utm_x={number}" for number in range(30)] + ["/search/?q=made+up+words"]
    for url in made_up:
        assert client.get(url).status_code == 200, url
    # None was stored: asked for again, each is rendered (and only now stored), never served from the cache.
    assert [url for url in made_up if _hit(client.get(url))] == []
    assert all(_hit(client.get(url)) for url in made_up[:3])


@pytest.fixture
def redis_only(_page_cache_on):  # noqa: F811 (the module's fixture, named as its parameter)
    if "RedisCache" not in type(caches["default"]).__name__:
        pytest.skip("expiries are read from Redis")
    return caches["default"]


def test_in_redis_only_the_tag_versions_live_forever(client, catalog, form_data, redis_only):
    """``volatile-lru`` evicts only keys with an expiry: a lost version could pass a stale page as fresh."""
    from listserv.models import Topic

    for url in ["/", "/materials/", "/materials/look-beneath-the-surface/", "/search/?q=surface", "/listserv/"]:
        client.get(url)
        client.get(url)
    client.post("/materials/order/list/", {"action": "add", "item": catalog.item_code, "next": ""})
    topic = Topic.objects.create(name="Updates", slug="updates")
    pagecache.bump_version()
    signed_up = client.__class__().post("/listserv/", form_data(email="ana@example.org", topics=[topic.pk]))
    assert signed_up.status_code == 302
    raw = redis_only.client.get_client()
    keys = [key.decode() for key in raw.keys(redis_only.make_key("*"))]
    versions = {key for key in keys if key.endswith(GENERATION_KEY) or f":{TAG_KEY_PREFIX}" in key}
    assert versions
    assert {key for key in keys if raw.ttl(key) == -1} == versions
    # Everything else expires: stored pages, "asked for before" markers, rate-limit counters. (A
    # session's copy in Redis gets its expiry from Django's cached_db store; tests keep sessions in
    # the database.)
    others = [key for key in keys if key not in versions]
    assert any(":pagecache:" in key and not key.endswith(":asked") for key in others), keys
    assert any(key.endswith(":asked") for key in others), keys
    assert any(":rl:" in key for key in others), keys
