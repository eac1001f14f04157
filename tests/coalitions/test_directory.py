"""The public directory: grouping, search and filters, the map, detail pages, what stays private."""

import datetime
import re

import pytest
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.states import STATE_CHOICES, TILE_POSITIONS, map_tiles
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db

Listing = Coalition.ListingStatus


def listed_names(response):
    return [coalition.name for coalition in response.context["page_obj"].object_list]


def map_counts(html):
    """``{state: count}`` as the SVG map shows it."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    return {code: int(count) for code, count in re.findall(r'data-state="(\w\w)"\s+data-count="(\d+)"', svg)}


@pytest.fixture
def coalitions():
    return {
        "chicago": CoalitionFactory(name="Chicago Metro Coalition", city="Chicago", state="IL"),
        "springfield": CoalitionFactory(name="Capital Area Coalition", city="Springfield", state="IL"),
        "atlanta": CoalitionFactory(name="Atlanta Rescue & Restore", city="Atlanta", state="GA"),
        "san_juan": CoalitionFactory(name="Coalición de San Juan", city="San Juan", state="PR"),
        "flagged": CoalitionFactory(
            name="Phoenix Coalition", city="Phoenix", state="AZ", listing_status=Listing.NEEDS_REVERIFICATION
        ),
        "pending": CoalitionFactory(name="Pending Secret Coalition", state="IL", listing_status=Listing.PENDING),
        "inactive": CoalitionFactory(name="Inactive Old Coalition", state="GA", listing_status=Listing.INACTIVE),
    }


def test_directory_groups_public_listings_by_state_name(client, coalitions):
    response = client.get("/coalitions/")
    assert response.status_code == 200
    # Arizona, Georgia, Illinois, Puerto Rico: ordered by the state's name.
    assert listed_names(response) == [
        "Phoenix Coalition",
        "Atlanta Rescue & Restore",
        "Capital Area Coalition",
        "Chicago Metro Coalition",
        "Coalición de San Juan",
    ]
    html = response.content.decode()
    assert html.index(">Arizona</h3>") < html.index(">Georgia</h3>") < html.index(">Illinois</h3>")
    assert "Puerto Rico</h3>" in html


def test_unapproved_and_inactive_listings_never_appear(client, coalitions):
    for url in ["/coalitions/", "/coalitions/?state=IL", "/coalitions/?q=secret", "/search/?q=coalition"]:
        html = client.get(url).content.decode()
        assert "Pending Secret" not in html, url
        assert "Inactive Old" not in html, url
    assert client.get(f"/coalitions/{coalitions['pending'].slug}/").status_code == 404
    assert client.get(f"/coalitions/{coalitions['inactive'].slug}/").status_code == 404
    assert coalitions["pending"].slug not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=IL", ["Capital Area Coalition", "Chicago Metro Coalition"]),
        ("state=PR", ["Coalición de San Juan"]),
        ("q=chicago", ["Chicago Metro Coalition"]),
        ("q=springfield", ["Capital Area Coalition"]),  # by city
        ("q=ATLANTA", ["Atlanta Rescue & Restore"]),
        ("q=coalition&state=IL", ["Capital Area Coalition", "Chicago Metro Coalition"]),
        ("q=chicago&state=GA", []),
        ("state=WY", []),
    ],
)
def test_search_by_name_or_city_and_filter_by_state(client, coalitions, query, expected):
    response = client.get(f"/coalitions/?{query}")
    assert response.status_code == 200
    assert listed_names(response) == expected


@pytest.mark.parametrize("query", ["state=ZZ", "state=<script>", "q=%00", "q=" + "x" * 5000, "page=abc", "page=-1"])
def test_odd_filters_are_ignored_not_a_crash(client, coalitions, query):
    response = client.get(f"/coalitions/?{query}")
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"</head>")[1].replace(b'<script src="', b"")


def test_empty_result_invites_a_request(client, coalitions):
    html = client.get("/coalitions/?state=WY").content.decode()
    assert "No coalition is listed in Wyoming yet" in html
    assert 'href="/coalitions/request/"' in html


def test_map_counts_match_the_public_listings(client, coalitions):
    html = client.get("/coalitions/").content.decode()
    counts = map_counts(html)
    assert len(counts) == len(STATE_CHOICES)
    assert {code: n for code, n in counts.items() if n} == {"IL": 2, "GA": 1, "PR": 1, "AZ": 1}
    for code, count in counts.items():
        listed = Coalition.objects.public().filter(state=code).count()
        assert count == listed, code


def test_each_map_tile_links_to_its_state_list_with_an_accessible_name(client, coalitions):
    html = client.get("/coalitions/").content.decode()
    assert '<a href="?state=IL#coalition-list"' in html
    assert 'aria-label="Illinois: 2 coalitions"' in html
    assert 'aria-label="Georgia: 1 coalition"' in html
    assert 'aria-label="Wyoming: 0 coalitions"' in html
    assert 'aria-label="Guam: 0 coalitions"' in html
    following = client.get("/coalitions/?state=IL")
    assert listed_names(following) == ["Capital Area Coalition", "Chicago Metro Coalition"]


def test_table_alternative_lists_the_same_counts(client, coalitions):
    html = client.get("/coalitions/").content.decode()
    table = html[html.index('<table class="usa-table') : html.index("</table>")]
    rows = dict(re.findall(r'data-state="(\w\w)">(\d+)<', table))
    assert rows == {"AZ": "1", "GA": "1", "IL": "2", "PR": "1"}


def test_map_has_a_tile_for_every_state_dc_and_territory_and_none_overlap():
    codes = {code for code, _name in STATE_CHOICES}
    assert set(TILE_POSITIONS) == codes
    assert {"DC", "PR", "GU", "VI", "AS", "MP"} <= codes
    assert "AE" not in codes
    assert len(set(TILE_POSITIONS.values())) == len(TILE_POSITIONS)
    tiles = map_tiles({"IL": 1, "CA": 3, "TX": 7})
    shades = {tile.code: tile.shade for tile in tiles}
    assert (shades["WY"], shades["IL"], shades["CA"], shades["TX"]) == ("none", "one", "few", "many")


def test_the_map_loads_nothing_and_needs_no_script(client, coalitions):
    html = client.get("/coalitions/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script" not in svg
    assert "style=" not in html
    assert "http://www.w3.org/2000/svg" in svg
    assert not re.search(r'(href|src)="https?://', svg)


def test_detail_page_shows_contact_details_and_marks_the_website_as_leaving(client, coalitions):
    coalition = coalitions["chicago"]
    response = client.get(f"/coalitions/{coalition.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chicago Metro Coalition</h1>" in html
    assert f'href="mailto:{coalition.contact_email}"' in html
    assert re.search(r'class="usa-link rr-exit-link"\s+href="https://coalition.example.org/"', html)
    assert 'href="/disclaimer/">exit disclaimer</a>' in html
    assert "Report outdated information" in html
    assert "Information may be out of date" not in html


def test_listing_flagged_for_reverification_is_public_and_marked_out_of_date(client, coalitions):
    html = client.get(f"/coalitions/{coalitions['flagged'].slug}/").content.decode()
    assert "Information may be out of date" in html
    directory = client.get("/coalitions/?state=AZ").content.decode()
    assert "Information may be out of date" in directory


def test_listing_not_verified_for_twelve_months_is_marked_out_of_date(client):
    old = CoalitionFactory(last_verified=timezone.localdate() - datetime.timedelta(days=366))
    recent = CoalitionFactory(last_verified=timezone.localdate() - datetime.timedelta(days=364))
    assert "Information may be out of date" in client.get(f"/coalitions/{old.slug}/").content.decode()
    assert "Information may be out of date" not in client.get(f"/coalitions/{recent.slug}/").content.decode()


def test_directory_is_paginated_with_filters_kept(client):
    CoalitionFactory.create_batch(55, state="IL")
    first = client.get("/coalitions/?state=IL")
    assert len(listed_names(first)) == 50
    assert 'href="?state=IL&amp;page=2#coalition-list"' in first.content.decode()
    assert len(listed_names(client.get("/coalitions/?state=IL&page=2"))) == 5


def test_site_search_finds_public_coalitions_only(client, coalitions):
    html = client.get("/search/?q=chicago").content.decode()
    assert "Chicago Metro Coalition" in html
    assert "Coalition: Chicago, Illinois" in html


def _many(count, start=0):
    states = [code for code, _name in STATE_CHOICES]
    Coalition.objects.bulk_create(
        [
            Coalition(
                name=f"Coalition {number}",
                slug=f"coalition-{number}",
                city="Town",
                state=states[number % len(states)],
                # Rows with an area served show it in the listing's own language (in_language filter).
                area_served="Cook County" if number % 3 == 0 else "",
                listing_status=Listing.LISTED if number % 10 else Listing.NEEDS_REVERIFICATION,
                last_verified=timezone.localdate(),
            )
            for number in range(start, start + count)
        ]
    )


def _grow_directory(size):
    _many(size - Coalition.objects.count(), start=Coalition.objects.count())


# Session, counts by state, page count, page rows: the same at any size.
MAX_QUERIES = 4


@pytest.mark.parametrize("url", ["/coalitions/", "/coalitions/?state=IL", "/coalitions/?q=coalition&page=2"])
def test_directory_and_map_use_a_constant_number_of_queries(client, assert_same_queries, url):
    sizes = []

    def grow(size):
        _grow_directory(size)
        sizes.append(size)

    def visit():
        response = client.get(url)
        assert response.status_code == 200
        assert sum(map_counts(response.content.decode()).values()) == sizes[-1]

    # From 60 listings on, every state (Illinois too) has one, so each page has rows at both sizes.
    assert_same_queries((60, 1000), grow, visit, most=MAX_QUERIES)


def test_detail_page_uses_a_constant_number_of_queries(client, assert_same_queries):
    def visit():
        assert client.get("/coalitions/coalition-3/").status_code == 200

    assert_same_queries((10, 1000), _grow_directory, visit, most=3)
