import datetime

import pytest
from django.urls import reverse

from campaign.models import Page
from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db


def test_content_page_shows_both_dates_and_the_sanitized_body(client):
    page = PageFactory(
        body="Text <script>alert(1)</script>",
        publication_date=datetime.date(2026, 3, 2),
        last_reviewed=datetime.date(2026, 10, 9),
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Publication Date" in html
    assert "March 2, 2026" in html
    assert "Last Reviewed Date" in html
    assert "October 9, 2026" in html
    assert "<script>alert(1)" not in html


def test_unpublished_and_future_pages_are_not_shown(client):
    hidden = PageFactory(is_published=False)
    future = PageFactory(
        publication_date=datetime.date(2099, 1, 1), last_reviewed=datetime.date(2099, 1, 1), next_review_due=None
    )
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_every_public_page_has_the_site_chrome(client):
    page = PageFactory()
    for url in ["/", page.get_absolute_url(), "/contact/", "/disclaimer/", "/search/?q=x", "/missing-page/"]:
        html = client.get(url).content.decode()
        assert "An official website of the United States government" in html, url
        assert 'href="tel:+18883737888"' in html, url
        assert "233733" in html, url
        assert "data-quick-exit" in html, url
        assert 'href="#main-content"' in html, url
        assert 'id="main-content"' in html, url
        for link_text in [
            "Accessibility statement",
            "FOIA requests",
            "No FEAR Act data",
            "Office of the Inspector General",
            "Privacy policy",
            "Vulnerability disclosure policy",
            "Visit USA.gov",
            "About Rescue &amp; Restore",
        ]:
            assert link_text in html, (url, link_text)


def test_a_section_address_redirects_permanently_to_its_first_published_page(client):
    PageFactory(slug="second", title="Second", order=20)
    PageFactory(slug="hidden", title="Hidden", order=1, is_published=False)
    PageFactory(slug="first", title="First", order=10)
    response = client.get(reverse("campaign:section", args=["health-care"]))
    assert response.status_code == 301
    assert response["Location"] == "/pages/first/"
    # The first page lists the section's other pages beside its own text: nothing only links onward.
    html = client.get("/pages/first/").content.decode()
    assert 'href="/pages/second/"' in html
    assert "Hidden" not in html
    assert client.get("/es/topics/health-care/")["Location"] == "/es/pages/first/"


def test_a_section_without_a_published_page_is_404(client):
    PageFactory(slug="draft", section="get-involved", is_published=False)
    assert client.get("/topics/get-involved/").status_code == 404


def test_unknown_section_is_404(client):
    assert client.get("/topics/not-a-section/").status_code == 404


def test_date_constraints_hold_in_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PageFactory(publication_date=datetime.date(2026, 5, 1), last_reviewed=datetime.date(2026, 4, 1))


def test_review_due_queryset(db):
    due = PageFactory(next_review_due=datetime.date(2026, 7, 1))
    PageFactory(next_review_due=datetime.date(2027, 7, 1))
    assert list(Page.objects.review_due(on=datetime.date(2026, 8, 1))) == [due]


def test_saving_with_update_fields_re_renders_the_body():
    page = PageFactory(body="old")
    page.body = "**new**"
    page.save(update_fields=["body"])
    page.refresh_from_db()
    assert "<strong>new</strong>" in page.body_html
