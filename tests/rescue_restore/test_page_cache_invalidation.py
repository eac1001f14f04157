"""Invalidation by what changed: a sign-up leaves every page, an order only the pages showing its availability.

Run against the process-local cache and against Redis (``TEST_REDIS_URL``, by
default database 14 on the local Redis, as CI has it): the shared cache is where
the tag versions other processes read live.
"""

import gzip
import os

import pytest

from campaign.models import Page, Section
from listserv.models import Topic
from materials.models import Edition
from rescue_restore.web import pagecache
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import CoalitionFactory
from tests.factories.listserv import TopicFactory
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
BACKENDS = {
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "invalidation-tests"},
    "redis": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        # Each test process its own keys (xdist workers, and two runs of the suite on one machine),
        # emptied by pattern: clear() would empty the whole database under another process's test.
        "KEY_PREFIX": f"rr-test-invalidation-{os.getpid()}",
        # Longer than production's 1 s: on a loaded test machine a slow answer would make the page
        # cache back off from Redis (30 s uncached) and fail a test about invalidation.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
    },
}


@pytest.fixture(autouse=True, params=sorted(BACKENDS))
def _page_cache_on(request, settings):
    original = settings.CACHES
    settings.CACHES = {"default": BACKENDS[request.param]}
    settings.PAGE_CACHE_ENABLED = True
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    from django.core.cache import cache

    empty = (lambda: cache.delete_pattern("*")) if request.param == "redis" else cache.clear
    empty()
    pagecache.forget_local_copies()
    yield
    empty()
    pagecache.forget_local_copies()
    # Back before the suite's own teardown empties "the" cache: with Redis, clear() is FLUSHDB,
    # which would empty the database under another worker's test.
    settings.CACHES = original


def _hit(response):
    return response.get("X-Page-Cache") == "hit"


def _text(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


@pytest.fixture
def site():
    """Two materials (one with its last copy), a coalition, a content page and a topic."""
    scarce = MaterialFactory(title="Scarce brochure", slug="scarce-brochure")
    scarce_edition = EditionFactory(material=scarce, item_code="RR-SCARCE-EN", stock_on_hand=1)
    plenty = MaterialFactory(title="Plentiful poster", slug="plentiful-poster")
    EditionFactory(material=plenty, item_code="RR-PLENTY-EN", stock_on_hand=500)
    CoalitionFactory(name="Riverside Coalition", slug="riverside-coalition")
    PageFactory(slug="guidance", title="Guidance", section=Section.ABOUT_TRAFFICKING)
    PageFactory(slug="for-clinics", title="For clinics", section=Section.HEALTH_CARE)
    TopicFactory(name="Updates", slug="updates")
    return {"scarce": scarce, "scarce_edition": scarce_edition, "plenty": plenty}


UNRELATED = ["/", "/pages/guidance/", "/coalitions/", "/listserv/", "/es/", "/es/coalitions/"]


def _cache_all(client, urls):
    for url in urls:
        # An address with a query string is stored the second time it is asked for, not the first.
        for _ask in range(2 if "?" in url else 1):
            assert client.get(url).status_code == 200, url
        assert _hit(client.get(url)), url


def test_a_sign_up_leaves_every_cached_page_in_place(client, site, form_data):
    pages = [*UNRELATED, "/materials/", "/materials/scarce-brochure/", "/es/materials/", "/es/listserv/"]
    _cache_all(client, pages)
    visitor = client.__class__()
    topic = Topic.objects.get(slug="updates")
    signed_up = visitor.post("/listserv/", form_data(email="ana@example.org", topics=[topic.pk]))
    assert signed_up.status_code == 302
    assert [url for url in pages if not _hit(client.get(url))] == []


def test_an_order_shows_the_changed_availability_at_once_and_leaves_unrelated_pages(client, site, form_data):
    scarce_pages = ["/materials/", "/materials/scarce-brochure/", "/es/materials/", "/es/materials/scarce-brochure/"]
    plenty_pages = ["/materials/plentiful-poster/", "/es/materials/plentiful-poster/"]
    _cache_all(client, [*UNRELATED, *scarce_pages, *plenty_pages])
    assert "Add to my order" in _text(client.get("/materials/scarce-brochure/"))

    edition = site["scarce_edition"]
    placed = client.__class__().post(
        "/materials/order/",
        form_data(**VALID_DETAILS, submission_token="invalidation-test-token-0123", **{f"qty_{edition.pk}": "1"}),
    )
    assert placed.status_code == 302
    assert Edition.objects.get(pk=edition.pk).stock_on_hand == 0

    for url in scarce_pages:  # its material's page and the catalog listing it, in both languages
        response = client.get(url)
        assert not _hit(response), url
    assert "Out of stock" in _text(client.get("/materials/scarce-brochure/"))
    assert "Agotado" in _text(client.get("/es/materials/scarce-brochure/"))
    assert [url for url in [*UNRELATED, *plenty_pages] if not _hit(client.get(url))] == []


def test_a_stock_movement_changes_only_its_materials_pages(client, site, staff_fulfilment):
    from materials import stock

    _cache_all(client, ["/materials/scarce-brochure/", "/materials/plentiful-poster/", "/"])
    stock.record_movement(site["scarce_edition"], -1, "damaged", by=staff_fulfilment)
    assert not _hit(client.get("/materials/scarce-brochure/"))
    assert _hit(client.get("/materials/plentiful-poster/"))
    assert _hit(client.get("/"))


def test_an_order_that_leaves_copies_changes_no_page(client, site, form_data):
    """The pages say "can be ordered" or "out of stock", never how many: 500 copies less one shows nothing new."""
    plenty = site["plenty"].editions.get()
    pages = ["/materials/", "/materials/plentiful-poster/", "/es/materials/", "/es/materials/plentiful-poster/"]
    _cache_all(client, pages)
    placed = client.__class__().post(
        "/materials/order/",
        form_data(**VALID_DETAILS, submission_token="invalidation-test-token-0456", **{f"qty_{plenty.pk}": "3"}),
    )
    assert placed.status_code == 302
    assert Edition.objects.get(pk=plenty.pk).stock_on_hand == 497
    assert [url for url in pages if not _hit(client.get(url))] == []


def test_copies_back_for_a_sold_out_edition_show_at_once(client, site, staff_fulfilment):
    from materials import stock

    edition = site["scarce_edition"]
    stock.record_movement(edition, -1, "damaged", by=staff_fulfilment)  # sold out
    _cache_all(client, ["/materials/scarce-brochure/", "/materials/plentiful-poster/"])
    assert "Out of stock" in _text(client.get("/materials/scarce-brochure/"))
    stock.record_movement(Edition.objects.get(pk=edition.pk), 20, "restock", by=staff_fulfilment)
    response = client.get("/materials/scarce-brochure/")
    assert not _hit(response)
    assert "Out of stock" not in _text(response)
    assert _hit(client.get("/materials/plentiful-poster/"))
    stock.record_movement(Edition.objects.get(pk=edition.pk), -5, "damaged", by=staff_fulfilment)  # 15 left
    assert _hit(client.get("/materials/scarce-brochure/"))


def test_a_staff_save_of_a_material_leaves_pages_without_materials(client, site):
    pages = ["/materials/", "/materials/plentiful-poster/", "/search/?q=poster", "/pages/for-clinics/"]
    _cache_all(client, [*pages, "/coalitions/", "/pages/guidance/"])
    site["plenty"].title = "Renamed poster"
    site["plenty"].save()
    for url in pages:  # the catalog, the material's page, search and an audience page (through their modules)
        assert not _hit(client.get(url)), url
    assert "Renamed poster" in _text(client.get("/materials/"))
    assert "Renamed poster" in _text(client.get("/materials/plentiful-poster/"))
    assert _hit(client.get("/coalitions/"))
    assert _hit(client.get("/pages/guidance/"))


def test_a_save_of_a_model_its_app_does_not_name_makes_every_page_stale(client, site):
    _cache_all(client, ["/materials/", "/coalitions/", "/pages/guidance/"])
    page = Page.objects.get(slug="guidance")
    page.title = "Guidance, edited"
    page.save()
    assert "Guidance, edited" in _text(client.get("/pages/guidance/"))
    assert not _hit(client.get("/materials/"))
    assert not _hit(client.get("/coalitions/"))


def test_a_page_rendered_while_something_changed_is_not_stored(client, site, monkeypatch):
    real_get_response = pagecache.PageCacheMiddleware.__call__

    def change_during_render(self, request):
        original = self.get_response

        def render_then_change(request):
            response = original(request)
            pagecache.invalidate({"materials.availability:unrelated"})  # another process's order, mid-render
            return response

        self.get_response = render_then_change
        try:
            return real_get_response(self, request)
        finally:
            self.get_response = original

    with monkeypatch.context() as patched:
        patched.setattr(pagecache.PageCacheMiddleware, "__call__", change_during_render)
        client.get("/materials/plentiful-poster/")
    assert not _hit(client.get("/materials/plentiful-poster/"))  # it was not stored
    assert _hit(client.get("/materials/plentiful-poster/"))
