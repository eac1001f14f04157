"""The outbox: stored first, delivered after commit, retried on failure, never sent twice."""

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from rescue_restore.models import OutgoingEmail
from rescue_restore.outbox import mail

pytestmark = pytest.mark.django_db

PREFIX = "campaign/emails/contact_notification"


@pytest.fixture
def contact_message():
    from campaign.models import ContactMessage

    return ContactMessage.objects.create(name="Ana", email="ana@example.org", topic="other", message="Hello")


def test_rolled_back_transaction_sends_nothing(contact_message, mailoutbox, django_capture_on_commit_callbacks):
    def failing_change():
        with transaction.atomic():
            mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])
            raise RuntimeError("the order failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_change()
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_delivering_twice_sends_once(contact_message, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])
    assert mail.deliver_email.call(email.pk) == "sent"
    assert mail.deliver_email.call(email.pk) == "skipped"
    assert len(mailoutbox) == 1


def test_failure_is_recorded_and_retried_later(
    contact_message, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])

    def refuse(self, messages):
        raise ConnectionError("provider unavailable")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    assert mail.deliver_email.call(email.pk) == "failed"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1
    assert "provider unavailable" in email.last_error
    assert email.next_attempt_at is not None
    # Not due yet: nothing is tried.
    assert mail.send_due_emails() == 0
    monkeypatch.undo()
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
    assert mail.send_due_emails() == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mailoutbox) == 1


def test_gives_up_after_the_last_attempt(contact_message, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(OSError("down")))
    for _ in range(mail.MAX_ATTEMPTS):
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
        mail.deliver_email.call(email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == mail.MAX_ATTEMPTS


def test_a_row_left_sending_by_a_crashed_worker_is_not_resent(
    contact_message, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING)
    assert mail.send_due_emails() == 0
    assert mail.deliver_email.call(email.pk) == "skipped"
    assert mailoutbox == []


def test_subject_is_one_line_even_if_the_template_breaks_it(contact_message):
    subject, _text, _html = mail.render_email(PREFIX, {"message": contact_message})
    assert "\n" not in subject


def test_a_long_subject_is_cut_to_fit_and_the_email_is_stored():
    from campaign.models import ContactMessage

    # Unsaved, so the name may be longer than its own column allows.
    message = ContactMessage(name="N" * 400, email="ana@example.org", topic="other", message="Hello")
    email = mail.queue_email(PREFIX, {"message": message, "admin_url": "x"}, ["staff@example.gov"])
    email.refresh_from_db()
    assert len(email.subject) == OutgoingEmail._meta.get_field("subject").max_length
    assert email.subject.startswith("Contact form:")
    assert email.subject.endswith("…")


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "bulletins"]}}


def _queue(contact_message):
    return mail.queue_email(PREFIX, {"message": contact_message, "admin_url": "x"}, ["staff@example.gov"])


def test_with_database_tasks_the_delivery_task_is_written_with_the_email_in_one_transaction(settings, contact_message):
    """One commit per request, not one more per email; a worker can never see the task without its email."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        email = _queue(contact_message)
        (task,) = DBTaskResult.objects.all()  # already there, before the commit
        assert task.task_path == "rescue_restore.outbox.mail.deliver_email"
        assert task.args_kwargs["args"] == [email.pk]


def test_with_database_tasks_a_rolled_back_request_leaves_neither_email_nor_task(settings, contact_message):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS

    class RefusedError(Exception):
        pass

    def request_that_fails():
        with transaction.atomic():
            _queue(contact_message)
            raise RefusedError

    with pytest.raises(RefusedError):
        request_that_fails()
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_with_immediate_tasks_delivery_waits_for_the_commit(
    contact_message, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _queue(contact_message)
    assert mailoutbox == []  # nothing sent before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
