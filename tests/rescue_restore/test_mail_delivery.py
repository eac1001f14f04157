"""Issue 13 item 8: provider timeouts, one stable Message-ID per message, stuck rows retried or reported."""

import json
import logging
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from rescue_restore.models import OutgoingEmail
from rescue_restore.outbox import mail

pytestmark = pytest.mark.django_db

PREFIX = "campaign/emails/contact_notification"


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    from campaign.models import ContactMessage

    message = ContactMessage.objects.create(name="Ana", email="ana@example.org", topic="other", message="Hello")

    def queue():
        with django_capture_on_commit_callbacks(execute=False):
            return mail.queue_email(PREFIX, {"message": message, "admin_url": "x"}, ["staff@example.gov"])

    return queue


def test_every_message_has_its_own_stable_message_id(queued, mailoutbox):
    first, second = queued(), queued()
    assert first.message_id.startswith("<")
    assert first.message_id.endswith("@rescue-restore.example.gov>")
    assert first.message_id != second.message_id
    assert OutgoingEmail.objects.get(pk=first.pk).message_id == first.message_id
    mail.deliver_email.call(first.pk)
    assert mailoutbox[0].extra_headers["Message-ID"] == first.message_id
    assert mailoutbox[0].message()["Message-ID"] == first.message_id


def test_a_retry_is_the_same_message(queued, mailoutbox, monkeypatch):
    email = queued()
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(OSError("slow")))
    assert mail.deliver_email.call(email.pk) == "failed"
    monkeypatch.undo()
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
    assert mail.send_due_emails() == 1
    assert [sent.extra_headers["Message-ID"] for sent in mailoutbox] == [email.message_id]


def _stick(email, seconds_ago, attempts=1):
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENDING,
        claimed_at=timezone.now() - timedelta(seconds=seconds_ago),
        attempts=attempts,
    )


def test_a_row_stuck_in_sending_is_taken_back_when_its_lease_runs_out(
    queued, mailoutbox, settings, django_capture_on_commit_callbacks
):
    email = queued()
    _stick(email, seconds_ago=settings.MAIL_LEASE_SECONDS - 5)
    assert mail.expire_leases() == {"confirmed_sent": 0, "retried": 0, "failed": 0}  # a worker may still be on it
    assert mail.send_due_emails() == 0
    _stick(email, seconds_ago=settings.MAIL_LEASE_SECONDS + 1)
    # The test backend cannot be asked what it accepted: the row is sent again, as the same message.
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.expire_leases() == {"confirmed_sent": 0, "retried": 1, "failed": 0}
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert [sent.extra_headers["Message-ID"] for sent in mailoutbox] == [email.message_id]


def test_a_row_stuck_after_its_last_attempt_is_reported_not_resent(queued, mailoutbox, caplog):
    email = queued()
    _stick(email, seconds_ago=3600, attempts=mail.MAX_ATTEMPTS)
    with caplog.at_level(logging.ERROR, logger="rescue_restore.outbox.mail"):
        assert mail.send_due_emails() == 0
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert f"Email {email.pk} got no answer after its last attempt" in caplog.text
    assert mailoutbox == []


class _SlowProvider(BaseHTTPRequestHandler):
    """A Postmark stand-in: accepts every message, answers the first one late."""

    posts = []
    delay = 3.0

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).posts.append(body)
        if len(type(self).posts) == 1:
            time.sleep(self.delay)
        answer = json.dumps({"To": "staff@example.gov", "MessageID": "pm-1", "ErrorCode": 0, "Message": "OK"})
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.encode())
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_provider(settings):
    _SlowProvider.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowProvider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MAILERS = {"default": {"BACKEND": "anymail.backends.postmark.EmailBackend"}}
    settings.ANYMAIL = {
        "POSTMARK_SERVER_TOKEN": "test-token",
        "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
        "REQUESTS_TIMEOUT": (1, 1),
    }
    yield _SlowProvider
    server.shutdown()
    server.server_close()


def test_a_provider_that_answers_late_costs_one_timeout_and_the_retry_is_the_same_message(
    queued, slow_provider, django_capture_on_commit_callbacks
):
    email = queued()
    started = time.monotonic()
    assert mail.deliver_email.call(email.pk) == "unknown"
    assert time.monotonic() - started < slow_provider.delay  # the read timeout, not the provider, decided
    email.refresh_from_db()
    # Sent, and no answer: the row keeps its claim until the lease runs out; it is not sent again meanwhile.
    assert email.status == OutgoingEmail.Status.SENDING
    assert "timed out" in email.last_error.lower() or "timeout" in email.last_error.lower()
    assert mail.expire_leases()["retried"] == 0
    _stick(email, seconds_ago=3600)
    # anymail's own Postmark backend has no search: sent again, with the same Message-ID.
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.expire_leases()["retried"] == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    ids = [{h["Name"]: h["Value"] for h in post.get("Headers", [])}.get("Message-ID") for post in slow_provider.posts]
    assert ids == [email.message_id, email.message_id]
