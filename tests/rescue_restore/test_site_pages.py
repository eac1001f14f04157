import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

from campaign.models import Page
from tests.factories.campaign import PageFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}


def test_healthz_is_503_when_the_database_does_not(client, monkeypatch):
    from rescue_restore.ops import health

    def broken_cursor():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_search_finds_published_pages_only(client):
    PageFactory(title="Signs of labor trafficking", body="debt bondage")
    PageFactory(title="Draft about debt", body="debt", is_published=False)
    response = client.get("/search/", {"q": "  debt   bondage "})
    assert response.context["query"] == "debt bondage"
    titles = [result.title for result in response.context["results"]]
    assert titles == ["Signs of labor trafficking"]


@pytest.mark.parametrize("query", ["", "x" * 5000, "<script>alert(1)</script>", "%00", "' OR 1=1 --", "\x00"])
def test_search_survives_hostile_queries(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_404_page_is_the_site_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_500_page_renders_without_a_request_context(client, settings):
    from rescue_restore.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="tel:+18883737888"' in html
    assert "data-quick-exit" in html
    assert "An official website of the United States government" in html
    assert "Vulnerability disclosure policy" in html


def test_robots_and_security_txt(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://rescue-restore.example.gov/sitemap.xml" in robots.content.decode()
    security = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:" in security
    expires = datetime.datetime.fromisoformat(security.split("Expires: ")[1].split()[0])
    assert datetime.timedelta(days=300) < expires - timezone.now() < datetime.timedelta(days=366)
    assert "Policy: https://rescue-restore.example.gov/vulnerability-disclosure/" in security
    assert client.get("/vulnerability-disclosure/").status_code == 200


def test_sitemap_lists_published_pages(client):
    published = PageFactory()
    hidden = PageFactory(is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert published.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = Page.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.count() == first > 5
    assert Page.objects.published().filter(slug="recognizing-the-signs").exists()
    for slug in ["about-this-site", "accessibility", "privacy"]:
        assert Page.objects.filter(slug=slug).exists()  # the footer links to them


def test_home_page_links_every_audience(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get("/").content.decode()
    # Straight to each audience's page, not through a page that only links onward.
    for slug in ["health-care-providers", "social-service-providers", "law-enforcement", "everyone"]:
        assert f'href="/pages/{slug}/"' in html
    assert "/topics/" not in html.split('id="main-content"')[1]


def test_favicon_points_at_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert "/static/" in response["Location"]


def test_staff_dashboard_shows_only_the_cards_a_role_may_see(client, staff_editor, staff_no_role):
    from campaign.models import ContactMessage

    ContactMessage.objects.create(name="Ana", email="ana@example.org", topic="other", message="Hello")
    sign_in(client, staff_editor)
    cards = {card.title: card for card in client.get("/admin/").context["dashboard_cards"]}
    assert cards["Contact messages to answer"].count == 1
    assert cards["Contact messages to answer"].attention
    sign_in(client, staff_no_role)
    assert client.get("/admin/").context["dashboard_cards"] == []
