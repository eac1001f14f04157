"""Issue 13 item 11: pages that show personal data or carry a personal token are never stored or indexed."""

import pytest
from django.utils import timezone

from coalitions import reverification
from listserv import tokens
from tests.factories.coalitions import CoalitionFactory
from tests.factories.listserv import SubscriberFactory
from tests.factories.materials import OrderFactory

pytestmark = pytest.mark.django_db


def _private_urls():
    subscriber = SubscriberFactory(confirmation_nonce="n" * 20, address_change_nonce="a" * 20)
    preferences = tokens.make_preferences_token(subscriber.pk)
    order = OrderFactory()
    coalition = CoalitionFactory()
    coalition.reverification_sent_at = timezone.now()
    coalition.save(update_fields=["reverification_sent_at"])
    verify = reverification.make_token(coalition)
    return [
        ("get", f"/listserv/preferences/{preferences}/"),
        ("post", f"/listserv/preferences/{preferences}/"),
        ("get", f"/listserv/preferences/{preferences}/address/"),
        ("post", f"/listserv/preferences/{preferences}/resubscribe/"),
        ("get", f"/listserv/unsubscribe/{preferences}/"),
        ("post", f"/listserv/unsubscribe/{preferences}/"),
        ("get", f"/listserv/confirm/{tokens.make_confirm_token(subscriber)}/"),
        ("get", f"/listserv/confirm/address/{tokens.make_address_token(subscriber, 'new@example.org')}/"),
        ("get", "/listserv/confirm/forged-token/"),
        ("get", "/listserv/check-your-email/"),
        ("get", f"/materials/orders/{order.status_token}/"),
        ("get", f"/materials/orders/{order.status_token}/received/"),
        ("get", "/materials/order/"),
        ("post", "/materials/order/"),
        ("get", f"/coalitions/verify/{verify}/"),
        ("post", f"/coalitions/verify/{verify}/update/"),
        ("get", "/coalitions/verify/forged-token/"),
        ("get", "/coalitions/request/"),
        ("post", "/coalitions/request/"),
        ("get", "/coalitions/request/received/"),
    ]


def test_every_personal_page_is_no_store_and_noindex(client):
    for method, url in _private_urls():
        response = getattr(client, method)(url)
        assert response.status_code < 500, (method, url)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control, (method, url, response["Cache-Control"])
        assert response["X-Robots-Tag"] == "noindex, nofollow", (method, url)
        assert response["Referrer-Policy"] == "same-origin", (method, url)


def test_public_pages_stay_indexable(client):
    for url in ["/", "/materials/", "/coalitions/", "/listserv/archive/"]:
        response = client.get(url)
        assert "X-Robots-Tag" not in response, url
        assert "no-store" not in response.get("Cache-Control", ""), url
