"""The catalog and material pages: filters, search, pagination, downloads, constant queries."""

import datetime

import pytest
from django.db import IntegrityError

from materials.models import Edition, Material
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [material.title for material in response.context["page"].object_list]


@pytest.fixture
def catalog():
    poster = MaterialFactory(title="Waiting room poster", kind="poster", audiences=["health-care"])
    EditionFactory(material=poster, language="en")
    EditionFactory(material=poster, language="es", stock_on_hand=0)
    card = MaterialFactory(
        title="Officer pocket card", kind="pocket-card", audiences=["law-enforcement"], summary="Signs of trafficking."
    )
    EditionFactory(material=card, language="en", item_code="RR-PC-LE-EN")
    kit = MaterialFactory(title="Clinic tool kit", kind="tool-kit", audiences=["health-care", "social-service"])
    EditionFactory(material=kit, language="vi", is_orderable=False)
    MaterialFactory(title="Draft leaflet", is_published=False)
    MaterialFactory(
        title="Future leaflet", publication_date=datetime.date(2099, 1, 1), last_reviewed=datetime.date(2099, 1, 1)
    )
    return poster, card, kit


def test_catalog_lists_published_materials_only(client, catalog):
    response = client.get("/materials/")
    assert response.status_code == 200
    assert titles(response) == ["Clinic tool kit", "Officer pocket card", "Waiting room poster"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audience=health-care", ["Clinic tool kit", "Waiting room poster"]),
        ("audience=law-enforcement", ["Officer pocket card"]),
        ("kind=poster", ["Waiting room poster"]),
        ("language=es", ["Waiting room poster"]),
        ("language=vi&audience=social-service", ["Clinic tool kit"]),
        ("audience=health-care&kind=pocket-card", []),
        ("q=pocket", ["Officer pocket card"]),
        ("q=SIGNS+trafficking", ["Officer pocket card"]),
        ("q=rr-pc-le-en", ["Officer pocket card"]),
        ("q=nothing-matches-this", []),
    ],
)
def test_filters_and_search(client, catalog, query, expected):
    assert titles(client.get(f"/materials/?{query}")) == expected


@pytest.mark.parametrize("query", ["audience=nope", "kind=<script>", "language=xx", "q=%00", "page=abc", "page=999"])
def test_unknown_or_hostile_filters_are_ignored_not_errors(client, catalog, query):
    response = client.get(f"/materials/?{query}")
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_nul_in_the_search_is_dropped(client, catalog):
    assert titles(client.get("/materials/?q=pocket%00")) == ["Officer pocket card"]


def test_filter_links_are_plain_get_links_that_keep_other_filters(client, catalog):
    html = client.get("/materials/?kind=poster").content.decode()
    assert 'href="?kind=poster&amp;audience=health-care"' in html
    assert "Clear all filters" in html


def test_cards_show_languages_and_print_availability(client, catalog):
    html = client.get("/materials/").content.decode()
    poster_card = html.split("Waiting room poster")[1].split("</li>")[0]
    assert "English, Spanish" in poster_card
    assert "can be ordered" in poster_card
    kit_card = html.split("Clinic tool kit")[1].split("</li>")[0]
    assert "download only" in kit_card


def test_pagination(client):
    for number in range(14):
        MaterialFactory(title=f"Material {number:02d}")
    first = client.get("/materials/")
    assert len(titles(first)) == 12
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/materials/?page=2")
    assert titles(second) == ["Material 12", "Material 13"]


def test_detail_page_shows_editions_downloads_and_dates(client, catalog, settings):
    poster, _card, _kit = catalog
    english = poster.editions.get(language="en")
    english.restock_expected = None
    spanish = poster.editions.get(language="es")
    spanish.restock_expected = datetime.date(2027, 2, 1)
    spanish.save()
    html = client.get(poster.get_absolute_url()).content.decode()
    assert "Publication Date" in html
    assert "January 5, 2026" in html
    assert "Last Reviewed Date" in html
    # An "Add to my order" button (a POST form) for the edition in stock, none for the one out of stock.
    assert f'name="item" value="{english.item_code}"' in html
    assert f'name="item" value="{spanish.item_code}"' not in html
    assert "Out of stock" in html
    assert "expected back around February 1, 2027" in html
    assert "First paragraph" in html


def test_unpublished_material_is_404(client, catalog):
    assert client.get("/materials/draft-leaflet/").status_code == 404


def test_html_in_a_description_is_shown_as_text(client):
    material = MaterialFactory(summary="<b>bold</b>", description="<script>alert(1)</script>")
    html = client.get(material.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pdf_download_and_cover_are_served_for_published_materials(client, catalog):
    from django.core.files.base import ContentFile

    from materials.demo import edition_text
    from materials.images import demo_cover_file

    poster, _card, _kit = catalog
    edition = poster.editions.get(language="en")
    edition.pdf.save("poster.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    edition.cover.save("poster.png", demo_cover_file(edition_text("poster", "Poster", "en"), "poster"))
    response = client.get(edition.pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{edition.item_code}.pdf"' in response["Content-Disposition"]
    cover = client.get(edition.cover_url)
    assert cover.status_code == 200
    assert cover["Content-Type"] == "image/jpeg"
    poster.is_published = False
    poster.save()
    assert client.get(edition.pdf_url).status_code == 404


def test_missing_files_are_404(client, catalog):
    _poster, card, _kit = catalog
    code = card.editions.get().item_code
    assert client.get(f"/materials/files/{code}/print.pdf").status_code == 404
    assert client.get(f"/materials/files/{code}/cover.jpg").status_code == 404
    assert client.get("/materials/files/NOPE/print.pdf").status_code == 404


def test_stock_cannot_go_below_zero_in_the_database(catalog):
    with pytest.raises(IntegrityError):
        Edition.objects.filter(item_code="RR-PC-LE-EN").update(stock_on_hand=-1)


def test_reserved_slugs_are_refused():
    from django.core.exceptions import ValidationError

    material = MaterialFactory.build(slug="order")
    with pytest.raises(ValidationError, match="used by the site"):
        material.full_clean()


def test_site_search_finds_published_materials(client, catalog):
    html = client.get("/search/?q=pocket").content.decode()
    assert "Officer pocket card" in html
    assert "Material" in html
    assert "Draft leaflet" not in client.get("/search/?q=leaflet").content.decode()
    assert "Future leaflet" not in client.get("/search/?q=leaflet").content.decode()


def test_sitemap_lists_published_materials(client, catalog):
    _poster, card, _kit = catalog
    xml = client.get("/sitemap.xml").content.decode()
    assert card.get_absolute_url() in xml
    assert "Draft" not in xml
    # Each published material once per language (English, and Spanish under /es/), with its alternates.
    assert xml.count("<loc>http://testserver/materials/campaign-material-") == 3
    assert xml.count("<loc>http://testserver/es/materials/campaign-material-") == 3


def _make_catalog(size):
    materials = []
    for _number in range(size):
        material = MaterialFactory(audiences=["health-care", "educators"])
        EditionFactory(material=material, language="en")
        EditionFactory(material=material, language="es", stock_on_hand=0)
        materials.append(material)
    return materials


def _grow_catalog(size):
    _make_catalog(size - Material.objects.count())  # counted before the page is, not with it


@pytest.mark.parametrize(
    "url", ["/materials/", "/materials/?audience=health-care&language=es&q=Campaign", "/materials/?page=2"]
)
def test_catalog_queries_do_not_grow_with_the_catalog(client, assert_same_queries, url):
    def visit():
        assert client.get(url).status_code == 200

    assert_same_queries((3, 40), _grow_catalog, visit, most=5)


def test_detail_and_order_pages_queries_do_not_grow(client, assert_same_queries):
    catalog = []

    def grow(size):
        catalog.extend(_make_catalog(size - len(catalog)))

    def detail():
        assert client.get(catalog[0].get_absolute_url()).status_code == 200

    def order_page():
        response = client.get("/materials/order/")
        assert response.status_code == 200
        # Only the chosen items are fields: none chosen, none built, however large the catalog.
        assert response.context["form"].editions == []

    chosen = []

    def grow_and_choose(size):
        grow(size)
        if not chosen:
            chosen.extend(Edition.objects.in_stock().order_by("pk")[:5])
            for edition in chosen:
                client.post("/materials/order/list/", {"action": "add", "item": edition.item_code})

    def order_page_with_chosen_items():
        response = client.get("/materials/order/")
        assert [edition.pk for edition in response.context["form"].editions] == [edition.pk for edition in chosen]

    assert_same_queries((3, 40), grow, detail, most=4)
    assert_same_queries((40, 60), grow, order_page, most=2)
    # The session and the chosen editions in one query, nothing per item or per catalog row.
    assert_same_queries((60, 80), grow_and_choose, order_page_with_chosen_items, most=3)


@pytest.mark.parametrize(
    "url",
    [
        "/materials/orders/a%00b/",
        "/materials/orders/a%00b/received/",
        "/materials/orders/%C3%A9t%C3%A9/",
        "/materials/files/RR%00/cover.jpg",
        "/materials/files/RR%00/print.pdf",
        "/materials/files/rr-lbs-en/print.pdf",
    ],
)
def test_hostile_tokens_and_item_codes_are_404_not_a_crash(client, catalog, url):
    # On PostgreSQL a NUL reaching the query was a 500.
    assert client.get(url).status_code == 404


def test_hostile_item_prefill_is_ignored(client, catalog):
    response = client.get("/materials/order/?item=%00&item=" + "A" * 500 + "&item=<b>")
    assert response.status_code == 200
    assert all(field.value() is None for _edition, field in response.context["form"].quantity_rows())


def test_a_file_missing_from_the_storage_answers_404_not_500(client, catalog, caplog):
    from django.core.files.base import ContentFile

    from materials.demo import edition_text
    from materials.images import demo_cover_file

    poster, _card, _kit = catalog
    edition = poster.editions.get(language="en")
    edition.pdf.save("poster.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    edition.cover.save("poster.png", demo_cover_file(edition_text("poster", "Poster", "en"), "poster"))
    edition.pdf.storage.delete(edition.pdf.name)
    edition.cover_thumbnail.storage.delete(edition.cover_thumbnail.name)
    client.raise_request_exception = False
    assert client.get(edition.pdf_url).status_code == 404
    assert client.get(edition.cover_url).status_code == 404
    assert "Media file missing from the storage" in caplog.text
