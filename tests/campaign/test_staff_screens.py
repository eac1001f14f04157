"""What content editors see on a page: a Markdown preview, a readable slug help, no dead View on site link."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.campaign import PageFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_page_body_has_a_preview_and_the_slug_help_shows_an_address(client, staff_editor):
    # A page not yet on the site is edited directly; a live one through its draft (tests/campaign/test_clearance*).
    page = PageFactory(is_published=False)
    sign_in(client, staff_editor)
    response = client.get(f"/admin/campaign/page/{page.pk}/change/")
    assertContains(response, 'data-markdown-preview="/admin/markdown-preview/"')
    assertContains(response, 'src="/static/js/admin-markdown-preview.js"')
    assertContains(response, "/pages/this-slug/")
    assertNotContains(response, "/pages//")
    page = PageFactory()
    response = client.get(f"/admin/campaign/page/{page.pk}/change/")
    assertContains(response, "/pages/this-slug/")
    assertContains(response, "View on site")


def test_an_unpublished_page_has_no_view_on_site_link(client, staff_editor):
    page = PageFactory(is_published=False)
    sign_in(client, staff_editor)
    assert client.get(page.get_absolute_url()).status_code == 404
    assertNotContains(client.get(f"/admin/campaign/page/{page.pk}/change/"), "View on site")
