"""Erase addresses of sign-ups never confirmed and of subscribers who left long ago.

An unconfirmed sign-up is erased as soon as its confirmation link has
expired. An address that unsubscribed, bounced, was suspended or complained is
kept for ``UNSUBSCRIBED_RETENTION_MONTHS`` after that (so a complainant gets
no mail for that year, as promised) and then erased. Each erased address
becomes a unique placeholder on the ``.invalid`` domain (the address column
is unique and must never match a real address again); the row, its status and
topics stay, so the counts on the dashboard do not change.
"""

from django.conf import settings
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from listserv.models import Delivery, Subscriber
from rescue_restore.ops.retention import apply, months_ago

LEFT = [
    Subscriber.Status.UNSUBSCRIBED,
    Subscriber.Status.BOUNCED,
    Subscriber.Status.SUSPENDED,
    Subscriber.Status.COMPLAINED,
]


def _erased_fields():
    return {
        "email": Concat(Value("erased-"), Cast("pk", CharField()), Value("@erased.invalid")),
        "name": "",
        "confirmation_nonce": "",
        "address_change_nonce": "",
    }


def purge(now, dry_run):
    expired = Subscriber.objects.expired_signups(now)
    left = Subscriber.objects.filter(
        status__in=LEFT, status_changed_at__lt=months_ago(now, settings.UNSUBSCRIBED_RETENTION_MONTHS)
    )
    counts = {
        "unconfirmed sign-ups": apply(expired, _erased_fields(), dry_run=dry_run, now=now),
        "former subscribers": apply(left, _erased_fields(), dry_run=dry_run, now=now),
    }
    # A provider's delivery error can quote the address ("550 <ana@…> unknown").
    errors = Delivery.objects.filter(subscriber__personal_data_erased_at__isnull=False).exclude(error="")
    if not dry_run:
        errors.update(error="")
    return counts
