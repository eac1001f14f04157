"""The outbox: every email the site sends is a row here first.

A row is written in the same transaction as the change that caused it (an
order placed, a request approved), so a rolled-back change sends nothing. A
task delivers it after commit. See ``rescue_restore.outbox.mail``.
"""

from email.utils import make_msgid, parseaddr

import simple_history
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import models


def message_id_domain():
    """The site's own mail domain, the right-hand side of every Message-ID it makes."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "rescue-restore.invalid"


def new_message_id():
    """A fresh RFC 5322 Message-ID on the site's own mail domain."""
    return make_msgid(domain=message_id_domain())


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    purpose = models.CharField(max_length=100, help_text="Which email this is, e.g. campaign/contact_notification.")
    recipients = models.JSONField(help_text="List of addresses.")
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    # Sent as the Message-ID header on every attempt, so a retry after a
    # timeout is the same message to every mail system, not a second one.
    message_id = models.CharField(max_length=255, blank=True, default=new_message_id, editable=False)
    # When a worker last took the row (PENDING -> SENDING): its lease. A row
    # still SENDING MAIL_LEASE_SECONDS after this belongs to a dead or stalled
    # worker; a running worker asks the provider, then marks it sent or retries it.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outgoing email"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)}"


# Field-level history of staff accounts and groups (who changed a role or a permission), for superusers.
# Passwords (even hashed) and sign-in times are left out of it.
simple_history.register(User, app=__package__, manager_name="audit_trail", excluded_fields=["password", "last_login"])
simple_history.register(Group, app=__package__, manager_name="audit_trail")


class ScheduledRun(models.Model):
    """One row per scheduled job and period: the row is the lock.

    Every scheduler process that sees a period start tries to insert the row;
    the unique constraint lets exactly one succeed, so a job runs once per
    period however many schedulers run (see ``rescue_restore.ops.scheduler``).
    """

    class Outcome(models.TextChoices):
        ENQUEUED = "enqueued", "Waiting for a worker"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not run: the scheduler's first start"

    job = models.CharField(max_length=100)
    period_start = models.DateTimeField()
    claimed_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=200, blank=True, help_text="Host and process id of the scheduler.")
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ENQUEUED)
    output = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_start", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "period_start"], name="scheduled_run_once_per_period")]

    def __str__(self):
        return f"{self.job} for {self.period_start:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """One row per running ``manage.py run_worker`` process, touched every few seconds.

    A task RUNNING under a worker whose heartbeat stopped belongs to a dead
    process: the other workers hand it back (``rescue_restore.ops.worker``).
    ``/healthz?deep=1`` reports the age of the newest heartbeat.
    """

    worker_id = models.CharField(max_length=60, unique=True)
    hostname = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    threads = models.PositiveSmallIntegerField(default=1)
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self):
        return f"{self.worker_id} (seen {self.last_seen_at:%H:%M:%S})"
