"""No page that only links onward: audience links land on content, partial lists say so, Get involved has substance."""

import io
import re

import pytest

from campaign import demo
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db

AUDIENCE_PAGES = {
    "health-care": "health-care-providers",
    "social-service": "social-service-providers",
    "law-enforcement": "law-enforcement",
    "everyone": "everyone",
}


@pytest.fixture
def seeded(db):
    demo.seed({}, io.StringIO())


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_home_links_each_audience_straight_to_its_page(client, seeded, prefix):
    html = client.get(f"{prefix}/").text.split('id="main-content"')[1]
    for section, slug in AUDIENCE_PAGES.items():
        assert f'href="{prefix}/pages/{slug}/"' in html
        assert f"/topics/{section}/" not in html


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize(("section", "slug"), AUDIENCE_PAGES.items())
def test_an_old_audience_address_moves_permanently_to_the_audience_page(client, seeded, prefix, section, slug):
    response = client.get(f"{prefix}/topics/{section}/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/pages/{slug}/"


def _related(html):
    return html.split('aria-labelledby="related-heading"')[1]


def test_a_partial_coalition_list_says_how_many_it_shows_and_links_the_directory(client):
    page = PageFactory(section="health-care", slug="for-clinics")
    for number in range(8):
        CoalitionFactory(name=f"Clinic Coalition {number}", partner_sectors=["health"])
    related = _related(client.get(page.get_absolute_url()).text)
    assert len(re.findall(r"Clinic Coalition \d", related)) == 6
    assert "6 of 8 shown." in related
    assert 'href="/coalitions/"' in related
    spanish = _related(client.get(f"/es{page.get_absolute_url()}").text)
    assert "Se muestran 6 de 8." in spanish


def test_a_complete_list_does_not_call_itself_partial(client):
    page = PageFactory(section="health-care", slug="for-clinics")
    for number in range(3):
        CoalitionFactory(name=f"Clinic Coalition {number}", partner_sectors=["health"])
    related = _related(client.get(page.get_absolute_url()).text)
    assert len(re.findall(r"Clinic Coalition \d", related)) == 3
    assert " shown." not in related
    assert 'href="/coalitions/"' in related


def _words(html):
    article = html.split('<article class="usa-prose"')[1].split("</article>")[0]
    return re.findall(r"\w+", re.sub(r"<[^>]+>", " ", article))


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_get_involved_is_a_real_page_that_leads_to_each_way_of_helping(client, seeded, prefix):
    response = client.get(f"{prefix}/topics/get-involved/", follow=True)
    assert response.redirect_chain == [(f"{prefix}/pages/get-involved/", 301)]
    html = response.text
    assert len(_words(html)) >= 350
    for path in ["/materials/", "/coalitions/", "/coalitions/request/", "/listserv/", "/pages/recognizing-the-signs/"]:
        assert f'href="{prefix}{path}"' in html, path
    assert "1-888-373-7888" in html
    assert "24" in html  # coalitions in 24 cities, regions and states (PRODUCT.md)
    assert f'href="{prefix}/pages/get-involved/"' in client.get(f"{prefix}/").text  # the home page leads to it


def test_seeding_again_renders_the_demo_pages_new_text(seeded):
    # update_or_create saves with update_fields naming "body_en"/"body_es": the HTML must follow them.
    from campaign.models import Page

    Page.objects.filter(slug="get-involved").update(body_html_en="<p>stale</p>", body_html_es="<p>viejo</p>")
    demo.seed({}, io.StringIO())
    page = Page.objects.get(slug="get-involved")
    assert "stale" not in page.body_html_en
    assert "Five ways" not in page.body_html_en  # the summary is not the body
    assert "Share the hotline number" in page.body_html_en
    assert "Comparta el número" in page.body_html_es
