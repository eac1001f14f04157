"""Issue 20 item 1: strangers cannot lock staff out.

Before: five wrong passwords for a username, from any address, locked that
username everywhere for 30 minutes. Now the lock is on the username *at that
address*; by username alone sign-in only slows down, and past a generous
ceiling the division is alerted instead. The session id rotates again after
the second factor.
"""

import logging
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from rescue_restore.accounts import lockout
from rescue_restore.models import OutgoingEmail
from tests.signin import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _start_of_a_window():
    """Counts live in fixed 15-minute windows: start each test just after one opens, so none crosses into the next."""
    with time_machine.travel(datetime(2026, 12, 4, 12, 0, 1, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def pauses(monkeypatch):
    """What the username slowdown would have waited, without waiting (no timing in tests)."""
    recorded = []
    monkeypatch.setattr(lockout, "pause", recorded.append)
    return recorded


def attempt(client, username, password, address):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_twenty_wrong_passwords_from_one_address_then_the_right_one_from_another_reaches_the_second_factor(
    superuser, pauses
):
    TOTPDevice.objects.create(user=superuser, name="Phone", confirmed=True)
    attacker = Client()
    answers = [attempt(attacker, "admin", f"guess-{n}", "198.51.100.66").status_code for n in range(20)]
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}  # locked at that address
    real = Client()
    response = attempt(real, "admin", PASSWORD, "203.0.113.10")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert real.get(reverse("accounts:verify")).status_code == 200
    # The attacker's address is still locked for that username.
    assert attempt(attacker, "admin", PASSWORD, "198.51.100.66").status_code == 429


def test_many_addresses_cannot_lock_the_username_either(superuser, pauses, settings):
    for number in range(30):
        guesser = Client()
        for _ in range(5):
            attempt(guesser, "admin", "wrong", f"198.51.100.{number + 1}")
    response = attempt(Client(), "admin", PASSWORD, "203.0.113.11")
    assert response.status_code == 302
    # It was slowed, not refused: the pause grew with the failures, up to the maximum.
    assert pauses
    assert pauses == sorted(pauses)
    assert max(pauses) == settings.STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS


def test_the_slowdown_starts_after_the_threshold_and_has_a_ceiling(settings):
    settings.STAFF_SIGN_IN_SLOWDOWN_AFTER = 10
    settings.STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS = 2
    assert lockout.slowdown_seconds(0) == 0
    assert lockout.slowdown_seconds(9) == 0
    assert lockout.slowdown_seconds(10) > 0
    assert lockout.slowdown_seconds(15) > lockout.slowdown_seconds(10)
    assert lockout.slowdown_seconds(10_000) == 2


def test_the_username_ceiling_alerts_the_division_once_and_locks_nothing(superuser, pauses, settings, caplog):
    settings.STAFF_SIGN_IN_USERNAME_CEILING = "12/d"
    settings.STAFF_NOTIFY_EMAILS = ["division@rescue-restore.example.gov"]
    caplog.set_level(logging.INFO, logger="rescue_restore.security")
    for number in range(20):
        attempt(Client(), "admin", "wrong", f"198.51.100.{number + 1}")
    alerts = OutgoingEmail.objects.filter(purpose="accounts/emails/sign_in_ceiling")
    assert alerts.count() == 1
    alert = alerts.get()
    assert alert.recipients == ["division@rescue-restore.example.gov"]
    assert "admin" in alert.subject
    assert "13 wrong passwords" in alert.body_text
    assert "/admin/axes/accessattempt/" in alert.body_text
    assert "Nothing was locked" in alert.body_html
    events = [r.getMessage() for r in caplog.records if "username-ceiling" in r.getMessage()]
    assert len(events) == 1
    assert attempt(Client(), "admin", PASSWORD, "203.0.113.12").status_code == 302


def test_the_alert_for_a_username_nobody_has_does_not_repeat_what_was_typed(db, pauses, settings):
    settings.STAFF_SIGN_IN_USERNAME_CEILING = "3/d"
    typed = "someone.private@example.org"
    for number in range(5):
        attempt(Client(), typed, "wrong", f"198.51.100.{number + 1}")
    alert = OutgoingEmail.objects.get(purpose="accounts/emails/sign_in_ceiling")
    assert "no account" in alert.subject
    assert typed not in alert.subject + alert.body_text + alert.body_html


def test_each_lock_is_a_security_event(superuser, caplog):
    caplog.set_level(logging.INFO, logger="rescue_restore.security")
    for _ in range(5):
        attempt(Client(), "admin", "wrong", "198.51.100.70")
    assert any("sign-in locked-out" in record.getMessage() for record in caplog.records)


def test_the_session_id_rotates_after_the_second_factor(client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="Phone", confirmed=True)
    before_password = client.get("/admin/login/").wsgi_request.session.session_key
    attempt(client, "admin", PASSWORD, "203.0.113.13")
    after_password = client.session.session_key
    assert SESSION_KEY in client.session
    assert after_password != before_password
    csrf_after_password = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "/admin/"})
    assert response.status_code == 302
    after_factor = client.session.session_key
    assert after_factor != after_password
    assert client.cookies["csrftoken"].value != csrf_after_password
    # The old id is gone from the store: a copy of it opens nothing.
    stolen = Client()
    stolen.cookies["sessionid"] = after_password
    assert stolen.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_rotates_the_session_too(client, superuser):
    from rescue_restore.accounts import services

    codes = services.new_recovery_codes(superuser)
    attempt(client, "admin", PASSWORD, "203.0.113.14")
    after_password = client.session.session_key
    client.post(reverse("accounts:verify"), {"code": codes[0], "next": "/admin/"})
    assert client.session.session_key != after_password
    assert SESSION_KEY in client.session
