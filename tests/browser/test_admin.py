"""The staff admin in a real browser: it works under the site's CSP, and the daily screens pass axe."""

import json

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from campaign.models import Page
from coalitions.models import AffiliationRequest
from listserv.models import Bulletin
from tests.browser.conftest import axe_violations, sign_in_browser
from tests.signin import current_code


def test_staff_sign_in_and_edit_a_page_without_csp_violations(site, page, django_user_model):
    chief = django_user_model.objects.create_superuser(
        "chief", "chief@rescue-restore.example.gov", "a-long-test-password-1"
    )
    app = TOTPDevice.objects.create(user=chief, name="Phone", confirmed=True)
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Log in").click()
    # The second step: a code from the authenticator app, computed from its key.
    page.get_by_label("Code").fill(current_code(app))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Staff dashboard")).to_be_visible()
    expect(page.get_by_text("Contact messages to answer")).to_be_visible()
    page.goto(site.url + "/admin/campaign/page/add/")
    page.get_by_label("Title [en]:").press_sequentially("Training calendar")
    # The admin's own script fills the slug from the title: proof that admin JavaScript runs under the CSP.
    expect(page.get_by_label("Slug:")).to_have_value("training-calendar")
    assert blocked == []


# --- Accessibility of the screens staff use every day (WCAG 2.2 AA, signed in) -------------------------------------

WCAG22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
WIDTHS = (1280, 375)


def sign_in_as(page, site, user):
    """Give the browser the session of a user signed in with both steps (tests.browser.conftest.sign_in_browser)."""
    page.context.clear_cookies()
    sign_in_browser(page, site.url, user)


def admin_violations(page, site, paths):
    """axe's WCAG 2.2 AA violations on each admin page, at a desktop and a phone width: {"width path": [...]}."""
    failures = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(site.url + path)
            assert response.ok, f"{path}: {response.status}"
            for preview in page.locator(".rr-markdown__output").all():
                expect(preview).not_to_be_empty()  # the Markdown preview has arrived
            violations = axe_violations(page, tags=WCAG22_AA)
            if violations:
                failures[f"{width} {path}"] = violations
    return failures


def test_moderators_listserv_managers_and_editors_daily_pages_pass_axe(
    site, page, staff_coalition_moderator, staff_listserv_manager, staff_editor
):
    request_object = AffiliationRequest.objects.filter(status=AffiliationRequest.Status.SUBMITTED).first()
    bulletin = Bulletin.objects.first()
    campaign_page = Page.objects.first()
    daily = {
        staff_coalition_moderator: [
            "/admin/",
            "/admin/coalitions/affiliationrequest/",
            f"/admin/coalitions/affiliationrequest/{request_object.pk}/change/",
            "/admin/coalitions/coalition/",
        ],
        staff_listserv_manager: [
            "/admin/",
            "/admin/listserv/subscriber/",
            "/admin/listserv/bulletin/",
            f"/admin/listserv/bulletin/{bulletin.pk}/change/",
            "/admin/listserv/bulletin/add/",
        ],
        staff_editor: [
            "/admin/",
            "/admin/campaign/page/",
            f"/admin/campaign/page/{campaign_page.pk}/change/",
        ],
    }
    failures = {}
    for user, paths in daily.items():
        sign_in_as(page, site, user)
        for where, found in admin_violations(page, site, paths).items():
            failures[f"{user.username} {where}"] = found
    assert failures == {}, json.dumps(failures, indent=2)


def test_the_superuser_dashboard_passes_axe_and_folds_technical_apps_away(site, page, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", "chief@rescue-restore.example.gov", "a-long-pass-1")
    sign_in_as(page, site, chief)
    assert admin_violations(page, site, ["/admin/"]) == {}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/admin/")
    expect(page.get_by_role("link", name="Task results", exact=False)).to_be_hidden()
    page.get_by_text("Technical: sent emails and background tasks").click()
    expect(page.get_by_role("link", name="Task results", exact=False).first).to_be_visible()
    # An even grid: every card in a row has the same width.
    widths = page.locator(".rr-dashboard__card").evaluate_all("cards => cards.map(card => card.offsetWidth)")
    assert len(set(widths)) == 1, widths


def test_the_markdown_preview_follows_the_editor_without_csp_violations(site, page, staff_listserv_manager):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in_as(page, site, staff_listserv_manager)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/admin/listserv/bulletin/add/")
    body = page.get_by_label("Body [en]:")
    preview = page.locator(".rr-markdown__output").first  # the English editor (each language has one)
    body.fill("## Spring training\n\nRegister **now** at [the tool kits](/materials/).")
    expect(preview.locator("h2")).to_have_text("Spring training")
    expect(preview.locator("strong")).to_have_text("now")
    # Beside the editor on a desktop ...
    editor_box, preview_box = body.bounding_box(), page.locator(".rr-markdown__preview").first.bounding_box()
    assert preview_box["x"] > editor_box["x"] + editor_box["width"] - 1
    # ... and under it on a phone.
    page.set_viewport_size({"width": 375, "height": 900})
    editor_box, preview_box = body.bounding_box(), page.locator(".rr-markdown__preview").first.bounding_box()
    assert preview_box["y"] >= editor_box["y"] + editor_box["height"] - 1
    # Topics are checkboxes: a click picks one, another adds a second, no Ctrl key needed.
    page.get_by_label("Training opportunities").check()
    page.get_by_label("Funding opportunities").check()
    expect(page.get_by_label("Training opportunities")).to_be_checked()
    assert blocked == []
