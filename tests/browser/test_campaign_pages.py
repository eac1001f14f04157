"""The campaign pages in a real browser: accessible, self-contained, quick exit works."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_home_page_is_accessible_and_self_contained(site, page, no_third_party_requests):
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Look beneath the surface")
    expect(page.locator('a[href="tel:+18883737888"]').first).to_be_visible()
    assert_accessible(page)


def test_content_page_is_accessible_and_shows_both_dates(site, page, no_third_party_requests):
    page.goto(site.url + "/pages/recognizing-the-signs/")
    expect(page.get_by_text("Publication Date")).to_be_visible()
    expect(page.get_by_text("Last Reviewed Date")).to_be_visible()
    assert_accessible(page)


def test_contact_form_errors_are_accessible(site, page, no_third_party_requests):
    page.goto(site.url + "/contact/")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert_accessible(page)


def test_quick_exit_replaces_the_page_and_leaves_no_history(site, page):
    # Point the quick exit at a page of the live server, so the test needs no network.
    page.route(
        "https://www.weather.gov/", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    page.goto(site.url + "/")
    page.goto(site.url + "/pages/recognizing-the-signs/")
    page.get_by_role("link", name="Emergency Exit this page").click()
    page.wait_for_url("https://www.weather.gov/")
    page.go_back()
    # Back from the neutral site goes to whatever was open before this site, not to any page of it.
    assert not page.url.startswith(site.url), page.url


def test_quick_exit_works_from_the_keyboard(site, page):
    page.route(
        "https://www.weather.gov/", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    page.goto(site.url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # quick exit is next in the tab order
    expect(page.get_by_role("link", name="Emergency Exit this page")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("https://www.weather.gov/")
