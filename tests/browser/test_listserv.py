"""Email updates in a real browser: sign up, confirm from the emailed link, change topics, unsubscribe."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def _toggle(page, label):
    # USWDS draws the box on the label and hides the input itself off-screen, as people click the label.
    page.locator("label", has_text=label).click()


def _path(email, prefix):
    return re.search(r"https://rescue-restore\.example\.gov(" + re.escape(prefix) + r"\S+)", email.body).group(1)


def test_sign_up_confirm_change_topics_and_unsubscribe(site, page, mailoutbox, no_third_party_requests):
    page.goto(site.url + "/listserv/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get email updates")
    assert_accessible(page)

    # A mistake first: the error summary must be accessible too.
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("ana@example.org")
    _toggle(page, "Training opportunities")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    [email] = mailoutbox
    page.goto(site.url + _path(email, "/listserv/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my subscription").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your email update preferences")
    expect(page.get_by_text("Your subscription is confirmed")).to_be_visible()
    assert_accessible(page)
    _toggle(page, "Funding opportunities")
    _toggle(page, "Training opportunities")
    page.get_by_role("button", name="Save topics").click()
    expect(page.get_by_text("Your topics are saved")).to_be_visible()
    expect(page.get_by_label("Funding opportunities")).to_be_checked()
    expect(page.get_by_label("Training opportunities")).not_to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert_accessible(page)


def test_archive_is_accessible(site, page, no_third_party_requests):
    page.goto(site.url + "/listserv/archive/")
    page.get_by_role("link", name="Demo: Spring webinars for health care providers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demo: Spring webinars for health care providers")
    assert_accessible(page)
