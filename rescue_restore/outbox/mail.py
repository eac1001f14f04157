"""Send email through the outbox: store, deliver from a task, retry, never twice.

``queue_email`` renders one message from three templates (subject, text,
HTML), stores it as an ``OutgoingEmail`` and enqueues ``deliver_email``.
With the database task backend (production) the task row is written in the
same transaction as the email: both exist or neither, and the request pays
for one commit, not one more per email. A backend that runs or hands off the
task at once (the immediate one in development and tests) is called once the
transaction commits. Nothing is sent inside a request.

Every message is delivered by its own task, and a worker runs several tasks
at once (``manage.py run_worker --threads``), so one slow provider call holds
one thread for at most the provider timeouts (``ANYMAIL["REQUESTS_TIMEOUT"]``),
never the queue.

Delivery claims a row by moving it from PENDING to SENDING (stamping
``claimed_at``) in its own small transaction before talking to the provider,
so two workers never send the same row at once. The claim is a **lease** of
``MAIL_LEASE_SECONDS``: longer than any provider call may take, so a claim
older than that belongs to a worker that died (SIGKILL, out of memory, host
lost) or a call whose answer never came. ``expire_leases``, which every
running worker calls every few seconds (``rescue_restore.ops.worker``), takes such
rows back: it asks the provider whether it accepted the message (Postmark: a
search by the row's metadata; ``rescue_restore.outbox.provider``) and marks it SENT if
so; otherwise, or where the provider cannot be asked, the row goes back to
PENDING and is sent again with the same ``Message-ID``, which mail systems
recognise as one message. At least once, never silently lost: after
``MAX_ATTEMPTS`` a row is FAILED and an error is logged for a person.

A refused send (the provider said no, or the connection never opened) puts
the row back to PENDING with a later ``next_attempt_at`` (up to
``MAX_ATTEMPTS``); ``manage.py send_pending_mail`` enqueues rows that are due.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import Task, default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone

from rescue_restore.models import OutgoingEmail
from rescue_restore.outbox.provider import (
    OUTBOX_KEY,
    ProviderCannotAnswerError,
    accepted_with,
    can_ask,
    outcome_unknown,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Rows taken back per sweep: a sweep stays short, the next one (seconds later) goes on.
SWEEP_LIMIT = 100
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]


def render_email(template_prefix: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    """Render ``<prefix>_subject.txt``, ``_body.txt`` and ``_body.html``.

    The subject is joined onto one line: a newline in a subject would be a
    header injection, and Django refuses it. It is cut to fit the outbox
    column: a subject that names many things must not make the insert (and
    with it the caller's transaction, an order say) fail.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    limit = OutgoingEmail._meta.get_field("subject").max_length or len(subject)
    if len(subject) > limit:
        subject = subject[: limit - 1].rstrip() + "…"
    text = render_to_string(f"{template_prefix}_body.txt", context)
    html = render_to_string(f"{template_prefix}_body.html", context)
    return subject, text, html


def queue_email(
    template_prefix: str,
    context: Mapping[str, object],
    recipients: Iterable[str],
    *,
    headers: Mapping[str, str] | None = None,
    reply_to: Iterable[str] | None = None,
) -> OutgoingEmail:
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


def enqueue_with_transaction[**P, R](task_to_run: Task[P, R], *args: P.args, **kwargs: P.kwargs) -> None:
    """Enqueue ``task_to_run(*args)`` so that it runs only if the current transaction commits.

    With the database task backend the task's row is written in this
    transaction (a transactional outbox: the worker sees it at the commit, a
    rollback removes it, and no extra commit is paid). Any other backend is
    handed the task once the transaction commits.
    """
    if _tasks_are_rows_in_this_database(task_to_run):
        task_to_run.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task_to_run.enqueue(*args, **kwargs))


def _tasks_are_rows_in_this_database[**P, R](task_to_run: Task[P, R]) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task_to_run.get_backend(), DatabaseBackend)


def build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
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
    # Sent as the provider's custom metadata (anymail), so the provider can be asked about this row later.
    message.metadata = {OUTBOX_KEY: str(email.pk)}  # type: ignore[attr-defined]  # anymail reads it
    return message


def lease() -> timedelta:
    """How long a claim on a row holds (``MAIL_LEASE_SECONDS``)."""
    return timedelta(seconds=settings.MAIL_LEASE_SECONDS)


def _claim(email_id: int) -> bool:
    """Move a due row from PENDING to SENDING; False if someone else has it."""
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .update(status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    )
    return claimed == 1


def _provider_message_id(message: EmailMessage) -> str:
    status = getattr(message, "anymail_status", None)
    return str(getattr(status, "message_id", None) or "") if status else ""


@task(queue_name="mail")
def deliver_email(email_id: int) -> str:
    """Send one stored email if it is still waiting; safe to run twice.

    Returns "sent", "failed" (refused; retried later), "unknown" (the call went
    out and no answer came: the row keeps its claim until the lease ends and the
    provider is asked) or "skipped" (not due, or another worker has it).
    """
    if not _claim(email_id):
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    message = build_message(email)
    try:
        message.send()
    except Exception as error:  # any provider or network failure: recorded, then retried or checked
        if outcome_unknown(error):
            return _record_unknown(email, error)
        return _record_failure(email, error)
    _record_sent(email, str(_provider_message_id(message)))
    return "sent"


def _record_sent(email: OutgoingEmail, provider_message_id: str = "") -> None:
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.provider_message_id = provider_message_id[:200]
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "provider_message_id", "last_error"])


def _record_unknown(email: OutgoingEmail, error: Exception) -> str:
    logger.warning("Sending email %s got no answer (attempt %s): %s", email.pk, email.attempts, error)
    note = "No answer from the provider; checked with it when the claim runs out, then sent again only if needed. "
    email.last_error = f"{note}{type(error).__name__}: {error}"[:2000]
    email.save(update_fields=["last_error"])
    return "unknown"


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
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


def _provider_has(email: OutgoingEmail) -> bool | None:
    """True if the provider accepted this row's message, False if not, None if it cannot say."""
    if not can_ask():
        return None
    try:
        return bool(accepted_with(OUTBOX_KEY, email.pk))
    except ProviderCannotAnswerError as error:
        logger.warning("Could not ask the provider about email %s: %s", email.pk, error)
        return None


def expire_leases(now: datetime | None = None, limit: int = SWEEP_LIMIT) -> dict[str, int]:
    """Take back rows whose claim ran out: sent (the provider has them), retried, or failed.

    Each row is first taken over with one conditional UPDATE (its claim moves to
    now), so two sweeping workers never handle the same row, and the provider is
    asked outside any transaction. Returns counts by outcome.
    """
    now = now or timezone.now()
    cutoff = now - lease()
    counts = {"confirmed_sent": 0, "retried": 0, "failed": 0}
    expired = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING, claimed_at__lt=cutoff)
    for email_id in list(expired.order_by("claimed_at").values_list("pk", flat=True)[:limit]):
        if not expired.filter(pk=email_id).update(claimed_at=now):
            continue  # another worker took it first
        email = OutgoingEmail.objects.get(pk=email_id)
        accepted = _provider_has(email)
        if accepted:
            _record_sent(email, email.provider_message_id)
            counts["confirmed_sent"] += 1
            logger.info("Email %s: the provider already had it; marked sent, not sent again", email.pk)
        elif email.attempts >= MAX_ATTEMPTS:
            email.status, email.next_attempt_at = OutgoingEmail.Status.FAILED, None
            email.last_error = "No answer from the provider after the last attempt: check its log before resending."
            email.save(update_fields=["status", "next_attempt_at", "last_error"])
            logger.error("Email %s got no answer after its last attempt: a person should check it", email.pk)
            counts["failed"] += 1
        else:
            why = "the provider does not have it" if accepted is False else "the provider cannot be asked"
            email.status, email.next_attempt_at = OutgoingEmail.Status.PENDING, None
            email.last_error = f"Its claim ran out and {why}: sent again as the same message."
            email.save(update_fields=["status", "next_attempt_at", "last_error"])
            enqueue_with_transaction(deliver_email, email.pk)
            counts["retried"] += 1
    if counts["retried"] or counts["confirmed_sent"]:
        logger.warning("Outbox claims that ran out: %s", counts)
    return counts


def stuck_past_lease(grace: timedelta, now: datetime | None = None) -> int:
    """Rows still SENDING ``grace`` after their lease ended (no worker is taking them back)."""
    now = now or timezone.now()
    cutoff = now - lease() - grace
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING, claimed_at__lt=cutoff).count()


def send_due_emails(limit: int = 500) -> int:
    """Enqueue one delivery task per PENDING row whose time has come; returns how many.

    Rows whose claim ran out are taken back first. Each row is its own task: a
    slow provider answer delays that message only.
    """
    expire_leases()
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
