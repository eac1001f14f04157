"""What people do with their subscription: sign up, confirm, change topics or address, leave.

Every function here is atomic and locks the subscriber row it changes, so two
requests (or two processes) for one address see each other's work. Emails are
stored with the change and sent by a task after commit.
"""

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from listserv import emails
from listserv.models import Subscriber, Topic, canonical_email, new_nonce
from listserv.tokens import InvalidTokenError, PersonalLink, read_address_token, read_confirm_token, read_personal_link
from rescue_restore.i18n.languages import current_language
from rescue_restore.outbox.mail import enqueue_with_transaction
from rescue_restore.web.antiabuse import count_attempt

Status = Subscriber.Status


class AddressTakenError(Exception):
    """The new address already belongs to another subscriber."""


class LinkExpiredError(InvalidTokenError):
    """A genuine personal link that may no longer open the preferences page: too old, revoked, or old-format.

    It still unsubscribes; ``subscriber`` lets the page offer to email new links.
    """

    def __init__(self, subscriber: Subscriber) -> None:
        super().__init__()
        self.subscriber = subscriber


def link_may_manage(subscriber: Subscriber, link: PersonalLink, now: datetime | None = None) -> bool:
    """Whether a personal link opens the preferences page: new-format, recent enough, not revoked since."""
    if link.issued_at is None:  # an old-format link (``link.is_legacy``)
        return False
    now = now or timezone.now()
    if link.issued_at < now - timedelta(days=settings.LISTSERV_LINK_MANAGE_DAYS):
        return False
    revoked = subscriber.links_revoked_at
    # Links carry milliseconds: one made in the same millisecond as the revocation, after it, is new.
    return revoked is None or link.issued_at >= revoked.replace(microsecond=revoked.microsecond // 1000 * 1000)


def subscriber_for_link(token: str, *, manage: bool) -> Subscriber:
    """The subscriber a personal link is for; ``InvalidTokenError`` if it is not genuine or they are gone.

    ``manage=False`` (unsubscribing) accepts any genuine link, however old or
    revoked, as RFC 8058 asks; ``manage=True`` (topics, language, address,
    subscribing again) raises ``LinkExpiredError`` unless ``link_may_manage``.
    """
    subscriber, may_manage = open_personal_link(token)
    if manage and not may_manage:
        raise LinkExpiredError(subscriber)
    return subscriber


def open_personal_link(token: str) -> tuple[Subscriber, bool]:
    """``(subscriber, may_manage)`` for a genuine personal link; ``InvalidTokenError`` otherwise."""
    link = read_personal_link(token)
    subscriber = Subscriber.objects.filter(pk=link.subscriber_id, personal_data_erased_at__isnull=True).first()
    if subscriber is None:
        raise InvalidTokenError
    return subscriber, link_may_manage(subscriber, link)


@transaction.atomic
def send_new_links(subscriber: Subscriber) -> bool:
    """Revoke every personal link sent so far and email new ones to the subscriber's address.

    At most one such email an hour (under the row lock); within the hour
    nothing changes, so a stranger holding an old link cannot keep revoking
    the owner's new ones. Only addresses we may write to get it (confirmed or
    unsubscribed, not bounced, suspended or complained). Returns True when sent.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status not in {Status.CONFIRMED, Status.UNSUBSCRIBED} or subscriber.suppressed_from_anonymous_signup:
        return False
    now = timezone.now()
    if not _confirmation_allowed(subscriber.new_links_sent_at, now):
        return False
    subscriber.links_revoked_at = subscriber.new_links_sent_at = now
    subscriber.save(update_fields=["links_revoked_at", "new_links_sent_at"])
    subscriber.record_note("Personal links revoked; new ones emailed.")
    emails.send_new_links(subscriber)
    return True


def _locked_subscriber(email: str, name: str, language: str | None) -> Subscriber:
    """The subscriber for ``email``, created if new (in ``language``, or the page's), locked for this transaction."""
    existing = Subscriber.objects.with_email(email).select_for_update().first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email.strip(), name=name, language=language or current_language())
    except IntegrityError:
        # Another request created it between our read and our insert.
        return Subscriber.objects.with_email(email).select_for_update().get()


def queue_subscription_request(
    email: str, *, name: str = "", topics: Iterable[Topic] | None = None, language: str | None = None
) -> None:
    """Have a worker handle a sign-up (``topics`` given) or a resend (``topics`` None); the answer is always the same.

    The request does the same work whatever the address: it counts the
    address against ``LISTSERV_REQUESTS_PER_TARGET`` and stores one task row
    (``listserv.tasks.handle_subscription_request``), so its timing and its
    queries say nothing about who is subscribed. The worker then does what
    ``request_subscription`` promises, in the subscriber's language (``language``
    is the form's choice, or the page's). Past the per-target rate nothing is
    stored: a flood of posts naming one address makes no work and no mail.
    """
    from listserv.tasks import handle_subscription_request

    if settings.RATELIMIT_ENABLE and count_attempt(
        "listserv-target", canonical_email(email).lower(), settings.LISTSERV_REQUESTS_PER_TARGET
    ):
        return
    topic_ids = None if topics is None else sorted(topic.pk for topic in topics)
    enqueue_with_transaction(
        handle_subscription_request, email, name, topic_ids, (language or current_language()) if topics else language
    )


def _confirmation_allowed(sent_at: datetime | None, now: datetime) -> bool:
    return sent_at is None or now - sent_at >= Subscriber.CONFIRMATION_INTERVAL


@transaction.atomic
def request_subscription(
    email: str, *, name: str = "", topics: Iterable[Topic] | None = None, language: str | None = None
) -> None:
    """Record a sign-up (or a request to resend the link) and send at most one email per address per hour.

    The caller learns nothing about the address: the function returns None
    whatever the state. New, pending, unsubscribed and bounced addresses get a
    confirmation link; a confirmed address gets a reminder with its
    preferences link (its topics are not changed by an anonymous form); an
    address that reported us as spam gets nothing for 12 months, even after
    an unsubscribe, until the person subscribes again through the
    preferences link they hold (``resubscribe``). The hourly cap is read and
    written under the row lock, so it holds across processes.

    A resend (``topics`` is None) for an address nobody signed up stores and
    sends nothing: there is no sign-up to confirm.

    ``language`` (default: the page's) is the language of every email to the
    subscriber, bulletins included; like the topics, an anonymous form sets it
    on a sign-up that is not confirmed, never on a confirmed subscription.
    """
    if topics is None:
        subscriber = Subscriber.objects.with_email(email).select_for_update().first()
        if subscriber is None:
            return
    else:
        subscriber = _locked_subscriber(email, name, language)
    now = timezone.now()
    if subscriber.suppressed_from_anonymous_signup:
        return
    if subscriber.status != Status.CONFIRMED:
        if topics is not None:
            subscriber.topics.set(topics)
        changed: list[str] = []
        if name and not subscriber.name:
            subscriber.name = name
            changed.append("name")
        if language and subscriber.language != language:
            subscriber.language = language  # the confirmation below is written in it
            changed.append("language")
        if changed:
            subscriber.save(update_fields=changed)
    if not _confirmation_allowed(subscriber.confirmation_sent_at, now):
        return
    subscriber.confirmation_sent_at = now
    if subscriber.status == Status.CONFIRMED:
        subscriber.save(update_fields=["confirmation_sent_at"])
        emails.send_already_subscribed(subscriber)
        return
    if not subscriber.confirmation_nonce:
        subscriber.confirmation_nonce = new_nonce()
    subscriber.save(update_fields=["confirmation_sent_at", "confirmation_nonce"])
    emails.send_confirmation(subscriber)


def subscriber_for_confirm_token(token: str) -> Subscriber:
    """The subscriber a confirmation link is for, without changing anything; ``InvalidTokenError`` otherwise."""
    subscriber_id, nonce = read_confirm_token(token)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if (
        subscriber is None
        or not subscriber.confirmation_nonce
        or not constant_time_compare(nonce, subscriber.confirmation_nonce)
        or subscriber.suppressed_from_anonymous_signup
    ):
        raise InvalidTokenError
    return subscriber


@transaction.atomic
def confirm_subscription(token: str) -> Subscriber:
    """Confirm the sign-up a link was sent for. The link's nonce is cleared, so a replay is refused."""
    subscriber_id, _nonce = read_confirm_token(token)
    Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
    subscriber = subscriber_for_confirm_token(token)
    subscriber.confirmation_nonce = ""
    subscriber.save(update_fields=["confirmation_nonce"])
    emails.send_welcome(subscriber)  # queued in this transaction: gone again if the confirmation fails
    return subscriber.change_status(Status.CONFIRMED, note="Confirmed through the emailed link.")


@transaction.atomic
def update_topics(subscriber: Subscriber, topics: Collection[Topic]) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.topics.set(topics)
    # The history is read by staff, in English, whatever language the subscriber's page was in.
    names = ", ".join(getattr(topic, "name_en", None) or topic.name for topic in topics)  # modeltranslation's column
    subscriber.record_note(f"Topics changed to: {names}")
    return subscriber


@transaction.atomic
def change_language(subscriber: Subscriber, language: str) -> Subscriber:
    """Write the subscriber's emails, bulletins included, in ``language`` from now on (any status)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.language != language:
        old_language = subscriber.language
        subscriber.language = language
        subscriber.save(update_fields=["language"])
        subscriber.record_note(f"Language changed from {old_language} to {language}.")
    return subscriber


@transaction.atomic
def request_address_change(subscriber: Subscriber, new_email: str) -> None:
    """Email a confirmation link to ``new_email``; the address changes only when it is used.

    At most one such email per subscriber per hour, so a preferences link
    cannot be used to flood someone else's inbox.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    now = timezone.now()
    if new_email.strip().lower() == subscriber.email.lower():
        return
    if not _confirmation_allowed(subscriber.address_change_sent_at, now):
        return
    subscriber.address_change_nonce = new_nonce()
    subscriber.address_change_sent_at = now
    subscriber.save(update_fields=["address_change_nonce", "address_change_sent_at"])
    emails.send_address_confirmation(subscriber, new_email.strip())


def address_change_for_token(token: str, *, lock: bool = False) -> tuple[Subscriber, str]:
    """``(subscriber, new_email)`` for a usable address-change link; ``InvalidTokenError`` if forged, old or used."""
    subscriber_id, new_email, nonce = read_address_token(token)
    rows = Subscriber.objects.filter(pk=subscriber_id)
    subscriber = (rows.select_for_update() if lock else rows).first()
    if (
        subscriber is None
        or not subscriber.address_change_nonce
        or not constant_time_compare(nonce, subscriber.address_change_nonce)
    ):
        raise InvalidTokenError
    return subscriber, new_email


@transaction.atomic
def confirm_address_change(token: str) -> Subscriber:
    """Move the subscription to the address the link was sent to; the link then stops working."""
    subscriber, new_email = address_change_for_token(token, lock=True)
    if Subscriber.objects.with_email(new_email).exclude(pk=subscriber.pk).exists():
        raise AddressTakenError
    old_email = subscriber.email
    subscriber.email = new_email
    subscriber.address_change_nonce = ""
    subscriber.soft_bounces_in_a_row = 0
    # Links mailed to the old address stop opening the preferences page.
    subscriber.links_revoked_at = timezone.now()
    subscriber.save(update_fields=["email", "address_change_nonce", "soft_bounces_in_a_row", "links_revoked_at"])
    subscriber.record_note(f"Address changed from {old_email}.")
    return subscriber


def unsubscribe(subscriber: Subscriber, *, note: str) -> Subscriber:
    """Stop all mail to this subscriber. Idempotent: unsubscribing twice is fine."""
    return subscriber.change_status(Status.UNSUBSCRIBED, note=note)


def resubscribe(subscriber: Subscriber) -> Subscriber:
    """Undo an unsubscribe from the preferences link (which proves the person holds the address)."""
    if subscriber.status != Status.UNSUBSCRIBED:
        return subscriber
    return subscriber.change_status(Status.CONFIRMED, note="Subscribed again from the preferences page.")


def expire_signups(now: datetime | None = None) -> int:
    """Delete pending sign-ups whose links have all expired. Returns how many went."""
    _total, by_model = Subscriber.objects.expired_signups(now).delete()
    return by_model.get(Subscriber._meta.label, 0)
