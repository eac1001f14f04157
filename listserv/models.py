"""Topics, subscribers, bulletins and the per-recipient delivery rows that make sending resumable."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from rescue_restore.i18n.languages import language_field
from rescue_restore.kernel.workflow import ClearanceWorkflow, StatusHistory, StatusWorkflow, status_columns
from rescue_restore.text.markdown import render_translated_body


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def canonical_email(email: str) -> str:
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
    def active(self) -> Self:
        return self.filter(is_active=True)


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(
        _("description"), max_length=300, blank=True, help_text=_("One plain sentence for the sign-up form.")
    )
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=100, help_text=_("Lower numbers come first.")
    )
    is_active = models.BooleanField(
        _("is active"), default=True, help_text=_("Inactive topics are hidden from the sign-up form.")
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> Self:
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def with_email(self, email: str) -> Self:
        """Case-insensitive match of the canonical spelling that uses the lower(email) unique index."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(canonical_email(email))))

    def expired_signups(self, now: datetime | None = None) -> Self:
        """Pending sign-ups whose newest confirmation link has expired (and so can never be used)."""
        cutoff = (now or timezone.now()) - Subscriber.SIGNUP_LIFETIME
        return self.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff).exclude(
            confirmation_sent_at__gte=cutoff
        )


class Subscriber(StatusWorkflow, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced (address does not exist)")
        COMPLAINED = "complained", _("Marked our email as spam")
        SUSPENDED = "suspended", _("Suspended after repeated delivery failures")

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
    SIGNUP_LIFETIME = timedelta(days=7)
    CONFIRMATION_INTERVAL = timedelta(hours=1)
    SOFT_BOUNCE_LIMIT = 3
    # After a complaint, anonymous sign-ups for the address get no mail for this long (an unsubscribe does not lift it).
    COMPLAINT_SUPPRESSION = timedelta(days=365)

    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=100, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="subscribers", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    complained_at = models.DateTimeField(
        _("complained at"), null=True, blank=True, help_text=_("When the address last reported us as spam.")
    )
    # The hourly cap on confirmation emails is read and written under a row
    # lock, so it holds across every process serving the site.
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    # Part of every confirmation link; cleared when used, so a link works once.
    confirmation_nonce = models.CharField(_("confirmation nonce"), max_length=40, blank=True)
    address_change_sent_at = models.DateTimeField(_("address change sent at"), null=True, blank=True)
    address_change_nonce = models.CharField(_("address change nonce"), max_length=40, blank=True)
    soft_bounces_in_a_row = models.PositiveSmallIntegerField(_("soft bounces in a row"), default=0)
    # Personal links (preferences, unsubscribe) made before this moment no longer open the preferences page
    # (they still unsubscribe): set on unsubscribing, changing address and "send me new links" (listserv/tokens.py).
    links_revoked_at = models.DateTimeField(_("links revoked at"), null=True, blank=True)
    # The hourly cap on "send me new links" emails, read and written under the row lock like the others.
    new_links_sent_at = models.DateTimeField(_("new links sent at"), null=True, blank=True)
    # Set by manage.py purge_personal_data (listserv/retention.py) when the address is erased.
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True, editable=False)
    # The language of every email to this person, bulletins included: the page's language at sign-up unless
    # they chose another (sign-up form, preferences page). Choices show each language in its own name.
    language = language_field(verbose_name=_("language"), choices=settings.LANGUAGES)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="listserv_subscriber_email_unique_ci",
                violation_error_message=_("This address is already on the list."),
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
            # Links in mail already sent stop opening the preferences page (they still unsubscribe).
            self.unsubscribed_at = self.links_revoked_at = now
            fields += ["unsubscribed_at", "links_revoked_at"]
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

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="events"
    )
    from_status, to_status = status_columns(Subscriber.Status)

    class Meta(StatusHistory.Meta):
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("subscriber event")
        verbose_name_plural = _("subscriber events")


@dataclass(frozen=True)
class BulletinVersion:
    """A bulletin as one reader gets it: the whole text in one language, never a mix.

    Fields are read when asked for, so a queryset that loaded only the subject
    (the archive list, search) costs no further query.
    """

    bulletin: "Bulletin"
    language: str  # the language this text is written in (the reader's, or the default one)

    def _field(self, name):
        return getattr(self.bulletin, f"{name}_{self.language.replace('-', '_')}")

    @property
    def subject(self):
        return self._field("subject")

    @property
    def body(self):
        """Markdown."""
        return self._field("body")

    @property
    def body_html(self):
        """Rendered and sanitized when the bulletin was saved."""
        return self._field("body_html")


class BulletinQuerySet(models.QuerySet):
    def sent(self) -> Self:
        return self.filter(status=Bulletin.Status.SENT)

    def waiting_for_review(self):
        return self.filter(status=Bulletin.Status.IN_REVIEW)

    def due_to_send(self, now=None):
        return self.filter(status=Bulletin.Status.APPROVED, send_at__lte=now or timezone.now())


class Bulletin(ClearanceWorkflow, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    # Clearance (rescue_restore.kernel.workflow.ClearanceWorkflow): only a bulletin a second person approved is
    # sent to subscribers; a test send to oneself needs no approval.
    ALLOWED_TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW},
        Status.IN_REVIEW: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: {Status.SENDING, Status.DRAFT},
        Status.SENDING: {Status.SENT},
        Status.SENT: set(),
    }
    HISTORY_MODEL = "BulletinEvent"
    APPROVE_PERMISSION = "listserv.approve_bulletin"
    APPROVED_STATUS = Status.APPROVED
    DRAFT_STATUS = Status.DRAFT

    subject = models.CharField(_("subject"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The archive address: /listserv/archive/<slug>/")
    )
    body = models.TextField(
        _("body"), help_text=_("Markdown. Raw HTML is shown as text; links outside .gov get an exit notice.")
    )
    body_html = models.TextField(_("body HTML"), editable=False, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="bulletins")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    send_started_at = models.DateTimeField(_("send started at"), null=True, blank=True, editable=False)
    # Set when every delivery row exists; until then a resume re-runs the (idempotent) preparation.
    recipients_prepared_at = models.DateTimeField(_("recipients prepared at"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    # Clearance: everyone who saved its text (none of them may approve it), when it was sent for review,
    # and the time the scheduler sends it once approved.
    edited_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("edited by"), related_name="+", blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True, editable=False)
    send_at = models.DateTimeField(
        _("send at"),
        null=True,
        blank=True,
        help_text=_("Once approved, the bulletin is sent to subscribers at this time. Empty: staff send it."),
    )

    objects = BulletinQuerySet.as_manager()
    audit_trail = HistoricalRecords(
        excluded_fields=["body_html", *(f"body_html_{code}" for code, _name in settings.LANGUAGES)]
    )

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        permissions = [
            ("send_bulletin", "Can send a bulletin to subscribers"),
            ("approve_bulletin", "Can approve a bulletin written by someone else"),
        ]
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

    def written_in(self, language):
        """True when staff wrote both the subject and the body in ``language``."""
        suffix = language.replace("-", "_")
        return bool(getattr(self, f"subject_{suffix}", "") and getattr(self, f"body_{suffix}", ""))

    def version_for(self, language=None):
        """What a reader of ``language`` (default: the active language) gets: their language's text if
        the bulletin is written in it, otherwise the default language's, as a whole.

        Field by field, modeltranslation would fall back separately, so a Spanish
        subject could sit over an English body; a reader gets one or the other.
        """
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if not self.written_in(language):
            language = settings.LANGUAGE_CODE
        return BulletinVersion(bulletin=self, language=language)

    def on_status_change(self, old_status, new_status, now):
        field = {
            self.Status.IN_REVIEW: "submitted_at",
            self.Status.SENDING: "send_started_at",
            self.Status.SENT: "sent_at",
        }.get(new_status)
        if field is None:
            return []
        setattr(self, field, now)
        return [field]


class BulletinEvent(StatusHistory):
    bulletin = models.ForeignKey(Bulletin, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_columns(Bulletin.Status)

    class Meta(StatusHistory.Meta):
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("bulletin event")
        verbose_name_plural = _("bulletin events")


class Delivery(models.Model):
    """One bulletin to one subscriber. The unique pair is what makes 'never twice' a database fact."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Handed to a worker")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped (no longer subscribed)")
        FAILED = "failed", _("Failed")

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(_("claim"), max_length=40, blank=True, help_text=_("Which batch took this row."))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
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

    provider = models.CharField(_("provider"), max_length=30)
    event_id = models.CharField(_("event id"), max_length=200)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="listserv_provider_event_once"),
        ]

    def __str__(self):
        return f"{self.provider} {self.event_id}"
