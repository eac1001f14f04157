"""The guide is linked from the home page, each audience page, the clue card, and the sitemap."""

import pytest

from tests.factories.campaign import PageFactory
from tests.factories.materials import MaterialFactory

pytestmark = pytest.mark.django_db

LINK = 'id="screening-link"'


@pytest.mark.parametrize(
    ("prefix", "text"), [("", "Could this be trafficking?"), ("/es", "¿Podría ser trata de personas?")]
)
def test_home_page_links_the_guide_in_each_language(client, prefix, text):
    page = client.get(f"{prefix}/").content.decode()
    assert LINK in page
    assert f'href="{prefix}/could-this-be-trafficking/"' in page
    assert text in page


@pytest.mark.parametrize("section", ["health-care", "social-service", "law-enforcement", "everyone"])
def test_each_audience_page_links_the_guide(client, section):
    # An audience link lands on the audience's page (/topics/<section>/ redirects there), which links the guide.
    page = PageFactory(section=section, slug=f"about-{section}")
    assert LINK in client.get(f"/topics/{section}/", follow=True).content.decode()
    assert LINK in client.get(page.get_absolute_url()).content.decode()


def test_the_clue_card_links_the_guide_and_other_materials_do_not(client):
    clue_card = MaterialFactory(slug="hotline-clue-card", kind="clue-card")
    brochure = MaterialFactory(slug="a-brochure")
    assert LINK in client.get(clue_card.get_absolute_url()).content.decode()
    assert LINK not in client.get(brochure.get_absolute_url()).content.decode()


def test_sitemap_lists_the_start_pages_never_a_result(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/could-this-be-trafficking/</loc>" in xml
    for slug in ("health-care-visit", "social-services-or-shelter", "law-enforcement-contact", "school"):
        assert f"/could-this-be-trafficking/{slug}/</loc>" in xml
    assert "/result/" not in xml


def test_site_search_finds_a_setting(client):
    page = client.get("/search/", {"q": "shelter"}).content.decode()
    assert "/could-this-be-trafficking/social-services-or-shelter/" in page


def test_site_pages_such_as_the_privacy_policy_do_not(client):
    page = PageFactory(section="site", slug="a-site-page")
    assert LINK not in client.get(page.get_absolute_url()).content.decode()
