"""Forming a new coalition asks only what forming one needs, in a real browser at phone width."""

import pytest
from playwright.sync_api import expect

from coalitions.models import AffiliationRequest


@pytest.mark.parametrize("width", [375])
def test_choosing_to_form_a_coalition_hides_the_questions_about_an_existing_one(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + "/coalitions/request/")
    existing, new = page.locator(".rr-request-form__existing"), page.locator(".rr-request-form__new")
    expect(existing).to_be_visible()  # the default: affiliate an existing coalition
    expect(new).to_be_hidden()

    page.locator("label[for=id_kind_1]").click()  # Form a new coalition
    expect(existing).to_be_hidden()
    expect(page.get_by_label("Number of member organizations")).to_be_hidden()
    expect(new).to_be_visible()

    page.get_by_label("Community (city, county or region)").fill("Boise")
    page.get_by_label("State or territory").select_option("ID")
    page.get_by_label("Your name").fill("Lee Park")
    page.get_by_label("Your email address").fill("lee@example.org")
    page.get_by_label("Organizations interested so far").fill("County health department\nLegal aid clinic")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received")
    stored = AffiliationRequest.objects.get(email="lee@example.org")
    assert (stored.kind, stored.member_count, stored.task_force_exists) == ("form-new", 0, "")
