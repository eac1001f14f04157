"""Ordering printed materials in a real browser: two items end to end, accessible at every step."""

import re

import pytest
from playwright.sync_api import expect

from materials.models import Order
from tests.browser.conftest import assert_accessible


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Demo covers are drawn into a temporary folder, not var/media (autouse: before `site` seeds)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_catalog_and_detail_are_accessible_and_filter_without_javascript(site, page, no_third_party_requests):
    page.goto(site.url + "/materials/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Free materials")
    cover = page.locator(".usa-card__img img").first
    expect(cover).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", cover.element_handle()) > 0
    assert_accessible(page)

    page.get_by_role("link", name="Law enforcement", exact=True).click()
    expect(page).to_have_url(re.compile(r"audience=law-enforcement"))
    expect(page.get_by_role("link", name="Pocket card for law enforcement")).to_be_visible()
    expect(page.get_by_role("link", name="Look Beneath the Surface brochure")).to_have_count(0)

    page.get_by_role("link", name="Pocket card for law enforcement").click()
    expect(page.get_by_text("Publication Date")).to_be_visible()
    assert_accessible(page)


def test_order_two_items_end_to_end(site, page, no_third_party_requests):
    page.goto(site.url + "/materials/look-beneath-the-surface-brochure/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Order print copies\W+Spanish$")).click()

    # Submitted with only the quantities: errors are listed and tied to their fields.
    expect(page.get_by_label("Look Beneath the Surface brochure, Spanish")).to_have_value("1")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("Look Beneath the Surface brochure, Spanish").fill("25")
    page.get_by_label("Hotline clue card, English").fill("40")
    page.get_by_label("Your name").fill("Ana Reyes")
    page.get_by_label("Organization name").fill("Kent County Free Clinic")
    page.get_by_text("Health care", exact=True).check()
    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Phone number").fill("302-555-0123")
    page.get_by_label("Street address", exact=True).fill("1 Clinic Way")
    page.get_by_label("City, town, or military post office").fill("Dover")
    page.get_by_label("State, territory, or military region").select_option("DE")
    page.get_by_label("ZIP code").fill("19901")
    page.get_by_label("How will you use these materials?").fill("Waiting room and staff training.")
    form_fields = page.evaluate("() => Object.fromEntries(new FormData(document.querySelector('main form')))")
    page.get_by_role("button", name="Place order").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is received")
    expect(page.get_by_text(re.compile(r"RR-\d{4}-\d{6}")).first).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="RR-LBS-BRO-ES")).to_contain_text("25")
    expect(rows.filter(has_text="RR-CLUE-EN")).to_contain_text("40")
    assert_accessible(page)

    # The same form sent again (a double click, a retry after a timeout): the same order, not a second one.
    again = page.request.post(site.url + "/materials/order/", form=form_fields, headers={"Referer": site.url})
    assert again.ok
    assert again.url == page.url
    assert Order.objects.exclude(reference__startswith="RR-DEMO-").count() == 1  # seed_demo adds demo orders
