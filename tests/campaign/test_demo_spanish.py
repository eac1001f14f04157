"""seed_demo gives every campaign page its Spanish version, stays idempotent, and never overrides staff."""

import io
import re
from importlib import import_module

import pytest
from django.core.management import call_command

from campaign import demo
from campaign.demo import REQUIRED_PAGES_ES
from campaign.demo_es import PAGES_ES
from campaign.models import Page, Section

pytestmark = pytest.mark.django_db

REQUIRED_PAGES = import_module("campaign.migrations.0003_required_pages").PAGES
AUDIENCE_SLUGS = ["health-care-providers", "social-service-providers", "law-enforcement", "everyone"]


def seed():
    """The campaign's part of seed_demo (the whole command, with every app's demo, is run below)."""
    demo.seed({}, io.StringIO())


def seed_demo():
    call_command("seed_demo", stdout=io.StringIO())


def structure(html):
    """What a translation must keep: its headings, list items, paragraphs, bold passages and links."""
    return [html.count(tag) for tag in ("<h2>", "<h3>", "<li>", "<p>", "<strong>", "<a ")]


def test_every_seeded_page_has_a_spanish_title_summary_and_body():
    seed_demo()
    pages = list(Page.objects.all())
    assert {page.slug for page in pages} >= {data["slug"] for data in demo.PAGES} | {p["slug"] for p in REQUIRED_PAGES}
    for page in pages:
        assert page.title_es, page.slug
        assert page.summary_es, page.slug
        assert page.body_es, page.slug
        assert page.body_html_es.startswith(("<p>", "<ul>", "<h2>")), page.slug
        assert page.title_es != page.title_en, page.slug
        assert page.body_es != page.body_en, page.slug


def test_each_spanish_body_keeps_the_shape_of_the_english_it_translates():
    seed()
    for page in Page.objects.all():
        assert structure(page.body_html_es) == structure(page.body_html_en), page.slug


@pytest.mark.parametrize("slug", [data["slug"] for data in demo.PAGES] + [page["slug"] for page in REQUIRED_PAGES])
def test_each_seeded_page_reads_in_spanish_on_es(client, slug):
    seed()
    html = client.get(f"/es/pages/{slug}/").text
    assert "todavía no está disponible en español" not in html
    assert '<article class="usa-prose">' in html  # Spanish throughout: no lang="en" on it
    page = Page.objects.get(slug=slug)
    assert f"<h1>{page.title_es.replace('&', '&amp;')}</h1>" in html
    english = client.get(f"/pages/{slug}/").text
    assert page.title_es.replace("&", "&amp;") not in english


@pytest.mark.parametrize("slug", AUDIENCE_SLUGS)
def test_the_spanish_audience_pages_are_real_guidance(client, slug):
    seed()
    html = client.get(f"/es/pages/{slug}/").text
    body = html.split('<article class="usa-prose">')[1].split("</article>")[0]
    assert len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", body))) >= 400
    for heading in ["Lo que puede", "preguntar", "Qué hacer", "Qué no hacer"]:
        assert re.search(rf"<h2[^>]*>[^<]*{heading}", body), heading
    assert "1-888-373-7888" in body
    assert "233733" in body
    assert "Línea Directa Nacional contra la Trata de Personas" in body
    assert "en español" in body  # the hotline answers in Spanish


def test_the_spanish_text_uses_the_glossary_and_links_to_spanish_pages():
    seed()
    for page in Page.objects.all():
        text = f"{page.title_es} {page.summary_es} {page.body_es}".lower()
        assert "tráfico de personas" not in text, page.slug  # that is smuggling, not trafficking
        for informal in (" tú ", " tu ", " puedes ", " tienes ", " llama al ", " envía un "):  # formal "usted" only
            assert informal not in f" {text} ", (page.slug, informal)
        for link in re.findall(r"\]\((/[^)]*)\)", page.body_es):
            assert link.startswith("/es/"), (page.slug, link)
        for link in re.findall(r"\]\((https?://[^)]*)\)", page.body_es):
            assert f"]({link}) (en inglés)" in " ".join(page.body_es.split()), (page.slug, link)


def test_seed_demo_twice_changes_nothing_and_duplicates_nothing():
    seed_demo()
    first = {
        page.slug: (page.title_es, page.summary_es, page.body_es, page.body_html_es) for page in Page.objects.all()
    }
    seed_demo()
    second = {
        page.slug: (page.title_es, page.summary_es, page.body_es, page.body_html_es) for page in Page.objects.all()
    }
    assert second == first
    assert Page.objects.count() == len(first)


def test_required_pages_get_the_spanish_of_the_english_the_site_ships():
    seed()
    for english in REQUIRED_PAGES:
        slug = english["slug"]
        page = Page.objects.get(slug=slug)
        # As shipped: the No FEAR Act page has since had a plain summary put above its text, and the privacy
        # policy's cookie list was corrected (the two 0009 data migrations).
        assert page.body_en == demo.as_shipped(slug, "en", english["body"])
        assert page.body_es == demo.as_shipped(slug, "es", REQUIRED_PAGES_ES[slug]["body"])


def test_seed_demo_leaves_spanish_that_staff_wrote():
    Page.objects.filter(slug="privacy").update(body_es="Escrito por el personal.", title_es="Nuestra privacidad")
    seed()
    page = Page.objects.get(slug="privacy")
    assert page.body_es == "Escrito por el personal."
    assert page.title_es == "Nuestra privacidad"


def test_a_required_page_whose_english_staff_rewrote_gets_no_stale_spanish():
    # A site whose staff rewrote the English before any Spanish existed (the migration left it alone).
    Page.objects.filter(slug="accessibility").update(body_en="Edited by staff.", body_es="")
    seed()
    page = Page.objects.get(slug="accessibility")
    assert page.body_en == "Edited by staff."
    assert not page.body_es
    assert Page.objects.get(slug="privacy").body_es  # the untouched ones are translated


def test_a_required_page_seed_demo_creates_gets_the_spanish_of_the_demo_english():
    Page.objects.filter(slug="about-this-site").delete()
    seed()
    page = Page.objects.get(slug="about-this-site")
    demo_english = next(data for data in demo.PAGES if data["slug"] == "about-this-site")
    assert page.body_en == demo_english["body"]
    assert page.body_es == PAGES_ES["about-this-site"]["body"]
    assert "sitio de demostración" in page.body_es  # invented demo text says so in Spanish too
    assert page.section == Section.SITE


def test_demo_pages_spanish_is_refreshed_from_the_module():
    seed()
    Page.objects.filter(slug="everyone").update(body_es="Viejo.")
    seed()
    assert Page.objects.get(slug="everyone").body_es == PAGES_ES["everyone"]["body"]


def test_every_demo_page_has_its_spanish_and_nothing_else_is_translated():
    assert set(PAGES_ES) == {data["slug"] for data in demo.PAGES}
    assert set(REQUIRED_PAGES_ES) == {page["slug"] for page in REQUIRED_PAGES}
