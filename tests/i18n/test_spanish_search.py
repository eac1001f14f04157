"""Spanish queries find Spanish content, with or without accents."""

import pytest
from django.db import connection

from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_page():
    page = PageFactory(slug="senales", is_published=True, title="Signs", body="How to recognise trafficking.")
    page.title_es = "Señales de la trata"
    page.summary_es = "Información para reconocer a las víctimas."
    page.body_es = "La línea directa atiende en más de 200 idiomas."
    page.save()
    return page


@pytest.mark.parametrize("query", ["informacion", "INFORMACIÓN", "linea directa", "señales", "senales trata"])
def test_accents_and_case_are_optional(client, spanish_page, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    assert "Señales de la trata" in response.text


def test_english_readers_search_the_english_text(client, spanish_page):
    assert "Signs" in client.get("/search/", {"q": "recognise"}).text
    assert "Signs" not in client.get("/search/", {"q": "informacion"}).text


def test_a_page_not_yet_in_spanish_is_still_found_by_its_english_words_on_the_spanish_site(client):
    PageFactory(slug="only-english", is_published=True, title="Clue cards", body="Hotline clue cards.")
    assert "Clue cards" in client.get("/es/search/", {"q": "clue"}).text


def test_a_query_that_matches_nothing_finds_nothing(client, spanish_page):
    assert "Señales de la trata" not in client.get("/es/search/", {"q": "informacion zzzz"}).text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word forms come from PostgreSQL's Spanish stemmer")
def test_on_postgresql_spanish_word_forms_match(client, spanish_page):
    # "víctima" (singular, accented) finds "víctimas" through the rr_spanish configuration.
    assert "Señales de la trata" in client.get("/es/search/", {"q": "victima"}).text
