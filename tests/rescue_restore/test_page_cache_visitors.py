"""A visitor with an order list is answered from the page cache with their own summary; compression survives."""

import gzip
import re

import pytest

from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'data-chosen-editions="([^"]*)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def _hit(response):
    return response.get("X-Page-Cache") == "hit"


def _text(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


@pytest.fixture
def catalog():
    editions = []
    for number in range(14):  # more than a page of cards, each with its "Add to my order" form
        material = MaterialFactory(title=f"Material number {number}", slug=f"material-number-{number}")
        editions.append(EditionFactory(material=material, item_code=f"RR-VISIT-{number:02d}-EN"))
        EditionFactory(material=material, language="es", item_code=f"RR-VISIT-{number:02d}-ES")
    return editions


def _visitor_with(client_class, *editions):
    visitor = client_class()
    for edition in editions:
        visitor.post("/materials/order/list/", {"action": "add", "item": edition.item_code})
    visitor.get("/materials/")  # shows (and so ends) the "added" message
    return visitor


def test_a_visitor_with_an_order_list_gets_cached_pages_with_their_own_summary(client, catalog):
    detail = catalog[0].material.get_absolute_url()
    for url in ("/materials/", detail):
        client.get(url)
        assert _hit(client.get(url))
    one = _visitor_with(client.__class__, catalog[0])
    two = _visitor_with(client.__class__, catalog[1], catalog[2])
    for url in ("/materials/", detail):
        first, second = one.get(url), two.get(url)
        assert _hit(first)
        assert _hit(second)
        assert "You have chosen 1 item to order in print." in _text(first)
        assert "You have chosen 2 items to order in print." in _text(second)
        assert SUMMARY.search(_text(first))[1] == str(catalog[0].pk)
        assert SUMMARY.search(_text(second))[1] == f"{catalog[1].pk} {catalog[2].pk}"
        assert "You have chosen" not in _text(client.get(url))  # and nobody else's
    assert not _hit(one.get("/materials/order/"))  # the order form shows the list itself


def test_a_session_holding_anything_else_is_not_answered_from_the_cache(client, catalog):
    client.get("/materials/")
    visitor = _visitor_with(client.__class__, catalog[0])
    session = visitor.session
    session["something-else"] = "personal"
    session.save()
    assert not _hit(visitor.get("/materials/"))


def test_a_page_from_the_cache_is_no_larger_compressed_than_one_rendered_fresh(client, catalog):
    fresh = client.get("/materials/", HTTP_ACCEPT_ENCODING="gzip")
    cached = client.get("/materials/", HTTP_ACCEPT_ENCODING="gzip")
    assert not _hit(fresh)
    assert _hit(cached)
    assert len(re.findall("csrfmiddlewaretoken", _text(cached))) >= 12
    # Both answers start with a random gzip name of up to 100 bytes (against BREACH): compared without
    # it, the cached page is the fresh one's size within the few bytes where a value is put in.
    # Compressed piece by piece, it was two and a half times the fresh one.
    cached_size, fresh_size = _without_gzip_name(cached.content), _without_gzip_name(fresh.content)
    assert cached_size <= fresh_size * 1.03, (cached_size, fresh_size)


def _without_gzip_name(body):
    assert body[3] == 0x08  # FNAME
    return len(body) - body.index(b"\0", 10) - 1


def test_every_answer_from_the_cache_decompresses_to_the_page_with_fresh_values(client, catalog):
    client.get("/materials/")
    visitor = _visitor_with(client.__class__, catalog[3])
    for answer in (client.get("/materials/"), visitor.get("/materials/"), client.__class__().get("/materials/")):
        assert _hit(answer)
        text = _text(answer)  # gzip checks the CRC and the length
        assert text.count("Material number") >= 12
        assert text.rstrip().endswith("</html>")


def test_the_summary_is_in_each_pages_language_for_the_same_list(client, catalog):
    """The summary is rendered once a process per language and list (materials.pagecache._summary)."""
    visitor = _visitor_with(client.__class__, catalog[0])
    for _ in range(2):
        assert "You have chosen 1 item to order in print." in _text(visitor.get("/materials/"))
        spanish = _text(visitor.get("/es/materials/"))
        assert "Eligió 1 material para pedir impreso." in spanish
        assert 'href="/es/materials/order/"' in spanish


# --- the order form, stored for each list's content (SESSION_PAGES) -------------------------------------

TOKENS = re.compile(r'name="(csrfmiddlewaretoken|submission_token|form_started)" value="([^"]+)"')


def _items(response):
    return set(re.findall(r'name="qty_(\d+)"', _text(response)))


def test_a_returning_visitors_order_form_comes_from_the_cache_with_fresh_tokens(client, catalog):
    visitor = _visitor_with(client.__class__, catalog[0], catalog[1])
    # Stored the second time the list asks for it: a list made once and never seen again is not kept.
    first, stored, second = (visitor.get("/materials/order/") for _ in range(3))
    assert not _hit(first)
    assert not _hit(stored)
    assert _hit(second)
    assert _items(second) == _items(first) == {str(catalog[0].pk), str(catalog[1].pk)}
    assert second["Cache-Control"] == first["Cache-Control"]  # still private, never stored by a browser
    assert "no-store" in second["Cache-Control"]
    first_tokens, second_tokens = dict(TOKENS.findall(_text(first))), dict(TOKENS.findall(_text(second)))
    assert set(second_tokens) == {"csrfmiddlewaretoken", "submission_token", "form_started"}
    assert second_tokens["submission_token"] != first_tokens["submission_token"]
    assert second_tokens["csrfmiddlewaretoken"] != first_tokens["csrfmiddlewaretoken"]


def test_each_list_gets_its_own_order_form_and_the_same_list_shares_one(client, catalog):
    one = _visitor_with(client.__class__, catalog[0])
    one.get("/materials/order/")
    one.get("/materials/order/")
    same = _visitor_with(client.__class__, catalog[0])
    other = _visitor_with(client.__class__, catalog[2])
    shared, own = same.get("/materials/order/"), other.get("/materials/order/")
    assert _hit(shared)
    assert _items(shared) == {str(catalog[0].pk)}
    assert not _hit(own)
    assert _items(own) == {str(catalog[2].pk)}
    for _ in range(2):
        assert _items(other.get("/materials/order/")) == {str(catalog[2].pk)}
    # Without a list: the empty form, never someone's items.
    assert _items(client.get("/materials/order/")) == set()
    assert _items(client.get("/materials/order/")) == set()


def test_a_changed_list_or_availability_shows_at_once(client, catalog):
    from materials import stock

    visitor = _visitor_with(client.__class__, catalog[0])
    visitor.get("/materials/order/")
    visitor.get("/materials/order/")
    assert _hit(visitor.get("/materials/order/"))
    visitor.post("/materials/order/list/", {"action": "add", "item": catalog[3].item_code})
    visitor.get("/materials/")  # the "added" message
    assert _items(visitor.get("/materials/order/")) == {str(catalog[0].pk), str(catalog[3].pk)}
    visitor.get("/materials/order/")
    assert _hit(visitor.get("/materials/order/"))
    stock.record_movement(catalog[3], -catalog[3].stock_on_hand, "damaged", by=None)
    gone = visitor.get("/materials/order/")
    assert not _hit(gone)
    assert f"Item {catalog[3].item_code}. Out of stock." in _text(gone)


def test_lists_made_one_after_another_cost_a_marker_each_not_a_page(client, catalog):
    from django.core.cache import cache

    for edition in catalog[:5]:
        visitor = _visitor_with(client.__class__, edition)
        assert not _hit(visitor.get("/materials/order/"))
    stored = [key for key in cache._cache if ":session:" in str(key)]  # the test's local-memory cache
    assert stored
    assert all(str(key).endswith(":asked") for key in stored)


def test_the_order_form_with_a_message_or_a_new_item_is_never_stored(client, catalog):
    visitor = client.__class__()
    visitor.post("/materials/order/list/", {"action": "add", "item": catalog[0].item_code})
    with_message = visitor.get("/materials/order/")
    assert "was added to your order" in _text(with_message)
    assert not _hit(visitor.get(f"/materials/order/?item={catalog[1].item_code}"))  # adds to the list
    again = visitor.get("/materials/order/")
    assert "was added to your order" not in _text(again)
    assert _items(again) == {str(catalog[0].pk), str(catalog[1].pk)}


def test_an_order_form_from_the_cache_expires_as_of_its_answer_not_when_it_was_stored(client, catalog, monkeypatch):
    import time

    from django.utils.http import parse_http_date

    visitor = _visitor_with(client.__class__, catalog[0])
    stored = [visitor.get("/materials/order/") for _ in range(2)][-1]
    later = time.time() + 600
    monkeypatch.setattr(time, "time", lambda: later)
    hit = visitor.get("/materials/order/")
    assert _hit(hit)
    assert "max-age=0" in hit["Cache-Control"]
    assert parse_http_date(stored["Expires"]) < later - 500
    assert abs(parse_http_date(hit["Expires"]) - later) <= 1  # never_cache's "now", made for this answer
