"""Coalition listings in both languages: staff-written Spanish, a marked fallback, demo details inside a demo label."""

import re

import pytest
from django.core.management import call_command
from django.db import transaction

from coalitions.demo import COALITIONS, WORK
from coalitions.demo_es import COALITIONS_ES, WORK_ES
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db
DEMO_SLUGS = [row[0] for row in COALITIONS]


@pytest.fixture(scope="module")
def _demo_site(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the module in a transaction rolled back at its end; each
    test runs in a savepoint inside it, so nothing one test writes reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_site, db):
    pass


def demo_label(html):
    """The demo label's section, or ''."""
    match = re.search(r"<section[^>]*data-demo-label.*?</section>", html, re.DOTALL)
    return match[0] if match else ""


def outside_demo_label(html):
    return html.replace(demo_label(html), "")


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_a_spanish_demo_listing_is_in_spanish_with_its_invented_details_inside_the_demo_label(client, demo, slug):
    html = client.get(f"/es/coalitions/{slug}/").text
    label = demo_label(html)
    assert "Listado de demostración: datos de ejemplo" in label
    assert WORK_ES in label
    assert "Colabora con un grupo de trabajo" in label  # the task-force answer is an example
    assert "Última verificación" in label
    assert "@coalitions.example.org" in label
    rest = outside_demo_label(html)
    assert COALITIONS_ES[slug]["history"] in rest
    for english in (WORK, {row[0]: row[5] for row in COALITIONS}[slug], "Statewide", "Available only"):
        assert english not in html
    assert "Disponible solo en inglés" not in html
    # Invented details never appear outside the label.
    for invented in ("@coalitions.example.org", "Última verificación", "grupo de trabajo", "Sectores"):
        assert invented not in rest


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_an_english_demo_listing_marks_its_invented_details_too(client, demo, slug):
    html = client.get(f"/coalitions/{slug}/").text
    label = demo_label(html)
    assert "Demo listing: example details" in label
    assert WORK in label
    assert "Last verified" in label
    assert "task force" in label
    rest = outside_demo_label(html)
    for invented in ("@coalitions.example.org", "Last verified", "task force", "Partner sectors", "Area served"):
        assert invented not in rest


def test_places_are_spelled_one_way_per_language(client, demo):
    spanish = client.get("/es/coalitions/philadelphia-rescue-restore-coalition/").text
    assert "Filadelfia, Pensilvania" in spanish
    assert "Philadelphia," not in spanish.replace("Philadelphia Rescue", "")
    english = client.get("/coalitions/philadelphia-rescue-restore-coalition/").text
    assert "Philadelphia, Pennsylvania" in english
    assert "Filadelfia" not in english
    directory = client.get("/es/coalitions/?state=PA").text
    assert "Filadelfia" in directory


def test_a_statewide_coalition_is_all_of_its_state_in_both_languages(client, demo):
    english = client.get("/coalitions/illinois-rescue-restore-coalition/").text
    spanish = client.get("/es/coalitions/illinois-rescue-restore-coalition/").text
    assert "All of Illinois" in english
    assert "Todo Illinois" in spanish
    for html in (english, spanish):
        assert "Statewide, Illinois" not in html
        assert "Statewide" not in re.search(r'<meta name="description"\s+content="([^"]*)"', html)[1]
    assert "en Statewide" not in spanish


def test_sacramento_joined_a_network_of_17_as_the_record_says(client, demo):
    english = client.get("/coalitions/sacramento-rescue-restore-coalition/").text
    spanish = client.get("/es/coalitions/sacramento-rescue-restore-coalition/").text
    assert "Sacramento joined a network of 17 coalitions" in english
    assert "17th" not in english
    assert "se unió a una red de 17 coaliciones" in spanish


def test_a_listing_not_yet_in_spanish_is_shown_in_english_marked_and_said_so(client):
    coalition = CoalitionFactory(description="Monthly meetings and outreach.", area_served="Sangamon County")
    html = client.get(f"/es/coalitions/{coalition.slug}/").text
    assert re.search(r'<div class="usa-prose"\s+lang="en">\s*<p>Monthly meetings and outreach.</p>', html)
    assert re.search(r'<span lang="en">Sangamon County</span>', html)
    assert html.count("Disponible solo en inglés") == 2
    assert "data-demo-label" not in html


def test_a_listing_staff_translated_is_shown_in_spanish_unmarked(client):
    coalition = CoalitionFactory(description="Monthly meetings.", area_served="Sangamon County")
    coalition.description_es = "Reuniones mensuales."
    coalition.area_served_es = "Condado de Sangamon"
    coalition.save()
    html = client.get(f"/es/coalitions/{coalition.slug}/").text
    assert "Reuniones mensuales." in html
    assert "Condado de Sangamon" in html
    assert "Monthly meetings." not in html
    assert "Disponible solo en inglés" not in html
    assert 'lang="en"' not in outside_demo_label(html).split("<main", 1)[1].split("</main>")[0]


def test_a_listing_written_in_spanish_is_marked_spanish_on_the_english_page(client):
    coalition = CoalitionFactory(description="Reuniones mensuales.", language="es")
    html = client.get(f"/coalitions/{coalition.slug}/").text
    assert re.search(r'<div class="usa-prose"\s+lang="es">', html)
    assert "Available only in Spanish" in html
    spanish = client.get(f"/es/coalitions/{coalition.slug}/").text
    assert "Disponible solo en" not in spanish
