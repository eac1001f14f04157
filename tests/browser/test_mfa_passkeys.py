"""Passkeys in a real browser: enrol one at first sign-in, then sign in with it (issue #13, item 1).

Chromium's virtual authenticator (DevTools protocol: WebAuthn.enable,
WebAuthn.addVirtualAuthenticator) stands in for a platform authenticator; the
ceremonies run through django-otp-webauthn's own views and scripts, served
from the site's static files under its CSP.
"""

import pytest
from playwright.sync_api import expect

from rescue_restore.accounts import services

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


@pytest.fixture
def passkey_site(live_server, transactional_db, settings):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_enrol_a_passkey_at_first_sign_in_then_sign_in_with_it(passkey_site, page, authenticator, django_user_model):
    cdp, authenticator_id = authenticator
    chief = django_user_model.objects.create_superuser("chief", "chief@rescue-restore.example.gov", PASSWORD)
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    sign_in_with_password(page, passkey_site.url)
    expect(page.get_by_role("heading", name="Set up a second factor")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    # The passkey is made; the page moves on to the person's factors, where recovery codes are offered.
    expect(page.get_by_role("heading", name="Your sign-in factors")).to_be_visible()
    expect(page.get_by_text("You have no recovery codes.")).to_be_visible()
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1
    assert [factor.kind for factor in services.factors_of(chief)] == ["passkey"]

    page.get_by_role("button", name="Log out").click()

    sign_in_with_password(page, passkey_site.url)
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.goto(passkey_site.url + "/admin/campaign/page/")  # still refused: back to verification
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_role("button", name="Use my passkey").click()
    expect(page.get_by_role("heading", name="Select page to change")).to_be_visible()
    page.goto(passkey_site.url + "/admin/")
    expect(page.get_by_role("heading", name="Staff dashboard")).to_be_visible()
    assert blocked == []
