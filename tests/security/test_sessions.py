"""Staff session lifetimes, and what ends a session (issue #13, item 3), on a frozen clock."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.signin import sign_in

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Dozens of sign-ins per test: a fast hasher (the users are made after this runs)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def opens_admin(client):
    response = client.get("/admin/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    return False


def test_a_staff_session_ends_after_thirty_idle_minutes(client, superuser):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, superuser)
        assert opens_admin(client)
        clock.shift(dt.timedelta(minutes=29))
        assert opens_admin(client)  # still active: and the idle clock starts again
        clock.shift(dt.timedelta(minutes=29))
        assert opens_admin(client)
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert SESSION_KEY not in client.session


def test_a_staff_session_ends_twelve_hours_after_sign_in_however_busy(client, superuser):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, superuser)
        for _ in range(35):  # a request every 20 minutes for 11 hours 40 minutes
            clock.shift(dt.timedelta(minutes=20))
            assert opens_admin(client)
        clock.shift(dt.timedelta(minutes=19))
        assert opens_admin(client)  # 11 h 59 min
        clock.shift(dt.timedelta(minutes=2))
        assert not opens_admin(client)  # 12 h 1 min


def test_the_session_cookie_does_not_outlive_the_browser(client, superuser):
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]


def test_deactivating_a_user_ends_their_sessions(client, staff_editor):
    sign_in(client, staff_editor)
    assert opens_admin(client)
    staff_editor.is_active = False
    staff_editor.save(update_fields=["is_active"])
    assert not opens_admin(client)
    assert SESSION_KEY not in client.session
    # Reactivated, they sign in afresh: the old session does not come back.
    staff_editor.is_active = True
    staff_editor.save(update_fields=["is_active"])
    assert not opens_admin(client)


def test_the_staff_check_itself_signs_out_an_inactive_user(client, staff_editor, settings):
    # Even with a backend that lets inactive users keep a session, the middleware ends it.
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    client.force_login(staff_editor, backend="django.contrib.auth.backends.AllowAllUsersModelBackend")
    staff_editor.is_active = False
    staff_editor.save(update_fields=["is_active"])
    client.get("/admin/")
    assert SESSION_KEY not in client.session


def test_changing_the_password_ends_the_other_sessions(superuser):
    here, elsewhere = Client(), Client()
    sign_in(here, superuser)
    sign_in(elsewhere, superuser)
    assert opens_admin(elsewhere)
    new_password = "another-long-password-77"
    response = here.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert opens_admin(here)  # the session that changed it stays signed in
    assert not opens_admin(elsewhere)
    assert SESSION_KEY not in elsewhere.session


def test_the_sign_in_page_shows_the_system_use_notification(client):
    html = client.get("/admin/login/").content.decode()
    for phrase in [
        "U.S. Government information system",
        "U.S. Government-authorized use only",
        "may be monitored, recorded, and subject to audit",
        "Unauthorized use of this information system is prohibited",
        "criminal and civil penalties",
        "indicates consent to monitoring and recording",
    ]:
        assert phrase in html, phrase
    assert html.index("U.S. Government information system") < html.index('name="password"')


@pytest.mark.parametrize(
    "url", ["/", "/materials/", "/coalitions/", "/listserv/", "/search/?q=hotline", "/admin/login/"]
)
def test_public_visitors_get_no_session_cookie(client, url):
    response = client.get(url)
    assert response.status_code in (200, 301, 302)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
