"""The visitor's order list: "Add to my order" without JavaScript, kept in the session, first on the order page."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from materials.models import Edition, Order
from materials.order_list import MAX_ITEMS, SESSION_KEY
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


def add(client, edition, next_url=""):
    return client.post("/materials/order/list/", {"action": "add", "item": edition.item_code, "next": next_url})


def remove(client, edition):
    return client.post("/materials/order/list/", {"action": "remove", "item": edition.item_code})


def chosen_ids(client):
    return [edition.pk for edition in client.get("/materials/order/").context["form"].editions]


def edition_row(html, edition):
    """The catalog card's or detail page's row for one edition."""
    return html.split(f'id="edition-{edition.item_code}"')[1].split("</li>")[0].split("</td>")[0]


def test_an_out_of_stock_edition_is_not_called_orderable_in_the_catalog(client, brochure):
    _material, english, spanish = brochure
    Edition.objects.filter(pk=spanish.pk).update(stock_on_hand=0)
    html = client.get("/materials/?language=es").content.decode()
    assert "out of stock" in edition_row(html, spanish)
    assert "can be ordered" not in edition_row(html, spanish)
    assert "Add to my order" not in edition_row(html, spanish)
    assert "Add to my order" in edition_row(html, english)


def test_catalog_and_detail_pages_have_an_add_to_my_order_form_per_orderable_edition(client, brochure):
    material, english, spanish = brochure
    download_only = EditionFactory(material=material, language="zh", is_orderable=False)
    for url in ["/materials/", material.get_absolute_url()]:
        html = client.get(url).content.decode()
        for edition in (english, spanish):
            row = edition_row(html, edition)
            assert 'method="post"' in row
            assert 'action="/materials/order/list/"' in row
            assert 'name="csrfmiddlewaretoken"' in row
            assert f'name="item" value="{edition.item_code}"' in row
        assert "Add to my order" not in edition_row(html, download_only)


def test_adding_returns_to_the_page_and_the_item_is_shown_as_chosen(client, brochure):
    material, english, spanish = brochure
    response = add(client, spanish, next_url=f"/materials/?page=1#edition-{spanish.item_code}")
    assert response.status_code == 302
    assert response["Location"] == f"/materials/?page=1#edition-{spanish.item_code}"
    html = client.get("/materials/").content.decode()
    assert "was added to your order" in html
    assert "in your order" in edition_row(html, spanish)
    assert "Add to my order" in edition_row(html, english)
    assert "Go to my order" in html
    assert "You have chosen 1 item to order in print." in client.get(material.get_absolute_url()).content.decode()


def test_the_order_page_lists_only_the_chosen_items_in_the_order_chosen(client, brochure):
    _material, english, spanish = brochure
    other = EditionFactory(material=MaterialFactory(title="Another"), language="en")
    add(client, spanish)
    add(client, other)
    add(client, spanish)  # twice: still once
    response = client.get("/materials/order/")
    form = response.context["form"]
    assert [edition.pk for edition in form.editions] == [spanish.pk, other.pk]
    assert f"qty_{english.pk}" not in form.fields
    assert form[f"qty_{spanish.pk}"].value() == 1
    html = response.content.decode()
    assert html.index("Your items") < html.index("About you")
    assert 'href="/materials/"' in html.split("Add more materials")[0].rsplit("<a", 1)[1]


def test_removing_an_item(client, brochure):
    _material, english, spanish = brochure
    add(client, english)
    add(client, spanish)
    response = remove(client, english)
    assert response["Location"] == "/materials/order/#your-items"
    assert chosen_ids(client) == [spanish.pk]
    remove(client, spanish)
    html = client.get("/materials/order/").content.decode()
    assert "You have not chosen any items yet" in html
    assert "Add more materials" in html
    assert "Place order" not in html


def test_typed_quantities_survive_an_error_and_a_trip_to_the_catalog(client, order_post, brochure):
    _material, english, spanish = brochure
    add(client, english)
    add(client, spanish)
    response = client.post("/materials/order/", order_post({english: 7, spanish: 2}, name=""))
    assert response.status_code == 400
    assert [edition.pk for edition in response.context["form"].editions] == [english.pk, spanish.pk]
    client.get("/materials/")
    form = client.get("/materials/order/").context["form"]
    assert form[f"qty_{english.pk}"].value() == 7
    assert form[f"qty_{spanish.pk}"].value() == 2


def test_placing_the_order_empties_the_list(client, order_post, brochure):
    _material, english, _spanish = brochure
    add(client, english)
    response = client.post("/materials/order/", order_post({english: 5}))
    assert response.status_code == 302
    assert list(Order.objects.get().items.values_list("edition_id", "quantity")) == [(english.pk, 5)]
    assert chosen_ids(client) == []


def test_a_session_holding_only_the_list_ends_with_the_order(client, order_post, brochure, settings):
    _material, english, _spanish = brochure
    add(client, english)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=session_key).exists()
    response = client.post("/materials/order/", order_post({english: 5}))
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 0  # the cookie is deleted
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_session_holding_more_than_the_list_is_kept(client, brochure, settings):
    _material, english, _spanish = brochure
    add(client, english)
    session = client.session
    session["something-else"] = "kept"
    session.save()
    remove(client, english)
    assert client.session["something-else"] == "kept"
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("state", ["out-of-stock", "download-only", "unpublished", "unknown"])
def test_what_cannot_be_ordered_cannot_be_added(client, brochure, state):
    material, english, _spanish = brochure
    if state == "out-of-stock":
        Edition.objects.filter(pk=english.pk).update(stock_on_hand=0)
    elif state == "download-only":
        Edition.objects.filter(pk=english.pk).update(is_orderable=False)
    elif state == "unpublished":
        type(material).objects.filter(pk=material.pk).update(is_published=False)
    elif state == "unknown":
        english.item_code = "RR-NOT-IN-THE-CATALOG"
    response = add(client, english)
    assert response.status_code == 302
    assert "cannot be ordered in print right now" in client.get("/materials/").content.decode()
    assert chosen_ids(client) == []


def test_an_item_withdrawn_after_it_was_chosen_is_shown_with_a_reason(client, order_post, brochure):
    _material, english, spanish = brochure
    add(client, english)
    add(client, spanish)
    Edition.objects.filter(pk=spanish.pk).update(is_orderable=False)
    html = client.get("/materials/order/").content.decode()
    assert "No longer available in print" in html
    response = client.post("/materials/order/", order_post({english: 1, spanish: 2}))
    assert response.status_code == 400
    assert f"qty_{spanish.pk}" in response.context["form"].errors


def test_the_list_is_capped(client):
    editions = EditionFactory.create_batch(MAX_ITEMS + 2)
    for edition in editions:
        add(client, edition)
    assert "the most one order can hold" in client.get("/materials/").content.decode()
    assert len(chosen_ids(client)) == MAX_ITEMS


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "materials/", "/a\x00b"],
)
def test_the_return_address_stays_on_this_site(client, brochure, next_url):
    _material, english, _spanish = brochure
    response = add(client, english, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/materials/order/#your-items"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "buy", "item": "RR-LBS-EN"},
        {"action": "add", "item": "rr-lbs-en"},
        {"action": "add", "item": "RR\x00"},
        {"action": "add", "item": "A" * 500},
        {"action": "remove", "item": "<script>"},
    ],
)
def test_hostile_list_changes_are_refused_not_a_crash(client, brochure, data):
    response = client.post("/materials/order/list/", data)
    assert response.status_code == 302
    assert chosen_ids(client) == []


def test_list_changes_need_post_and_a_csrf_token(brochure):
    _material, english, _spanish = brochure
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"/materials/order/list/?action=add&item={english.item_code}").status_code == 405
    assert add(client, english).status_code == 403


@pytest.mark.parametrize("stored", ["nonsense", [1, 2, 3], [["1", 2]], [[True, 1]], [[1, -5]], {"a": 1}, [[2**40, 1]]])
def test_a_damaged_session_list_is_ignored_not_a_crash(client, brochure, stored):
    session = client.session
    session[SESSION_KEY] = stored
    session.save()
    response = client.get("/materials/order/")
    assert response.status_code == 200
    assert response.context["form"].editions == []


def test_the_per_item_limit_error_says_how_to_ask_for_more(client, order_post, brochure):
    _material, english, _spanish = brochure
    add(client, english)
    response = client.post("/materials/order/", order_post({english: 101}))
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors[f"qty_{english.pk}"])
    assert "up to 100 copies of this item" in error
    assert "contact form" in error
    assert "staff review larger requests" in error
