"""After "Add to my order" the visitor sees the message where the view returns: at the item, not at the top."""

import pytest
from django.urls import reverse

from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "added"), [("", "was added to your order"), ("/es", "Se agregó")])
@pytest.mark.parametrize("page", ["detail", "catalog"])
def test_the_added_message_is_shown_at_the_item(client, prefix, added, page):
    material = MaterialFactory(slug="clue-card", title="Clue card")
    edition = EditionFactory(material=material, item_code="RR-CLUE-EN", stock_on_hand=10)
    EditionFactory(material=material, item_code="RR-CLUE-ES", language="es", stock_on_hand=10)
    path = f"{prefix}/materials/clue-card/" if page == "detail" else f"{prefix}/materials/"
    response = client.post(
        prefix + reverse("materials:order_list_change"),
        {"action": "add", "item": edition.item_code, "next": f"{path}#edition-{edition.item_code}"},
    )
    assert response["Location"] == f"{path}#edition-{edition.item_code}"
    html = client.get(path).text
    item = html.split('id="edition-RR-CLUE-EN"')[1].split('id="edition-RR-CLUE-ES"')[0]
    assert added in item
    assert 'class="rr-item-message"' in item
    assert html.count(added) == 1  # not at the top of the page as well
    assert added not in client.get(path).text  # shown once


def test_other_messages_stay_at_the_top(client):
    edition = EditionFactory(stock_on_hand=10)
    client.post(reverse("materials:order_list_change"), {"action": "add", "item": edition.item_code, "next": "/"})
    client.post(
        reverse("materials:order_list_change"),
        {"action": "remove", "item": edition.item_code, "next": "/materials/order/"},
    )
    html = client.get("/materials/order/").text
    assert "was removed from your order" in html
    assert "rr-item-message" not in html


def test_an_item_that_cannot_be_added_says_so_at_the_top_where_the_view_starts(client):
    edition = EditionFactory(stock_on_hand=0)
    response = client.post(
        reverse("materials:order_list_change"),
        {"action": "add", "item": edition.item_code, "next": f"/materials/#edition-{edition.item_code}"},
    )
    assert response["Location"] == "/materials/"
    html = client.get("/materials/").text
    top = html.split('id="main-content"')[1].split("<h1")[0]
    assert "cannot be ordered in print right now" in top


def test_a_hand_made_add_without_the_items_anchor_is_answered_at_the_top(client):
    edition = EditionFactory(stock_on_hand=10)
    client.post(reverse("materials:order_list_change"), {"action": "add", "item": edition.item_code, "next": "/"})
    assert "was added to your order" in client.get("/").text
