"""The whole-page cache: fresh after a staff edit, one language per entry, never personal data or tokens."""

import gzip
import re
import zlib

import pytest
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import get_language

from rescue_restore.web import pagecache
from tests.factories.campaign import PageFactory
from tests.factories.listserv import SubscriberFactory
from tests.factories.materials import EditionFactory, MaterialFactory, OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True  # the rest of the suite measures views without it


CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_VALUE = re.compile(r'name="form_started" value="([^"]+)"')
SUBMISSION_VALUE = re.compile(r'name="submission_token" value="([^"]+)"')
NONCE_VALUE = re.compile(r'nonce="([^"]+)"')


def _text(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


def _hit(response):
    return response.get("X-Page-Cache") == "hit"


def test_second_anonymous_visit_is_served_from_the_cache(client):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert not _hit(first)
    assert _hit(second)
    assert _text(second).count("Rescue") == _text(first).count("Rescue")


def test_staff_edit_shows_at_once(client):
    page = PageFactory(title="Before the edit", slug="guidance-edit")
    url = f"/pages/{page.slug}/"
    assert "Before the edit" in _text(client.get(url))
    assert _hit(client.get(url))
    page.title = "After the edit"
    page.save()
    response = client.get(url)
    assert not _hit(response)
    assert "After the edit" in _text(response)


def test_admin_bulk_action_empties_the_cache(client, superuser):
    PageFactory(slug="bulk-page", title="Bulk page")
    client.get("/pages/bulk-page/")
    assert _hit(client.get("/pages/bulk-page/"))
    staff = client.__class__()
    sign_in(staff, superuser)
    staff.post("/admin/", {})  # any successful POST by a signed-in user
    assert not _hit(client.get("/pages/bulk-page/"))


def test_stock_change_shows_on_the_catalog(client):
    material = MaterialFactory(title="Stock test material")
    edition = EditionFactory(material=material)
    client.get(material.get_absolute_url())
    assert _hit(client.get(material.get_absolute_url()))
    edition.stock_on_hand = 0
    edition.save()
    assert not _hit(client.get(material.get_absolute_url()))


def test_private_rows_do_not_empty_the_cache(client):
    client.get("/")
    SubscriberFactory()
    assert _hit(client.get("/"))


def test_signed_in_staff_are_never_served_from_the_cache(client, staff_editor):
    client.get("/")
    assert _hit(client.get("/"))
    sign_in(client, staff_editor)
    response = client.get("/")
    assert not _hit(response)
    assert response.get("Content-Encoding") is None  # and never compressed: personal data beside input


def test_response_rendered_for_staff_is_not_stored(client, staff_editor):
    sign_in(client, staff_editor)
    client.get("/")
    anonymous = client.__class__()
    assert not _hit(anonymous.get("/"))


def test_a_visitor_with_messages_is_not_served_from_the_cache(client):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert not _hit(client.get("/"))


def test_token_pages_are_never_stored(client):
    order = OrderFactory()
    url = f"/materials/orders/{order.status_token}/"
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert not _hit(response)


def test_never_cache_pages_are_not_stored_unless_listed(client, settings):
    settings.ROOT_URLCONF = __name__
    client.get("/private/")
    assert not _hit(client.get("/private/"))


def test_form_page_gives_every_visitor_fresh_tokens(client, form_data):
    first = client.get("/listserv/")
    visitor = client.__class__()
    second = visitor.get("/listserv/")
    assert _hit(second)
    first_text, second_text = _text(first), _text(second)
    assert CSRF_VALUE.search(first_text)[1] != CSRF_VALUE.search(second_text)[1]
    assert "csrftoken" in second.cookies  # the second visitor gets their own CSRF cookie
    # The site's scripts are files that script-src 'self' allows: public pages need no nonce.
    assert NONCE_VALUE.search(second_text) is None
    assert "'nonce-" not in second["Content-Security-Policy"]


def test_a_page_that_uses_a_nonce_gets_a_fresh_one_in_page_and_header(client, settings):
    settings.ROOT_URLCONF = __name__
    first = client.get("/nonce/")
    second = client.__class__().get("/nonce/")
    assert _hit(second)
    first_nonce, second_nonce = NONCE_VALUE.search(_text(first))[1], NONCE_VALUE.search(_text(second))[1]
    assert first_nonce != second_nonce
    assert f"'nonce-{second_nonce}'" in second["Content-Security-Policy"]
    assert f"'nonce-{first_nonce}'" in first["Content-Security-Policy"]


def test_order_page_with_chosen_items_is_never_from_the_cache_and_has_its_own_submission_token(client):
    # With nothing chosen the order page has no form (it sends the visitor to the catalog) and may
    # be shared; a visitor who chose items has a session and always gets their own page and token.
    edition = EditionFactory()
    client.get("/materials/order/")
    assert _hit(client.__class__().get("/materials/order/"))
    visitors = [client.__class__(), client.__class__()]
    tokens = []
    for visitor in visitors:
        visitor.post("/materials/order/list/", {"action": "add", "item": edition.item_code})
        response = visitor.get("/materials/order/")
        assert not _hit(response)
        tokens.append(SUBMISSION_VALUE.search(_text(response))[1])
        assert STARTED_VALUE.search(_text(response))[1]
        assert "no-store" in response["Cache-Control"]  # browsers keep no copy either
    assert tokens[0] != tokens[1]


def test_token_from_a_cached_form_is_accepted(form_data):
    from django.test import Client

    Client().get("/listserv/")
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get("/listserv/")
    assert _hit(response)
    token = CSRF_VALUE.search(_text(response))[1]
    posted = visitor.post("/listserv/", form_data(email="not-an-address", csrfmiddlewaretoken=token))
    assert posted.status_code == 400  # the form's own error, not a CSRF failure (403)


def _language_view(request):
    return HttpResponse(f"<html><body>language {get_language()} {'x' * 300}</body></html>")


def _private_view(request):
    response = HttpResponse("<html><body>private</body></html>")
    response["Cache-Control"] = "private, no-store"
    return response


def _nonce_view(request):
    return HttpResponse(f'<html><body><script nonce="{request._csp_nonce}">1</script>{"x" * 300}</body></html>')


urlpatterns = [path("language/", _language_view), path("private/", _private_view), path("nonce/", _nonce_view)]


def test_a_language_never_answers_for_another(client, settings):
    settings.ROOT_URLCONF = __name__
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:3],
        "django.middleware.locale.LocaleMiddleware",
        *settings.MIDDLEWARE[3:],
    ]
    assert "language en" in _text(client.get("/language/", HTTP_ACCEPT_LANGUAGE="en"))
    spanish = client.get("/language/", HTTP_ACCEPT_LANGUAGE="es")
    assert not _hit(spanish)
    assert "language es" in _text(spanish)
    again = client.get("/language/", HTTP_ACCEPT_LANGUAGE="es")
    assert _hit(again)
    assert "language es" in _text(again)
    assert "language en" in _text(client.get("/language/", HTTP_ACCEPT_LANGUAGE="en"))


def test_html_is_compressed_only_when_accepted(client):
    plain = client.get("/", HTTP_ACCEPT_ENCODING="identity")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert plain.get("Content-Encoding") is None
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    unpacked = gzip.decompress(packed.content).decode()
    assert NONCE_VALUE.sub("", unpacked) == NONCE_VALUE.sub("", plain.content.decode())  # the nonce is per answer
    assert len(packed.content) < len(plain.content) / 2


def test_gzip_from_pieces_is_valid_and_padded_at_random():
    texts = [b"<p>" * 500, b"middle" * 300, b"end"]
    compressed = [(pagecache.deflate(text), text) for text in texts]
    values = [b"token-one", b"x" * 70000]
    body = pagecache.gzip_pieces(compressed, values)
    assert gzip.decompress(body) == texts[0] + values[0] + texts[1] + values[1] + texts[2]
    assert zlib.decompress(body, 16 + zlib.MAX_WBITS) == gzip.decompress(body)
    lengths = {len(pagecache.gzip_pieces(compressed, values)) for _ in range(20)}
    assert len(lengths) > 1  # the random header field: the length says nothing about the content


def test_a_change_made_by_another_process_shows_within_the_recheck_time(client, monkeypatch):
    """Another process's change reaches this one through the shared cache only: seen once versions are read again."""
    PageFactory(slug="other-process", title="Other process")
    client.get("/pages/other-process/")
    assert _hit(client.get("/pages/other-process/"))
    now = [1_000_000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now[0])
    pagecache.forget_local_copies()
    client.get("/pages/other-process/")  # reads the tag versions at the patched time
    assert _hit(client.get("/pages/other-process/"))
    pagecache._cache().set(pagecache._tag_key(pagecache.SITE), "another", None)  # what a save in another process does
    now[0] += pagecache.VERSION_RECHECK_SECONDS / 2
    assert _hit(client.get("/pages/other-process/"))  # this process's copy, for a moment more
    now[0] += pagecache.VERSION_RECHECK_SECONDS
    assert not _hit(client.get("/pages/other-process/"))


def test_a_page_without_per_visit_values_gets_the_same_compressed_bytes_every_time(client):
    client.get("/")
    first, second = (client.get("/", HTTP_ACCEPT_ENCODING="gzip") for _ in range(2))
    assert _hit(first)
    assert _hit(second)
    assert first.content == second.content  # nothing secret in it: no random padding needed
    assert gzip.decompress(first.content) == client.get("/", HTTP_ACCEPT_ENCODING="identity").content
    client.get("/listserv/")
    forms = [client.get("/listserv/", HTTP_ACCEPT_ENCODING="gzip").content for _ in range(8)]
    assert len({len(body) for body in forms}) > 1  # a CSRF token inside: padded at random, as before
