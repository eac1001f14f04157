"""What visitors type finds what they want: everyday queries in both languages, on the demo content.

Each query names the page a person typing it is looking for; the test asserts it is
among the first five results. The set comes from issue 22 (queries that used to find
nothing or the wrong page): misspellings, people's own words (synonyms staff keep in
the admin), plurals, Spanish without accents. They run on both databases: PostgreSQL
ranks with full-text search and pg_trgm, SQLite with the simple fallback (synonyms,
accent folding, singulars, difflib's "did you mean").
"""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ENGLISH = [
    ("trafficing", "/pages/recognizing-the-signs/"),
    ("hotlne", "/materials/hotline-clue-card/"),
    ("nurse", "/pages/health-care-providers/"),
    ("doctor", "/pages/health-care-providers/"),
    ("cops", "/pages/law-enforcement/"),
    ("police", "/materials/law-enforcement-pocket-card/"),
    ("pamphlet", "/materials/look-beneath-the-surface-brochure/"),
    ("wallet card", "/materials/law-enforcement-pocket-card/"),
    ("newsletter", "/listserv/"),
    ("free materials", "/materials/"),
    ("posters", "/materials/look-beneath-the-surface-poster/"),
    ("poster", "/materials/look-beneath-the-surface-poster/"),
    ("signs of trafficking", "/pages/recognizing-the-signs/"),
    ("social worker", "/pages/social-service-providers/"),
    ("clue cards", "/materials/hotline-clue-card/"),
    ("coalitions", "/coalitions/"),
    ("Philadelphia", "/coalitions/philadelphia-rescue-restore-coalition/"),
]
SPANISH = [
    ("tráfico", "/es/pages/recognizing-the-signs/"),
    ("trafico", "/es/pages/recognizing-the-signs/"),
    ("enfermera", "/es/pages/health-care-providers/"),
    ("explotacion laboral", "/es/pages/recognizing-the-signs/"),
    ("boletin", "/es/listserv/"),
    ("atencion medica", "/es/pages/health-care-providers/"),
    ("medico", "/es/pages/health-care-providers/"),
    ("policia", "/es/pages/law-enforcement/"),
    ("folleto", "/es/materials/look-beneath-the-surface-brochure/"),
    ("carteles", "/es/materials/look-beneath-the-surface-poster/"),
    ("materiales gratis", "/es/materials/"),
    ("senales de trata", "/es/pages/recognizing-the-signs/"),
    ("linea directa", "/es/materials/hotline-clue-card/"),
    ("Filadelfia", "/es/coalitions/philadelphia-rescue-restore-coalition/"),
]


@pytest.fixture
def demo_site():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def first_five(client, prefix, query):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return [result.url for result in response.context["results"][:5]]


def misses(client, prefix, queries):
    found = {query: first_five(client, prefix, query) for query, _wanted in queries}
    return {query: (wanted, found[query]) for query, wanted in queries if wanted not in found[query]}


def test_everyday_english_queries_find_the_page_wanted_in_the_first_five(client, demo_site):
    assert misses(client, "", ENGLISH) == {}


def test_everyday_spanish_queries_find_the_page_wanted_in_the_first_five(client, demo_site):
    assert misses(client, "/es", SPANISH) == {}


def test_an_audience_page_ranks_above_pages_that_mention_its_words_in_passing(client, demo_site):
    urls = first_five(client, "", "health care")
    assert urls.index("/pages/health-care-providers/") < 2
    assert "/pages/privacy/" not in urls


@pytest.mark.parametrize(
    ("prefix", "query", "suggestion"), [("", "trafficing", "trafficking"), ("", "hotlne", "hotline")]
)
def test_a_misspelled_word_gets_a_did_you_mean(client, demo_site, prefix, query, suggestion):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.context["suggestion"] == suggestion
    if response.context["showing_suggestion"]:
        assert f"so these are the results for “{suggestion}”" in response.text
    else:
        assert f'Did you mean <a class="usa-link" href="/search/?q={suggestion}">{suggestion}</a>?' in response.text


def test_spanish_readers_get_did_you_mean_in_spanish(client, demo_site):
    response = client.get("/es/search/", {"q": "vitcimas"})
    assert response.context["suggestion"] == "víctimas"  # suggested as the site writes it
    assert "¿Quiso decir" in response.text or "estos son los resultados de “víctimas”" in response.text


def test_a_correct_query_gets_no_suggestion(client, demo_site):
    for query in ["trafficking", "hotline", "nurse", "trata", "health care"]:
        assert client.get("/search/", {"q": query}).context["suggestion"] == "", query
