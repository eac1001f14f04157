"""The staff admin in a real browser: it works under the site's CSP."""

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

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
    page.get_by_label("Title:").press_sequentially("Training calendar")
    # The admin's own script fills the slug from the title: proof that admin JavaScript runs under the CSP.
    expect(page.get_by_label("Slug:")).to_have_value("training-calendar")
    assert blocked == []
