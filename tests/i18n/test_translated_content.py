"""Staff write pages in both languages; a page without its Spanish version says so and is marked in the admin."""

import pytest
from django.utils import translation

from campaign.models import Page
from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db


def test_a_page_with_a_spanish_version_shows_it(client):
    page = PageFactory(slug="signs", is_published=True, title="Signs", body="Look **beneath** the surface.")
    page.title_es = "Señales"
    page.body_es = "Mire **más allá** de lo evidente."
    page.save()

    response = client.get("/es/pages/signs/")
    assert "Señales" in response.text
    assert "<strong>más allá</strong>" in response.text
    assert "todavía no está disponible en español" not in response.text
    english = client.get("/pages/signs/")
    assert "<strong>beneath</strong>" in english.text
    assert "más allá" not in english.text


def test_a_page_without_a_spanish_version_shows_the_english_marked_as_english_with_a_spanish_notice(client):
    PageFactory(slug="signs", is_published=True, title="Signs", body="Look **beneath** the surface.")
    response = client.get("/es/pages/signs/")
    assert response.status_code == 200
    assert "todavía no está disponible en español" in response.text
    assert '<article class="usa-prose" lang="en">' in response.text
    assert "<strong>beneath</strong>" in response.text
    assert "todavía no está disponible" not in client.get("/pages/signs/").text


def test_saving_in_spanish_renders_the_spanish_body_and_keeps_the_english():
    page = PageFactory(body="English **body**")
    with translation.override("es"):
        page.body = "Cuerpo en **español**"
        page.save(update_fields=["body"])
    page = Page.objects.get(pk=page.pk)
    assert "<strong>body</strong>" in page.body_html_en
    assert "<strong>español</strong>" in page.body_html_es


def test_the_admin_lists_pages_still_missing_spanish(admin_client):
    PageFactory(title="Only English", slug="only-english")
    # Not on the site yet, so edited in place: a live page's text changes through a draft (docs/clearance.md).
    translated = PageFactory(title="Both", slug="both", is_published=False)
    translated.body_es = "Texto"
    translated.save()
    response = admin_client.get("/admin/campaign/page/?untranslated=es")
    assert response.status_code == 200
    assert "Only English" in response.text
    assert ">Both<" not in response.text
    assert "Missing: Español" in response.text
    form = admin_client.get(f"/admin/campaign/page/{translated.pk}/change/")
    assert 'name="body_es"' in form.text
    assert 'name="body_en"' in form.text
