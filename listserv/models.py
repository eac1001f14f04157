"""Topics, subscribers, bulletins and the per-recipient delivery rows that make sending resumable."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from rescue_restore.languages import language_field
from rescue_restore.markdown import render_translated_body
from rescue_restore.workflow import StatusHistory, StatusWorkflow, status_columns


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


class Subscriber(StatusWorkflow, models.Model):
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
    HISTORY_MODEL = "SubscriberEvent"
    UNCHANGED_IS_NOOP = True  # unsubscribing twice, or a second bounce report, is fine
    # Addresses we never email again without a person asking through the site.
    SUPPRESSED = {Status.BOUNCED, Status.COMPLAINED, Status.SUSPENDED}
    SIGNUP_LIFETIME = timezone.timedelta(days=7)
    CONFIRMATION_INTERVAL = timezone.timedelta(hours=1)
    SOFT_BOUNCE_LIMIT = 3
    # After a complaint, anonymous sign-ups for the address get no mail for this long (an unsubscribe does not lift it).
    COMPLAINT_SUPPRESSION = timezone.timedelta(days=365)

    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=100, blank=True)
    topics = models.ManyToManyField(Topic, related_name="subscribers", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True, help_text="When the address last reported us as spam.")
    # The hourly cap on confirmation emails is read and written under a row
    # lock, so it holds across every process serving the site.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Part of every confirmation link; cleared when used, so a link works once.
    confirmation_nonce = models.CharField(max_length=40, blank=True)
    address_change_sent_at = models.DateTimeField(null=True, blank=True)
    address_change_nonce = models.CharField(max_length=40, blank=True)
    soft_bounces_in_a_row = models.PositiveSmallIntegerField(default=0)
    # Set by manage.py purge_personal_data (listserv/retention.py) when the address is erased.
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
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

    def on_status_change(self, old_status, new_status, now):
        """Dates for the list's rules: confirmed, unsubscribed, complained (which suppresses anonymous sign-ups)."""
        self.status_changed_at = now
        fields = ["status_changed_at"]
        if new_status == self.Status.CONFIRMED:
            # Only the person confirming (a link or the preferences page) gets here: it lifts a complaint's suppression.
            self.confirmed_at, self.soft_bounces_in_a_row, self.complained_at = now, 0, None
            fields += ["confirmed_at", "soft_bounces_in_a_row", "complained_at"]
        if new_status == self.Status.UNSUBSCRIBED:
            self.unsubscribed_at = now
            fields.append("unsubscribed_at")
        if new_status == self.Status.COMPLAINED:
            self.complained_at = now
            fields.append("complained_at")
        return fields

    @property
    def suppressed_from_anonymous_signup(self):
        """Complained within ``COMPLAINT_SUPPRESSION``: an anonymous sign-up gets no mail at all."""
        if self.status == self.Status.COMPLAINED:
            return True
        return self.complained_at is not None and self.complained_at > timezone.now() - self.COMPLAINT_SUPPRESSION


class SubscriberEvent(StatusHistory):
    """History of a subscriber's status: who (staff, or none for the person or the provider), when, from, to, why."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_columns(Subscriber.Status)

    class Meta(StatusHistory.Meta):
        ordering = ["-changed_at", "-pk"]


class BulletinQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Bulletin.Status.SENT)


class Bulletin(StatusWorkflow, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    ALLOWED_TRANSITIONS = {
        Status.DRAFT: {Status.SENDING},
        Status.SENDING: {Status.SENT},
        Status.SENT: set(),
    }
    HISTORY_MODEL = "BulletinEvent"

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
    audit_trail = HistoricalRecords(
        excluded_fields=["body_html", *(f"body_html_{code}" for code, _name in settings.LANGUAGES)]
    )

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

    def on_status_change(self, old_status, new_status, now):
        field = {self.Status.SENDING: "send_started_at", self.Status.SENT: "sent_at"}[new_status]
        setattr(self, field, now)
        return [field]


class BulletinEvent(StatusHistory):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_columns(Bulletin.Status)

    class Meta(StatusHistory.Meta):
        ordering = ["-changed_at", "-pk"]


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


class ProviderEvent(models.Model):
    """A webhook event the provider sent, by its own id: a retried event is recognised and ignored."""

    provider = models.CharField(max_length=30)
    event_id = models.CharField(max_length=200)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="listserv_provider_event_once"),
        ]

    def __str__(self):
        return f"{self.provider} {self.event_id}"
