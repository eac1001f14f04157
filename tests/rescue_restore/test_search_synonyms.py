"""The synonym list staff keep in the admin widens site search; the engine-specific parts on each database."""

import logging

import pytest
from django.db import IntegrityError, connection

from campaign.models import SearchSynonym
from campaign.search import FIELDS
from rescue_restore.site_search.search import alternatives
from rescue_restore.site_search.text_search import ranked
from tests.factories.campaign import PageFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def titles(client, query, prefix=""):
    return [result.title for result in client.get(f"{prefix}/search/", {"q": query}).context["results"]]


def test_the_seeded_synonyms_are_there_for_staff_to_edit():
    assert SearchSynonym.objects.filter(term="nurse", means="health care", language="en").exists()
    assert SearchSynonym.objects.filter(term="tráfico", means="trata", language="es").exists()
    assert set(SearchSynonym.objects.filter(term="newsletter").values_list("means", flat=True)) == {
        "email updates",
        "listserv",
    }


def test_a_synonym_staff_add_takes_effect_at_once(client):
    PageFactory(title="Shelters and safe housing", summary="Where survivors can stay.", is_published=True)
    assert "Shelters and safe housing" not in titles(client, "refuge")
    SearchSynonym.objects.create(term="refuge", means="shelters", language="en")
    assert "Shelters and safe housing" in titles(client, "refuge")


def test_a_synonym_applies_only_to_its_language(client):
    page = PageFactory(title="Shelters", is_published=True)
    page.title_es = "Albergues"
    page.save()
    SearchSynonym.objects.create(term="refugio", means="albergues", language="es")
    assert "Albergues" in titles(client, "refugio", prefix="/es")
    assert "Shelters" not in titles(client, "refugio")


def test_synonyms_match_whole_words_without_case_or_accents():
    pairs = [("wallet card", "pocket card"), ("tráfico", "trata")]
    assert alternatives("Wallet Card order", pairs) == ["Wallet Card order", "pocket card order"]
    assert alternatives("TRAFICO de personas", pairs) == ["TRAFICO de personas", "trata de personas"]
    assert alternatives("wallets", pairs) == ["wallets"]
    assert alternatives("wallet card trafico", pairs)[-1] == "pocket card trata"


def test_the_same_synonym_twice_is_refused():
    SearchSynonym.objects.create(term="Refuge", means="Shelter", language="en")
    with pytest.raises(IntegrityError):
        SearchSynonym.objects.create(term="refuge", means="shelter", language="en")


def test_content_editors_keep_the_list_in_the_admin(client, staff_editor):
    sign_in(client, staff_editor)
    response = client.get("/admin/campaign/searchsynonym/")
    assert response.status_code == 200
    assert "nurse" in response.text
    added = client.post(
        "/admin/campaign/searchsynonym/add/", {"term": "  case   worker ", "means": "social service", "language": "en"}
    )
    assert added.status_code == 302
    assert SearchSynonym.objects.filter(term="case worker", means="social service").count() == 1
    again = client.post(
        "/admin/campaign/searchsynonym/add/", {"term": "Case Worker", "means": "social service", "language": "en"}
    )
    assert again.status_code == 200
    assert "This synonym is already in the list." in again.text
    assert SearchSynonym.objects.filter(term__iexact="case worker").count() == 1


def test_sqlite_fallback_folds_accents_and_finds_singulars(client):
    """The simple fallback (and PostgreSQL alike): "POSTERS" finds a poster, "trafico" finds "tráfico"."""
    PageFactory(title="Waiting room poster", is_published=True)
    page = PageFactory(title="Trafficking", body="x", is_published=True)
    page.title_es = "Qué es el tráfico de migrantes"
    page.save()
    assert "Waiting room poster" in titles(client, "POSTERS")
    assert "Qué es el tráfico de migrantes" in titles(client, "trafico migrantes", prefix="/es")


def test_sqlite_fallback_suggests_a_spelling_and_shows_its_results(client):
    PageFactory(title="Recognizing the signs of human trafficking", is_published=True)
    response = client.get("/search/", {"q": "trafficing"})
    assert response.context["suggestion"] == "trafficking"
    assert response.context["showing_suggestion"] or response.context["results"]
    assert "Recognizing the signs of human trafficking" in [r.title for r in response.context["results"]]


@pytest.mark.postgres_only
def test_on_postgresql_trigram_similarity_finds_a_misspelled_title_without_the_suggestion():
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    from campaign.models import Page

    PageFactory(title="Hotline clue card", is_published=True)
    PageFactory(title="Privacy policy", is_published=True)
    found = [page.title for page, _score in ranked(Page.objects.published(), "hotlne", FIELDS)]
    assert found == ["Hotline clue card"]


@pytest.mark.postgres_only
def test_on_postgresql_spanish_stemming_ranks_word_forms(client):
    if connection.vendor != "postgresql":
        pytest.skip("Spanish stemming is PostgreSQL's")
    page = PageFactory(title="Signs", is_published=True, body="x")
    page.title_es = "Las víctimas y sus derechos"
    page.save()
    other = PageFactory(title="Other", is_published=True, body="x")
    other.body_es = "Una víctima puede llamar."
    other.save()
    found = titles(client, "victima", prefix="/es")
    # Both word forms match; the one in a title ranks first.
    assert found[:2] == ["Las víctimas y sus derechos", "Other"]


def test_the_search_page_logs_no_query_text(client, caplog, settings):
    """Nothing the request writes to the logs carries what was searched (with or without an address)."""
    caplog.set_level(logging.DEBUG)
    secret = "zebracrossingsecret"
    response = client.get("/search/", {"q": f"{secret} trafficking"}, REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 200
    response = client.get("/es/search/", {"q": secret}, REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 200
    assert secret not in caplog.text
    assert all(secret not in repr(record.args) for record in caplog.records)
