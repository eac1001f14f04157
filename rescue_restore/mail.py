"""Send email through the outbox: store, deliver from a task, retry, never twice.

``queue_email`` renders one message from three templates (subject, text,
HTML), stores it as an ``OutgoingEmail`` and enqueues ``deliver_email``.
With the database task backend (production) the task row is written in the
same transaction as the email: both exist or neither, and the request pays
for one commit, not one more per email. A backend that runs or hands off the
task at once (the immediate one in development and tests) is called once the
transaction commits. Nothing is sent inside a request.

Every message is delivered by its own task, so one slow send holds one
worker for at most the provider timeouts (``ANYMAIL["REQUESTS_TIMEOUT"]`` in
settings), never the whole queue.

Delivery claims a row by moving it from PENDING to SENDING (stamping
``claimed_at``) in its own small transaction before talking to the provider,
so two workers can never send the same row at once. A failure puts the row
back to PENDING with a later ``next_attempt_at`` (up to ``MAX_ATTEMPTS``);
``manage.py send_pending_mail`` enqueues rows that are due.

Every row carries one ``Message-ID``, sent on every attempt: a provider that
accepted a message but answered too late gets the same message again on the
retry, which mail systems recognise as one. That makes a row stuck in SENDING
(its worker crashed or hung) safe to retry: once its claim is older than
``CLAIM_TIMEOUT`` the sweeper puts it back to PENDING, or after the last
attempt marks it FAILED and logs an error for a person to look at.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone

from rescue_restore.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Far longer than the provider's connect + read timeouts: a claim this old belongs to a dead worker.
CLAIM_TIMEOUT = timedelta(minutes=15)
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]


def render_email(template_prefix, context):
    """Render ``<prefix>_subject.txt``, ``_body.txt`` and ``_body.html``.

    The subject is joined onto one line: a newline in a subject would be a
    header injection, and Django refuses it. It is cut to fit the outbox
    column: a subject that names many things must not make the insert (and
    with it the caller's transaction, an order say) fail.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    limit = OutgoingEmail._meta.get_field("subject").max_length
    if len(subject) > limit:
        subject = subject[: limit - 1].rstrip() + "…"
    text = render_to_string(f"{template_prefix}_body.txt", context)
    html = render_to_string(f"{template_prefix}_body.html", context)
    return subject, text, html


def queue_email(template_prefix, context, recipients, *, headers=None, reply_to=None):
    """Store one email and deliver it after the current transaction commits.

    Returns the stored ``OutgoingEmail``. If the transaction rolls back, the
    row disappears with it and nothing is sent.
    """
    subject, text, html = render_email(template_prefix, context)
    email = OutgoingEmail.objects.create(
        purpose=template_prefix,
        recipients=list(recipients),
        subject=subject,
        body_text=text,
        body_html=html,
        headers=headers or {},
        reply_to=list(reply_to or []),
    )
    enqueue_with_transaction(deliver_email, email.pk)
    return email


def enqueue_with_transaction(task_to_run, *args):
    """Enqueue ``task_to_run(*args)`` so that it runs only if the current transaction commits.

    With the database task backend the task's row is written in this
    transaction (a transactional outbox: the worker sees it at the commit, a
    rollback removes it, and no extra commit is paid). Any other backend is
    handed the task once the transaction commits.
    """
    if _tasks_are_rows_in_this_database(task_to_run):
        task_to_run.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_to_run.enqueue(*args))


def _tasks_are_rows_in_this_database(task_to_run):
    from django_tasks_db import DatabaseBackend

    return isinstance(task_to_run.get_backend(), DatabaseBackend)


def build_message(email):
    """The ``EmailMultiAlternatives`` for a stored row (not sent)."""
    headers = {**email.headers}
    if email.message_id:
        headers["Message-ID"] = email.message_id
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.recipients,
        headers=headers,
        reply_to=email.reply_to,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _claim(email_id):
    """Move a due row from PENDING to SENDING; False if someone else has it."""
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .update(status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    )
    return claimed == 1


def _provider_message_id(message):
    status = getattr(message, "anymail_status", None)
    return (getattr(status, "message_id", None) or "") if status else ""


@task(queue_name="mail")
def deliver_email(email_id):
    """Send one stored email if it is still waiting; safe to run twice."""
    if not _claim(email_id):
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    message = build_message(email)
    try:
        message.send()
    except Exception as error:  # any provider or network failure: record and retry
        return _record_failure(email, error)
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.provider_message_id = str(_provider_message_id(message))[:200]
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "provider_message_id", "last_error"])
    return "sent"


def _record_failure(email, error):
    logger.warning("Sending email %s failed (attempt %s): %s", email.pk, email.attempts, error)
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
        email.next_attempt_at = None
    else:
        email.status = OutgoingEmail.Status.PENDING
        email.next_attempt_at = timezone.now() + RETRY_DELAYS[min(email.attempts, len(RETRY_DELAYS)) - 1]
    email.save(update_fields=["status", "next_attempt_at", "last_error"])
    if email.status == OutgoingEmail.Status.PENDING and default_task_backend.supports_defer:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    return "failed"


def release_stuck_emails(now=None):
    """Rows SENDING longer than ``CLAIM_TIMEOUT``: back to PENDING, or FAILED after the last attempt.

    Each row moves with one conditional UPDATE, so two sweepers cannot both
    release it. Returns ``(retried, failed)``.
    """
    now = now or timezone.now()
    stuck = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    note = "Stuck in sending (the worker stopped); retried as the same message."
    failed_ids = list(stuck.filter(attempts__gte=MAX_ATTEMPTS).values_list("pk", flat=True))
    failed = stuck.filter(pk__in=failed_ids).update(
        status=OutgoingEmail.Status.FAILED, next_attempt_at=None, last_error="Stuck in sending after the last attempt."
    )
    for email_id in failed_ids:
        logger.error("Email %s was stuck in sending after its last attempt: a person should check it", email_id)
    retried = stuck.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=OutgoingEmail.Status.PENDING, next_attempt_at=None, last_error=note
    )
    if retried:
        logger.warning("%s email(s) stuck in sending were put back to be retried", retried)
    return retried, failed


def send_due_emails(limit=500):
    """Enqueue one delivery task per PENDING row whose time has come; returns how many.

    Rows stuck in SENDING are released first. Each row is its own task: a
    slow provider answer delays that message only.
    """
    release_stuck_emails()
    now = timezone.now()
    due = (
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(due)
    for email_id in ids:
        deliver_email.enqueue(email_id)
    return len(ids)
