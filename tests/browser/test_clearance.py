"""Clearance in a real browser: a live page changes only after a second person previews and approves it,
and a bulletin cannot be sent to subscribers until a second person approved it."""

from playwright.sync_api import expect

from campaign.models import Page
from listserv.models import Bulletin, Topic
from tests.browser.conftest import axe_violations, sign_in_browser
from tests.browser.screens import screenshot
from tests.factories.listserv import SubscriberFactory

NEW_SENTENCE = "Ask privately whether the person can leave the job."
WCAG22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def _as(page, site, user):
    page.context.clear_cookies()
    sign_in_browser(page, site.url, user)


def _public_text(browser, url):
    """The page as an anonymous visitor reads it, in a browser context of its own (no staff session)."""
    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(url)
        return public.locator("main").inner_text()
    finally:
        visitor.close()


def test_a_live_page_changes_only_after_a_second_person_previews_and_approves_it(
    site, page, browser, staff_editor, staff_approver
):
    live = Page.objects.published().filter(section="health-care").first()
    public_url = site.url + live.get_absolute_url()
    assert NEW_SENTENCE not in _public_text(browser, public_url)

    # The editor changes the live page: the change is a draft.
    _as(page, site, staff_editor)
    page.goto(f"{site.url}/admin/campaign/page/{live.pk}/change/")
    page.get_by_role("link", name="Change the English text (as a draft)").click()
    page.get_by_role("button", name="Start the English draft").click()
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\n" + NEW_SENTENCE)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.get_by_role("link", name="Ask for review").click()
    page.get_by_role("button", name="Ask for review").click()
    expect(page.get_by_text("is now in review")).to_be_visible()
    assert NEW_SENTENCE not in _public_text(browser, public_url)

    # A reviewer, on a phone, finds it on the dashboard, previews it and approves it.
    _as(page, site, staff_approver)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.url + "/admin/")
    waiting = page.locator(".rr-waiting")
    expect(waiting).to_contain_text("Page change (English)")
    screenshot(page, "clearance dashboard waiting")
    waiting.get_by_role("link").first.click()
    preview = page.get_by_role("link", name="Preview as the public will see it")
    expect(preview).to_be_visible()  # the draft's page has come: the screenshot shows it
    screenshot(page, "clearance draft in review")
    preview.click()
    expect(page.get_by_text(NEW_SENTENCE)).to_be_visible()
    expect(page.get_by_text("Preview of a draft")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the phone layout, nothing cut off
    screenshot(page, "clearance preview")
    page.go_back()
    page.get_by_role("link", name="Compare with the public page").click()
    expect(page.locator(".rr-diff ins")).to_contain_text("Ask privately")
    page.locator(".rr-diff ins").scroll_into_view_if_needed()
    screenshot(page, "clearance compare")
    page.go_back()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("is now published")).to_be_visible()

    assert NEW_SENTENCE in _public_text(browser, public_url)

    # The record, on the phone: the page's History and its revisions fit the screen and pass axe.
    draft_url = page.url
    for path in (
        f"/admin/campaign/page/{live.pk}/history/",
        f"/admin/campaign/page/{live.pk}/revisions/",
        draft_url.removeprefix(site.url),
        draft_url.removeprefix(site.url).replace("/change/", "/compare/"),
    ):
        page.goto(site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        assert axe_violations(page, tags=WCAG22_AA) == [], path
    page.goto(f"{site.url}/admin/campaign/page/{live.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Published draft #")
    expect(page.locator("#change-history")).not_to_contain_text("None")
    screenshot(page, "clearance page history")


def test_a_bulletin_cannot_be_sent_until_a_second_person_approves_it(
    site, page, staff_listserv_manager, staff_approver
):
    topic = Topic.objects.first()
    SubscriberFactory(topics=[topic], email="reader@example.org")
    bulletin = Bulletin.objects.create(
        subject="Summer training dates",
        slug="summer-training-dates",
        body="Dates for **summer**.",
        created_by=staff_listserv_manager,
    )
    bulletin.topics.set([topic])
    bulletin.edited_by.add(staff_listserv_manager)
    change_url = f"{site.url}/admin/listserv/bulletin/{bulletin.pk}/change/"

    _as(page, site, staff_listserv_manager)
    page.goto(change_url)
    expect(page.get_by_role("link", name="Send to subscribers…")).to_have_count(0)
    page.goto(f"{site.url}/admin/listserv/bulletin/{bulletin.pk}/send/")
    expect(page.get_by_text("only a bulletin a second person approved can be sent")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, send it")).to_have_count(0)
    page.goto(change_url)
    page.get_by_role("link", name="Ask for review").click()
    page.get_by_role("button", name="Ask for review").click()
    expect(page.get_by_text("is now in review")).to_be_visible()
    expect(page.get_by_role("link", name="Send to subscribers…")).to_have_count(0)

    _as(page, site, staff_approver)
    page.goto(change_url)
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("is now approved")).to_be_visible()

    _as(page, site, staff_listserv_manager)
    page.goto(change_url)
    page.get_by_role("link", name="Send to subscribers…").click()
    page.get_by_role("button", name="Yes, send it").click()
    expect(page.get_by_text("Sending “Summer training dates”")).to_be_visible()
    bulletin.refresh_from_db()
    assert bulletin.status in (Bulletin.Status.SENDING, Bulletin.Status.SENT)


MATERIAL_SENTENCE = "Hand it out in waiting rooms and clinics."


def test_a_live_material_changes_only_after_a_second_person_approves_it(
    site, page, browser, staff_editor, staff_approver
):
    from materials.models import Material

    material = Material.objects.published().filter(editions__isnull=False).distinct().first()
    public_url = site.url + material.get_absolute_url()
    assert MATERIAL_SENTENCE not in _public_text(browser, public_url)

    _as(page, site, staff_editor)
    page.goto(f"{site.url}/admin/materials/material/{material.pk}/change/")
    page.get_by_role("link", name="Change the English text (as a draft)").click()
    page.get_by_role("button", name="Start the English draft").click()
    description = page.locator("#id_description")
    description.fill(description.input_value() + "\n\n" + MATERIAL_SENTENCE)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.get_by_role("link", name="Ask for review").click()
    page.get_by_role("button", name="Ask for review").click()
    expect(page.get_by_text("is now in review")).to_be_visible()
    assert MATERIAL_SENTENCE not in _public_text(browser, public_url)

    _as(page, site, staff_approver)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.url + "/admin/")
    waiting = page.locator(".rr-waiting")
    expect(waiting).to_contain_text("Material change (English)")
    waiting.get_by_role("link", name=material.title).click()
    # The draft's page has come (the click only starts the navigation; measured before it came, the
    # old document was gone and the new one not there: a failure under load).
    preview = page.get_by_role("link", name="Preview as the public will see it")
    expect(preview).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "clearance material draft in review", full_page=True)
    preview.click()
    expect(page.get_by_text(MATERIAL_SENTENCE)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.go_back()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("is now published")).to_be_visible()
    assert MATERIAL_SENTENCE in _public_text(browser, public_url)
