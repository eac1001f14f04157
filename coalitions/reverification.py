"""Keeping listings current: flag stale ones, email their contacts a signed link.

Once a listing has not been verified for ``VERIFICATION_PERIOD`` (12 months)
it is flagged NEEDS_REVERIFICATION (the public page then says the information
may be out of date) and its listed contact is emailed a signed link. Through
it the contact confirms the details (the listing is verified again at once)
or submits updates, which go to moderators as an UPDATE request.

The link is signed with a salt of its own and expires after
``LINK_MAX_AGE``; a forged, altered or expired link is refused. It also
carries a keyed hash of the contact email and the time the link was sent, so
it dies when the contact changes, when a newer link is sent, and once it has
been used to confirm (confirming clears ``reverification_sent_at``).
"""

import datetime

from django.contrib.auth.models import User
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from coalitions import emails
from coalitions.models import Coalition

SALT = "coalitions.reverification"
LINK_MAX_AGE = datetime.timedelta(days=30)
# Do not email the same contact again before their last link has expired.
RESEND_AFTER = LINK_MAX_AGE


class InvalidLinkError(Exception):
    def __init__(self, expired: bool = False, replaced: bool = False) -> None:
        super().__init__("expired" if expired else "replaced" if replaced else "invalid")
        self.expired = expired
        self.replaced = replaced


def _link_check(coalition: Coalition) -> str:
    """A keyed hash of who the link was sent to and when; changes when either does."""
    sent_at = coalition.reverification_sent_at.isoformat() if coalition.reverification_sent_at else ""
    return salted_hmac(SALT, f"{coalition.contact_email.lower()}|{sent_at}", algorithm="sha256").hexdigest()[:32]


def make_token(coalition: Coalition) -> str:
    """The signed link's token; call after setting ``reverification_sent_at``."""
    return signing.dumps({"coalition": coalition.pk, "check": _link_check(coalition)}, salt=SALT)


def coalition_for_token(token: str) -> Coalition:
    """The public coalition a link is for; ``InvalidLinkError`` if forged, altered, expired or unlisted."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise InvalidLinkError(expired=True) from None
    except signing.BadSignature:
        raise InvalidLinkError(expired=False) from None
    if not isinstance(data, dict):
        raise InvalidLinkError()
    coalition: Coalition | None = Coalition.objects.public().filter(pk=data.get("coalition")).first()
    if coalition is None:
        raise InvalidLinkError()
    if coalition.reverification_sent_at is None or not constant_time_compare(
        str(data.get("check", "")), _link_check(coalition)
    ):
        raise InvalidLinkError(replaced=True)
    return coalition


def send_reverification_requests(today: datetime.date | None = None) -> int:
    """Flag stale listings and email each contact a link; returns how many were emailed.

    Idempotent within ``RESEND_AFTER``: a contact emailed recently is skipped,
    so the command and the task can run daily. Each listing is handled in its
    own transaction, so one bad row does not hold back the rest.
    """
    now = timezone.now()
    sent = 0
    stale_ids = list(Coalition.objects.needing_reverification(today).values_list("pk", flat=True).distinct())
    for pk in stale_ids:
        with transaction.atomic():
            coalition = Coalition.objects.select_for_update().get(pk=pk)
            if coalition.listing_status == Coalition.ListingStatus.LISTED:
                coalition.change_status(
                    Coalition.ListingStatus.NEEDS_REVERIFICATION, note="Not verified for 12 months."
                )
            if not coalition.contact_email:
                continue
            if coalition.reverification_sent_at and coalition.reverification_sent_at > now - RESEND_AFTER:
                continue
            email_contact(coalition, now=now)
            sent += 1
    return sent


@transaction.atomic
def email_contact(coalition: Coalition, *, now: datetime.datetime | None = None) -> None:
    """Note when the link went, then queue it to the listing's contact (older links stop working)."""
    coalition.reverification_sent_at = now or timezone.now()
    coalition.save(update_fields=["reverification_sent_at", "updated_at"])
    emails.reverification_request(coalition, token=make_token(coalition))


CONTACT_NOTE = "Confirmed by the listed contact."


@transaction.atomic
def confirm_listing(
    coalition: Coalition,
    *,
    by: User | None = None,
    note: str = CONTACT_NOTE,
    link_sent_at: datetime.datetime | None = None,
) -> Coalition:
    """The details are right: verified today, and listed again.

    ``by``/``note`` say who confirmed (the listed contact through the link, or
    a moderator by phone or email). Clearing ``reverification_sent_at`` makes
    the contact's link unusable, so it cannot confirm again; each confirmation
    is recorded in the listing's history.

    Through a link, pass ``link_sent_at`` (the ``reverification_sent_at`` the
    link was checked against): under the row lock the link is checked again,
    so a double-submitted confirm, or one that crosses a moderator taking the
    listing down, raises ``InvalidLinkError`` and changes nothing.
    """
    coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
    if link_sent_at is not None:
        if not coalition.is_public:
            raise InvalidLinkError()
        if coalition.reverification_sent_at != link_sent_at:
            raise InvalidLinkError(replaced=True)
    coalition.last_verified = timezone.localdate()
    coalition.reverification_sent_at = None
    coalition.save(update_fields=["last_verified", "reverification_sent_at", "updated_at"])
    if coalition.listing_status == Coalition.ListingStatus.NEEDS_REVERIFICATION:
        coalition.change_status(Coalition.ListingStatus.LISTED, by=by, note=note)
    else:
        coalition.record_note(note, by=by)
    return coalition
