"""Topics, subscribers, bulletins and the per-recipient delivery rows that make sending resumable."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from rescue_restore.languages import language_field
from rescue_restore.markdown import render_translated_body


class TransitionError(ValueError):
    """A status change the transition table does not allow."""


def new_nonce():
    return secrets.token_urlsafe(16)


def canonical_email(email):
    """One spelling per mailbox: the domain as IDNA reads it (lower case, NFKC, punycode decoded).

    ``ana@xn--bcher-kva.example``, ``ana@BÜCHER.example`` and spellings with
    full-width letters or zero-width characters in the domain reach the same
    mailbox, because mail is sent to the IDNA (ASCII) form of the domain. Were
    they stored as typed, each would be a separate subscriber with its own
    hourly cap, and a bounce reported in punycode would match nobody.
    """
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    try:
        domain = domain.encode("idna").decode("idna")
    except UnicodeError:
        return email  # not a domain IDNA can read; the form's validator decides about it
    return f"{local}@{domain}"


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True, help_text="One plain sentence for the sign-up form.")
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first.")
    is_active = models.BooleanField(default=True, help_text="Inactive topics are hidden from the sign-up form.")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def with_email(self, email):
        """Case-insensitive match of the canonical spelling that uses the lower(email) unique index."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(canonical_email(email))))

    def expired_signups(self, now=None):
        """Pending sign-ups whose newest confirmation link has expired (and so can never be used)."""
        cutoff = (now or timezone.now()) - Subscriber.SIGNUP_LIFETIME
        return self.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff).exclude(
            confirmation_sent_at__gte=cutoff
        )


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced (address does not exist)"
        COMPLAINED = "complained", "Marked our email as spam"
        SUSPENDED = "suspended", "Suspended after repeated delivery failures"

    # Who may move where. Bounced, complained and suspended addresses come back
    # only through a fresh confirmed sign-up (a person proving the address works).
    ALLOWED_TRANSITIONS = {
        Status.PENDING: {Status.CONFIRMED, Status.BOUNCED, Status.COMPLAINED, Status.UNSUBSCRIBED},
        Status.CONFIRMED: {Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED, Status.SUSPENDED},
        Status.UNSUBSCRIBED: {Status.CONFIRMED, Status.BOUNCED, Status.COMPLAINED},
        Status.BOUNCED: {Status.CONFIRMED, Status.COMPLAINED, Status.UNSUBSCRIBED},
        Status.COMPLAINED: {Status.UNSUBSCRIBED},
        Status.SUSPENDED: {Status.CONFIRMED, Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED},
    }
    # Addresses we never email again without a person asking through the site.
    SUPPRESSED = {Status.BOUNCED, Status.COMPLAINED, Status.SUSPENDED}
    SIGNUP_LIFETIME = timezone.timedelta(days=7)
    CONFIRMATION_INTERVAL = timezone.timedelta(hours=1)
    SOFT_BOUNCE_LIMIT = 3

    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=100, blank=True)
    topics = models.ManyToManyField(Topic, related_name="subscribers", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # The hourly cap on confirmation emails is read and written under a row
    # lock, so it holds across every process serving the site.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Part of every confirmation link; cleared when used, so a link works once.
    confirmation_nonce = models.CharField(max_length=40, blank=True)
    address_change_sent_at = models.DateTimeField(null=True, blank=True)
    address_change_nonce = models.CharField(max_length=40, blank=True)
    soft_bounces_in_a_row = models.PositiveSmallIntegerField(default=0)
    language = language_field()

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="listserv_subscriber_email_unique_ci",
                violation_error_message="This address is already on the list.",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="listserv_confirmed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="listserv_subscriber_status")]

    def __str__(self):
        return self.email

    def set_status(self, new_status, *, actor=None, note=""):
        """Move to ``new_status`` under a row lock and record who, when, from, to and why.

        Returns the fresh row. Raises ``TransitionError`` if the table does not
        allow the change; a change to the current status does nothing.
        """
        with transaction.atomic():
            current = Subscriber.objects.select_for_update().get(pk=self.pk)
            if current.status == new_status:
                return current
            if new_status not in self.ALLOWED_TRANSITIONS[current.status]:
                raise TransitionError(f"A subscriber cannot go from {current.status} to {new_status}.")
            now = timezone.now()
            old_status = current.status
            current.status = new_status
            current.status_changed_at = now
            fields = ["status", "status_changed_at"]
            if new_status == self.Status.CONFIRMED:
                current.confirmed_at = now
                current.soft_bounces_in_a_row = 0
                fields += ["confirmed_at", "soft_bounces_in_a_row"]
            if new_status == self.Status.UNSUBSCRIBED:
                current.unsubscribed_at = now
                fields.append("unsubscribed_at")
            current.save(update_fields=fields)
            SubscriberEvent.objects.create(
                subscriber=current, actor=actor, from_status=old_status, to_status=new_status, note=note[:300]
            )
            self.__dict__.update({name: getattr(current, name) for name in fields})
            return current

    set_status.alters_data = True


class SubscriberEvent(models.Model):
    """History of a subscriber's status: who (staff, or none for the person or the provider), when, from, to, why."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=20, choices=Subscriber.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Subscriber.Status.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"


class BulletinQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Bulletin.Status.SENT)


class Bulletin(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    ALLOWED_TRANSITIONS = {
        Status.DRAFT: {Status.SENDING},
        Status.SENDING: {Status.SENT},
        Status.SENT: set(),
    }

    subject = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True, help_text="The archive address: /listserv/archive/<slug>/")
    body = models.TextField(help_text="Markdown. Raw HTML is shown as text; links outside .gov get an exit notice.")
    body_html = models.TextField(editable=False, blank=True)
    topics = models.ManyToManyField(Topic, related_name="bulletins")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    send_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when every delivery row exists; until then a resume re-runs the (idempotent) preparation.
    recipients_prepared_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        permissions = [("send_bulletin", "Can send a bulletin to subscribers")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="listserv_bulletin_sent_has_date"
            ),
            models.CheckConstraint(condition=~Q(subject=""), name="listserv_bulletin_has_subject"),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        render_translated_body(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("listserv:archive_detail", kwargs={"slug": self.slug})

    def set_status(self, new_status, *, actor=None, note=""):
        """Move to ``new_status`` under a row lock, with a history row; ``TransitionError`` if not allowed."""
        with transaction.atomic():
            current = Bulletin.objects.select_for_update().get(pk=self.pk)
            if new_status not in self.ALLOWED_TRANSITIONS[current.status]:
                raise TransitionError(f"A {current.get_status_display().lower()} bulletin cannot become {new_status}.")
            now = timezone.now()
            old_status = current.status
            current.status = new_status
            fields = ["status"]
            if new_status == self.Status.SENDING:
                current.send_started_at = now
                fields.append("send_started_at")
            if new_status == self.Status.SENT:
                current.sent_at = now
                fields.append("sent_at")
            current.save(update_fields=fields)
            BulletinEvent.objects.create(
                bulletin=current, actor=actor, from_status=old_status, to_status=new_status, note=note[:300]
            )
            self.__dict__.update({name: getattr(current, name) for name in fields})
            return current

    set_status.alters_data = True


class BulletinEvent(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=10, choices=Bulletin.Status.choices)
    to_status = models.CharField(max_length=10, choices=Bulletin.Status.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Delivery(models.Model):
    """One bulletin to one subscriber. The unique pair is what makes 'never twice' a database fact."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENDING = "sending", "Handed to a worker"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped (no longer subscribed)"
        FAILED = "failed", "Failed"

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(max_length=40, blank=True, help_text="Which batch took this row.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "subscriber"], name="listserv_one_delivery_per_recipient"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="listserv_delivery_sent_has_date"
            ),
        ]
        indexes = [models.Index(fields=["bulletin", "status"], name="listserv_delivery_status")]

    def __str__(self):
        return f"{self.bulletin_id} → {self.subscriber_id}: {self.status}"
