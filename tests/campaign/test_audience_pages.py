"""Audience pages with substance: real guidance, the hotline, dates, and related materials and coalitions."""

import io
import re

import pytest

from campaign import demo
from campaign.models import Page, Section
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import CoalitionFactory
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db

AUDIENCE_SLUGS = {
    Section.HEALTH_CARE: "health-care-providers",
    Section.SOCIAL_SERVICE: "social-service-providers",
    Section.LAW_ENFORCEMENT: "law-enforcement",
    Section.EVERYONE: "everyone",
}


def words(html):
    text = re.sub(r"<[^>]+>", " ", html)
    return re.findall(r"[A-Za-z0-9'\u2019-]+", text)


def article(html):
    return html.split('<article class="usa-prose">')[1].split("</article>")[0]


@pytest.fixture
def seeded(db):
    demo.seed({}, io.StringIO())


@pytest.mark.parametrize("slug", AUDIENCE_SLUGS.values())
def test_each_audience_page_is_a_real_page(client, seeded, slug):
    html = client.get(f"/pages/{slug}/").content.decode()
    body = article(html)
    assert len(words(body)) >= 400, len(words(body))
    for heading in ["What you may", "ask", "What to do", "What not to do"]:
        assert re.search(rf"<h2[^>]*>[^<]*{heading}", body), heading
    assert "1-888-373-7888" in body
    assert "233733" in body
    assert "Publication Date" in html
    assert "Last Reviewed Date" in html


def test_every_audience_section_has_its_page(seeded):
    for section, slug in AUDIENCE_SLUGS.items():
        assert Page.objects.published().get(slug=slug).section == section


@pytest.fixture
def related_content(db):
    clinic = MaterialFactory(title="Clinic screening guide", audiences=["health-care"], summary="For clinics.")
    EditionFactory(material=clinic)
    officer = MaterialFactory(title="Officer pocket card", audiences=["law-enforcement"])
    MaterialFactory(title="Draft clinic leaflet", audiences=["health-care"], is_published=False)
    MaterialFactory(title="Synthetic clinic item", audiences=["health-care"], is_synthetic=True)
    brochure = MaterialFactory(title="Neighbors brochure", audiences=["general-public"])
    health = CoalitionFactory(name="Clinics Coalition", partner_sectors=["health"])
    police = CoalitionFactory(name="Task Force Coalition", partner_sectors=["law-enforcement"])
    CoalitionFactory(name="Hidden Coalition", partner_sectors=["health"], listing_status="pending")
    return clinic, officer, brochure, health, police


def test_an_audience_page_lists_its_materials_and_coalitions(client, related_content):
    clinic, officer, brochure, health, police = related_content
    page = PageFactory(section=Section.HEALTH_CARE, slug="for-clinics")
    html = client.get(page.get_absolute_url()).content.decode()
    related = html.split('aria-labelledby="related-heading"')[1]
    assert f'href="{clinic.get_absolute_url()}"' in related
    assert "For clinics." in related
    assert f'href="{health.get_absolute_url()}"' in related
    for absent in [officer.title, brochure.title, police.name, "Draft clinic leaflet", "Synthetic", "Hidden"]:
        assert absent not in related, absent
    assert 'href="/materials/?audience=health-care"' in related
    assert 'href="/coalitions/"' in related

    everyone = PageFactory(section=Section.EVERYONE, slug="for-neighbors")
    related = client.get(everyone.get_absolute_url()).content.decode().split('aria-labelledby="related-heading"')[1]
    assert brochure.title in related
    assert clinic.title not in related


def test_pages_outside_the_audience_sections_list_nothing_related(client, related_content):
    page = PageFactory(section=Section.ABOUT_CAMPAIGN, slug="history")
    assert 'aria-labelledby="related-heading"' not in client.get(page.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_audience_and_resources_pages_use_a_constant_number_of_queries(client, django_assert_max_num_queries, size):
    for _number in range(size):
        MaterialFactory(audiences=["health-care", "general-public", "law-enforcement", "social-service"])
        CoalitionFactory(partner_sectors=["health", "law-enforcement", "social-service"])
    page = PageFactory(section=Section.HEALTH_CARE)
    PageFactory(slug="resources", section=Section.ABOUT_CAMPAIGN)
    with django_assert_max_num_queries(5):
        assert client.get(page.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/pages/resources/").status_code == 200


def test_the_resources_page_lists_every_audience_page_and_its_materials(client, seeded, related_content):
    clinic, officer, brochure, _health, _police = related_content
    response = client.get("/pages/resources/")
    assert response.status_code == 200
    html = response.content.decode()
    for section, slug in AUDIENCE_SLUGS.items():
        assert f'id="resources-{section.value}"' in html
        assert f'href="/pages/{slug}/"' in html
    health_part = html.split('id="resources-health-care"')[1].split('id="resources-social-service"')[0]
    assert clinic.title in health_part
    law_part = html.split('id="resources-law-enforcement"')[1].split('id="resources-everyone"')[0]
    assert officer.title in law_part
    assert brochure.title in html.split('id="resources-everyone"')[1]
