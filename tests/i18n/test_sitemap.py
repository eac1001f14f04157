"""/sitemap.xml lists every public page in both languages, each with its hreflang alternates and x-default."""

import re

import pytest

from rescue_restore.sitemaps import TranslatedSitemap, all_sitemaps
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db
HOST = "http://testserver"  # the sitemap names the host it was asked on


def entries(client):
    xml = client.get("/sitemap.xml").text
    return {
        re.search(r"<loc>([^<]+)</loc>", block)[1]: dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
        for block in re.findall(r"<url>(.*?)</url>", xml, re.DOTALL)
    }


def test_every_page_is_listed_in_english_and_spanish_with_alternates(client):
    PageFactory(slug="signs", is_published=True)
    coalition = CoalitionFactory(slug="phoenix-coalition")
    listed = entries(client)
    for path in ["/", "/pages/signs/", "/materials/", f"/coalitions/{coalition.slug}/", "/listserv/archive/"]:
        english, spanish = f"{HOST}{path}", f"{HOST}/es{path}"
        for loc in (english, spanish):
            assert listed[loc] == {"en": english, "es": spanish, "x-default": english}, loc


def test_the_spanish_addresses_are_half_the_sitemap(client):
    PageFactory(is_published=True)
    listed = entries(client)
    spanish = [loc for loc in listed if "/es/" in loc]
    assert len(spanish) * 2 == len(listed)


def test_every_app_sitemap_is_translated():
    assert all(issubclass(sitemap, TranslatedSitemap) for sitemap in all_sitemaps().values())
