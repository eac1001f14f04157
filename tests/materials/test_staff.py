"""Roles, the plain admin pages and the dashboard cards for materials and orders."""

import pytest

from materials.models import Order
from tests.factories.materials import OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders():
    OrderFactory(status=Order.Status.HELD_FOR_REVIEW)
    OrderFactory(status=Order.Status.HELD_FOR_REVIEW)
    OrderFactory(status=Order.Status.APPROVED)
    OrderFactory(status=Order.Status.RECEIVED)


@pytest.mark.parametrize(
    ("user_fixture", "url", "expected"),
    [
        ("staff_fulfilment", "/admin/materials/order/", 200),
        ("staff_fulfilment", "/admin/materials/edition/", 200),
        ("staff_fulfilment", "/admin/materials/material/add/", 403),
        ("staff_editor", "/admin/materials/material/", 200),
        ("staff_editor", "/admin/materials/material/add/", 200),
        ("staff_editor", "/admin/materials/edition/add/", 200),
        ("staff_editor", "/admin/materials/order/", 403),
        ("staff_coalition_moderator", "/admin/materials/order/", 403),
        ("staff_no_role", "/admin/materials/order/", 403),
        ("superuser", "/admin/materials/order/", 200),
    ],
)
def test_admin_access_by_role(client, request, user_fixture, url, expected, orders):
    sign_in(client, request.getfixturevalue(user_fixture))
    assert client.get(url).status_code == expected


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/materials/order/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_order_page_shows_items_and_history_read_only(client, staff_fulfilment, brochure, order_post):
    _material, english, _spanish = brochure
    client.post("/materials/order/", order_post({english: 4}))
    order = Order.objects.get()
    sign_in(client, staff_fulfilment)
    html = client.get(f"/admin/materials/order/{order.pk}/change/").content.decode()
    assert order.reference in html
    assert "RR-LBS-EN" in html
    assert "Placed through the website." in html
    assert 'name="status"' not in html  # status changes go through the transition table only


def test_dashboard_cards_for_fulfilment(client, staff_fulfilment, orders):
    sign_in(client, staff_fulfilment)
    cards = {card.title: card for card in client.get("/admin/").context["dashboard_cards"]}
    assert cards["Orders held for review"].count == 2
    assert cards["Orders held for review"].attention
    assert cards["Orders held for review"].url.endswith("?status__exact=held-for-review")
    assert cards["Orders to ship"].count == 1


def test_dashboard_hides_order_cards_without_permission(client, staff_editor, orders):
    sign_in(client, staff_editor)
    titles = [card.title for card in client.get("/admin/").context["dashboard_cards"]]
    assert "Orders held for review" not in titles
    assert "Orders to ship" not in titles


def test_dashboard_queries_do_not_grow_with_orders(client, staff_fulfilment, assert_same_queries):
    sign_in(client, staff_fulfilment)

    def grow(size):
        for _ in range(size - Order.objects.count()):
            OrderFactory(status=Order.Status.APPROVED)

    def visit():
        assert client.get("/admin/").status_code == 200

    assert_same_queries((2, 30), grow, visit, most=12)
