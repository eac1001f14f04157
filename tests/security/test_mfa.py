"""Multi-factor sign-in for staff: a password alone opens no admin page (issue #13, item 1).

Codes are computed from the device's own key (django_otp.oath.totp) and go
through the real verification views; passkeys are tested in a browser with a
virtual authenticator (tests/browser/test_mfa_passkeys.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rescue_restore.accounts import services
from tests.signin import current_code, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Dozens of sign-ins per test: a fast hasher (the users are made after this runs)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ADMIN_PAGES = [
    "/admin/",
    "/admin/auth/user/",
    "/admin/materials/order/",
    "/admin/campaign/page/",
    "/admin/axes/accessattempt/",
    "/admin/password_change/",
]


def password_step(client, username, password=PASSWORD, next_url="/admin/"):
    return client.post(f"/admin/login/?next={next_url}", {"username": username, "password": password})


def app_device(user, name="My phone"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def test_a_password_alone_opens_no_admin_page(client, superuser):
    response = password_step(client, "admin")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    for url in ADMIN_PAGES:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(reverse("accounts:enrol")), url


def test_a_signed_in_unverified_user_reaches_only_verification_pages(client, superuser):
    app_device(superuser)
    password_step(client, "admin")
    for url in [*ADMIN_PAGES, "/", "/materials/", reverse("accounts:factors"), reverse("accounts:enrol")]:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(reverse("accounts:verify")), url
    assert client.get(reverse("accounts:verify")).status_code == 200
    # Recovery codes and factor removal need a verified session too.
    assert client.post(reverse("accounts:recovery_codes"))["Location"].startswith(reverse("accounts:verify"))
    removal = client.post(reverse("accounts:remove_factor"), {"kind": "app", "pk": superuser.totpdevice_set.get().pk})
    assert removal.status_code == 302
    assert TOTPDevice.objects.filter(user=superuser).exists()
    # Signing out works at this step too.
    assert client.post(reverse("accounts:sign_out"))["Location"] == reverse("admin:login")
    assert client.get(reverse("accounts:verify"))["Location"].startswith(reverse("admin:login"))


def test_first_sign_in_enrols_an_authenticator_app_and_shows_recovery_codes(client, staff_editor):
    password_step(client, "editor")
    enrol = client.get(reverse("accounts:enrol"))
    assert enrol.status_code == 200
    assert "Add a passkey" in enrol.content.decode()
    page = client.get(reverse("accounts:enrol_app"))
    assert page.status_code == 200
    pending = TOTPDevice.objects.get(user=staff_editor, confirmed=False)
    assert services.authenticator_app_key(pending).replace(" ", "") in page.content.decode().replace(" ", "")
    assert 'src="data:image/svg+xml' in page.content.decode()

    wrong = client.post(reverse("accounts:enrol_app"), {"code": "000000" if current_code(pending) != "000000" else "1"})
    assert wrong.status_code == 400
    assert client.get("/admin/").status_code == 302

    pending.refresh_from_db()
    pending.throttle_reset()  # the wrong code made the next try wait a second
    done = client.post(reverse("accounts:enrol_app"), {"code": current_code(pending)})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    codes = done.context["codes"]
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert TOTPDevice.objects.get(user=staff_editor).confirmed
    assert client.get("/admin/").status_code == 200


def test_a_second_sign_in_asks_for_a_code_and_refuses_a_wrong_one(client, superuser):
    device = app_device(superuser)
    response = password_step(client, "admin", next_url="/admin/auth/user/")
    assert response["Location"] == reverse("accounts:verify") + "?next=%2Fadmin%2Fauth%2Fuser%2F"
    wrong = client.post(reverse("accounts:verify"), {"code": "12345x", "next": "/admin/auth/user/"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code doubled the wait before the next try
    right = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "/admin/auth/user/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200


def test_verification_never_redirects_to_another_site(client, superuser):
    device = app_device(superuser)
    password_step(client, "admin")
    right = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "https://evil.example/"})
    assert right["Location"] == "/admin/"


def test_a_wrong_code_cannot_be_retried_at_once(client, superuser):
    device = app_device(superuser)
    password_step(client, "admin")
    client.post(reverse("accounts:verify"), {"code": "999999" if current_code(device) != "999999" else "1"})
    # django-otp's throttle: after a failure even the right code waits.
    assert client.post(reverse("accounts:verify"), {"code": current_code(device)}).status_code == 400


def test_a_recovery_code_signs_in_once(client, superuser):
    app_device(superuser)
    [code, *_rest] = services.new_recovery_codes(superuser)
    password_step(client, "admin")
    assert client.post(reverse("accounts:verify"), {"code": code.upper()})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")  # verified: the admin's own sign-out
    assert client.get("/admin/").status_code == 302

    password_step(client, "admin")
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 400
    assert client.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=superuser).count() == 9


def test_someone_with_a_factor_cannot_add_another_before_verifying(client, superuser):
    app_device(superuser)
    password_step(client, "admin")
    assert client.get(reverse("accounts:enrol_app"))["Location"].startswith(reverse("accounts:verify"))
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=False).exists()
    # The passkey ceremony refuses too (django-otp-webauthn: verify with an existing factor first).
    begin = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert begin.status_code == 403


def test_people_list_and_remove_their_own_factors_but_not_the_last(client, superuser):
    test_app = sign_in(client, superuser)
    phone = app_device(superuser)
    services.new_recovery_codes(superuser)
    page = client.get(reverse("accounts:factors"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "My phone" in html
    assert "Test authenticator app" in html
    assert "Recovery codes (10 left)" in html

    assert client.post(reverse("accounts:remove_factor"), {"kind": "app", "pk": phone.pk}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=phone.pk).exists()

    refused = client.post(reverse("accounts:remove_factor"), {"kind": "app", "pk": test_app.pk}, follow=True)
    assert "This is your last passkey or authenticator app" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=test_app.pk).exists()

    recovery = StaticDevice.objects.get(user=superuser)
    assert client.post(reverse("accounts:remove_factor"), {"kind": "recovery", "pk": recovery.pk}).status_code == 302
    assert not StaticDevice.objects.filter(user=superuser).exists()


def test_nobody_removes_another_persons_factor(client, superuser, staff_editor):
    sign_in(client, superuser)
    app_device(superuser)
    theirs = app_device(staff_editor)
    app_device(staff_editor, name="Second")
    client.post(reverse("accounts:remove_factor"), {"kind": "app", "pk": theirs.pk})
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()
    for junk in [
        {"kind": "app", "pk": "x"},
        {"kind": "nope", "pk": "1"},
        {"kind": "app", "pk": "99999999999999999999"},
    ]:
        assert client.post(reverse("accounts:remove_factor"), junk).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, superuser):
    sign_in(client, superuser)
    old = services.new_recovery_codes(superuser)
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 200
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    assert set(StaticToken.objects.filter(device__user=superuser).values_list("token", flat=True)) == set(new)


def test_a_superuser_resets_another_persons_factors_in_the_admin(client, superuser, staff_editor):
    from django.test import Client

    editor_client = Client()
    sign_in(editor_client, staff_editor)
    services.new_recovery_codes(staff_editor)
    assert editor_client.get("/admin/").status_code == 200

    sign_in(client, superuser)
    change = client.get(f"/admin/auth/user/{staff_editor.pk}/change/")
    assert "Test authenticator app" in change.content.decode()
    response = client.post(
        "/admin/auth/user/", {"action": "reset_sign_in_factors", "_selected_action": [staff_editor.pk]}
    )
    assert response.status_code == 302
    assert services.factors_of(staff_editor) == []
    # The editor's session was verified by a factor that no longer exists: back to enrolment.
    again = editor_client.get("/admin/")
    assert again.status_code == 302
    assert again["Location"].startswith(reverse("accounts:enrol"))


def test_only_superusers_are_offered_the_reset(rf, superuser, django_user_model):
    from django.contrib import admin

    user_admin = admin.site._registry[get_user_model()]
    request = rf.get("/admin/auth/user/")
    request.user = superuser
    assert "reset_sign_in_factors" in user_admin.get_actions(request)
    manager = django_user_model.objects.create_user("manager", password=PASSWORD, is_staff=True)
    from django.contrib.auth.models import Permission

    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    manager = django_user_model.objects.get(pk=manager.pk)
    request.user = manager
    assert "reset_sign_in_factors" not in user_admin.get_actions(request)


def test_hostile_codes_never_give_a_500(client, superuser):
    app_device(superuser)
    password_step(client, "admin")
    for code in ["\x00", "", " " * 40, "é" * 10, "1" * 500, "' OR 1=1 --"]:
        assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 400


def test_passkey_endpoints_answer_hostile_input_with_a_4xx(client, superuser):
    ceremony = [
        reverse("otp_webauthn:credential-registration-begin"),
        reverse("otp_webauthn:credential-registration-complete"),
        reverse("otp_webauthn:credential-authentication-begin"),
        reverse("otp_webauthn:credential-authentication-complete"),
    ]
    bodies = [b"{", b"[]", b'{"id": "\\u0000"}', b"\xff\xfe", b'{"response": {"clientDataJSON": 5}}']
    for url in ceremony:  # anonymous: passwordless sign-in is off, registration needs a session
        assert 400 <= client.post(url, "{}", content_type="application/json").status_code < 500, url
    password_step(client, "admin")
    for url in ceremony:
        for body in bodies:
            status = client.post(url, body, content_type="application/json")
            assert status.status_code < 500, (url, body)
