"""The coalition journey in a real browser: request, approval in the admin, directory and map; accessibility."""

from playwright.sync_api import expect

from coalitions.models import AffiliationRequest
from tests.browser.conftest import assert_accessible, sign_in_browser


def sign_in_as(page, site, user):
    """Give the browser the session of a user signed in (both steps) through Django's test client."""
    sign_in_browser(page, site.url, user)


def test_request_approved_in_the_admin_appears_in_the_directory_and_on_the_map(site, page, staff_coalition_moderator):
    # 1. A coalition asks to be affiliated, through the public form.
    page.goto(site.url + "/coalitions/request/")
    page.get_by_label("Affiliate our existing coalition").check()
    page.get_by_label("Community (city, county or region)").fill("Peoria")
    page.get_by_label("State or territory").select_option("IL")
    page.get_by_label("Name of the coalition").fill("Peoria Freedom Network")
    page.get_by_label("Your name").fill("Dana Whitfield")
    page.get_by_label("Your email address").fill("dana@example.org")
    page.get_by_label("Number of member organizations").fill("12")
    # USWDS draws its own boxes and hides the inputs off-screen: people click the labels.
    page.locator("label[for=id_member_sectors_3]").click()  # Churches and faith-based groups
    page.locator("label[for=id_member_sectors_1]").click()  # Law enforcement
    page.locator("label[for=id_task_force_exists_0]").click()  # Yes
    page.locator("label[for=id_covers_sex_and_labor_trafficking]").click()
    page.locator("label[for=id_consent_to_list]").click()
    # Listing needs an address to publish: the applicant's own is never shown.
    page.get_by_label("Email address to show in the directory").fill("info@peoria-network.example.org")
    expect(page.get_by_label("Churches and faith-based groups")).to_be_checked()
    expect(page.get_by_label("Law enforcement", exact=True)).to_be_checked()
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received")
    request_object = AffiliationRequest.objects.get(coalition_name="Peoria Freedom Network")
    expect(page.get_by_text(request_object.reference)).to_be_visible()

    # 2. A moderator approves it in the admin, through the decision page.
    sign_in_as(page, site, staff_coalition_moderator)
    page.goto(f"{site.url}/admin/coalitions/affiliationrequest/{request_object.pk}/change/")
    page.get_by_role("link", name="Approve").click()
    page.get_by_label("Note to the applicant").fill("Welcome to the campaign.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approve: done")).to_be_visible()

    # 3. The listing is public: in the directory and on the map (Illinois already had the statewide coalition).
    page.goto(site.url + "/coalitions/")
    expect(page.get_by_role("link", name="Peoria Freedom Network")).to_be_visible()
    tile = page.get_by_role("link", name="Illinois: 2 coalitions")
    expect(tile).to_be_visible()
    tile.click()
    expect(page.get_by_role("heading", name="2 coalitions in Illinois")).to_be_visible()
    page.get_by_role("link", name="Peoria Freedom Network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peoria Freedom Network")


def test_directory_and_map_are_accessible_and_self_contained(site, page, no_third_party_requests):
    page.goto(site.url + "/coalitions/")
    expect(page.get_by_role("link", name="Texas: 1 coalition")).to_be_visible()
    expect(page.get_by_role("link", name="Puerto Rico: 0 coalitions")).to_be_visible()
    assert_accessible(page)
    # Keyboard users reach the map's tiles.
    page.get_by_role("link", name="Alaska: 0 coalitions").focus()
    expect(page.get_by_role("link", name="Alaska: 0 coalitions")).to_be_focused()


def test_detail_page_is_accessible_and_flags_out_of_date_information(site, page, no_third_party_requests):
    page.goto(site.url + "/coalitions/phoenix-rescue-restore-coalition/")
    expect(page.get_by_text("Information may be out of date.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert_accessible(page)


def test_request_form_with_errors_is_accessible(site, page, no_third_party_requests):
    page.goto(site.url + "/coalitions/request/")
    assert_accessible(page)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)
