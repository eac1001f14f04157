"""Site search shows plain-text snippets, and finds editions by language name in English or natively."""

import pytest
from django.utils import timezone

from listserv.models import Bulletin
from materials.models.catalog import languages_named
from rescue_restore.site_search.search import snippet
from tests.factories.campaign import PageFactory
from tests.factories.listserv import BulletinFactory, TopicFactory
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Training **this spring**. See [the materials](/materials/).", "Training this spring. See the materials."),
        ("## Heading\n\n- one _item_\n- `code` and ~~old~~", "Heading one item code and old"),
        ("![Poster](/media/p.png) <b>raw</b> text", "Poster raw text"),
        ("snake_case_words and 2*3*4 stay", "snake_case_words and 2*3*4 stay"),
    ],
)
def test_snippets_are_plain_text(markdown, plain):
    assert snippet(markdown) == plain


def test_a_long_snippet_is_cut_at_a_word():
    text = snippet("word " * 100, length=23)
    assert text == "word word word word…"


def test_search_results_show_no_markdown(client):
    bulletin = BulletinFactory(topics=[TopicFactory()], subject="Spring webinars")
    Bulletin.objects.filter(pk=bulletin.pk).update(status="sent", sent_at=timezone.now())
    PageFactory(title="Webinars for clinics", summary="Join **live** [webinars](/webinars/).")
    html = client.get("/search/", {"q": "webinars"}).content.decode()
    results = html.split('class="usa-collection"')[1]
    assert "Training this spring. See the materials." in results
    assert "Join live webinars." in results
    assert "**" not in results
    assert "](/" not in results


@pytest.fixture
def editions():
    poster = MaterialFactory(title="Waiting room poster", summary="For clinics.")
    EditionFactory(material=poster, language="en")
    EditionFactory(material=poster, language="es")
    card = MaterialFactory(title="Pocket card", summary="For officers.")
    EditionFactory(material=card, language="en")
    EditionFactory(material=card, language="zh")
    return poster, card


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Spanish", ["Waiting room poster"]),
        ("español", ["Waiting room poster"]),
        ("ESPANOL", ["Waiting room poster"]),
        ("poster spanish", ["Waiting room poster"]),
        ("card Spanish", []),
        ("Chinese", ["Pocket card"]),
        ("中文", ["Pocket card"]),
        ("English", ["Pocket card", "Waiting room poster"]),
    ],
)
def test_a_language_name_finds_the_materials_in_that_language(client, editions, query, found):
    response = client.get("/search/", {"q": query})
    titles = sorted(result.title for result in response.context["results"] if result.kind == "Material")
    assert titles == found


def test_the_result_says_which_edition_matched(client, editions):
    [result] = [r for r in client.get("/search/", {"q": "español"}).context["results"] if r.kind == "Material"]
    assert result.summary == "Editions in Spanish. For clinics."


def test_the_catalog_search_box_understands_language_names_too(client, editions):
    response = client.get("/materials/", {"q": "tiếng việt"})
    assert response.status_code == 200
    assert languages_named("tiếng việt poster") == ({"vi"}, "poster")
    assert languages_named("русский") == ({"ru"}, "")
