"""Every public page answers in English unprefixed and in Spanish under /es/, and links to its other version."""

import re

import pytest

from tests.factories.campaign import PageFactory
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/pages/{page}/", "/materials/", "/materials/{material}/", "/coalitions/", "/listserv/", "/contact/"]


@pytest.fixture
def paths():
    page = PageFactory(slug="recognize-the-signs", is_published=True)
    material = MaterialFactory(slug="look-beneath-the-surface")
    EditionFactory(material=material, language="en")
    return [path.format(page=page.slug, material=material.slug) for path in PAGES]


def _switcher_link(response, language):
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*lang="{language}"[^>]*hreflang="{language}"', response.text)
    assert match, f"no link to the {language} version"
    return match.group(1)


def test_each_kind_of_page_links_to_the_same_page_in_the_other_language(client, paths):
    for english_path in paths:
        english = client.get(english_path)
        assert english.status_code == 200, english_path
        assert '<html lang="en">' in english.text
        spanish_path = _switcher_link(english, "es")
        assert spanish_path == "/es" + english_path

        spanish = client.get(spanish_path)
        assert spanish.status_code == 200, spanish_path
        assert '<html lang="es">' in spanish.text
        assert _switcher_link(spanish, "en") == english_path


def test_the_switcher_keeps_the_query_string(client, paths):
    response = client.get("/materials/?language=es&q=card")
    assert _switcher_link(response, "es") == "/es/materials/?language=es&amp;q=card"


def test_hreflang_alternates_name_both_versions_and_the_default(client, paths):
    response = client.get("/es/materials/")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text))
    assert alternates == {
        "en": "https://rescue-restore.example.gov/materials/",
        "es": "https://rescue-restore.example.gov/es/materials/",
        "x-default": "https://rescue-restore.example.gov/materials/",
    }


def test_a_missing_page_in_spanish_is_a_spanish_404_with_a_way_back(client):
    response = client.get("/es/pages/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="es">' in response.text
    assert _switcher_link(response, "en") == "/pages/no-such-page/"


def test_the_address_decides_the_language_not_the_browser(client, paths):
    response = client.get("/materials/", headers={"accept-language": "es"})
    assert '<html lang="en">' in response.text


def test_admin_and_machine_files_have_one_address(client):
    assert client.get("/es/admin/").status_code == 404
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/es/robots.txt").status_code == 404


def test_the_page_cache_keeps_each_language_apart(client, paths, settings):
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = True

    for _round in range(2):  # the second round is answered from the page cache
        assert '<html lang="es">' in Client().get("/es/materials/").text
        assert '<html lang="en">' in Client().get("/materials/").text
