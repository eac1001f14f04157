"""An error a process logs reaches a person: one email per kind of error per hour, through the outbox."""

import logging

import pytest
from django.core.cache import cache

from rescue_restore.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts_on(settings):
    settings.ERROR_ALERT_EMAILS = ["web-operations@example.gov"]
    cache.clear()
    yield
    cache.clear()


def fail(logger_name, error):
    try:
        raise error
    except type(error):
        logging.getLogger(logger_name).exception("Internal Server Error: /materials/order/")


def alert_emails():
    return list(OutgoingEmail.objects.filter(purpose="emails/error_alert").order_by("pk"))


def test_an_error_is_emailed_through_the_outbox_with_its_traceback(alerts_on):
    fail("django.request", ZeroDivisionError("division by zero"))
    [email] = alert_emails()
    assert email.recipients == ["web-operations@example.gov"]
    assert "Site error (django.request)" in email.subject
    assert "ZeroDivisionError: division by zero" in email.body_text
    assert "Traceback" in email.body_text
    assert "Request id" in email.body_text
    assert "When (UTC)" in email.body_text


def test_the_same_error_again_is_not_emailed_again_within_the_hour_but_another_is(alerts_on):
    fail("django.request", ZeroDivisionError("division by zero"))
    fail("django.request", ZeroDivisionError("division by zero"))
    assert len(alert_emails()) == 1
    fail("django.tasks", KeyError("order"))
    assert len(alert_emails()) == 2


def test_a_request_gives_its_id_to_the_alert(alerts_on):
    from rescue_restore.web.requestlog import _current_request_id

    token = _current_request_id.set("req-0123456789abcdef")
    try:
        fail("django.request", RuntimeError("boom"))
    finally:
        _current_request_id.reset(token)
    assert "req-0123456789abcdef" in alert_emails()[0].body_text


def test_security_noise_warnings_and_an_unset_address_send_nothing(alerts_on, settings):
    logging.getLogger("django.security.DisallowedHost").error("Invalid HTTP_HOST header: 'scanner'")
    logging.getLogger("django.request").warning("Not Found: /wp-login.php")
    assert alert_emails() == []
    settings.ERROR_ALERT_EMAILS = []
    fail("django.request", RuntimeError("boom"))
    assert alert_emails() == []


def test_a_cache_outage_while_alerting_never_breaks_the_caller(alerts_on, monkeypatch, capsys):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "add", down)
    fail("django.request", RuntimeError("boom"))
    assert alert_emails() == []
    assert "error alert not queued: ConnectionError" in capsys.readouterr().err
