"""Erasing personal data after its retention period, with anonymous counts kept.

``manage.py purge_personal_data`` (run daily by the scheduler) calls
``purge(now, dry_run)`` in each project app's ``retention.py`` and this
module's own ``purge`` for the outbox. Each returns ``{what: count}``.

Erasing means blanking the personal fields of a row and stamping
``personal_data_erased_at``; the row itself stays, with its status, dates,
state and items, so the shipped report, the dashboards and every other count
come out the same before and after. Each purge is one UPDATE per kind of row,
so it is safe to run twice, or to interrupt. ``docs/privacy.md`` lists every
field, who sees it and how long it is kept.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from rescue_restore.models import OutgoingEmail

ERASED = "(erased)"


def months_ago(now: datetime, months: float) -> datetime:
    """``now`` less a number of months (a month counted as 365.25 / 12 days)."""
    return now - timedelta(days=round(months * 365.25 / 12))


def retention_cutoff(now: datetime) -> datetime:
    """Closed orders, requests and messages older than this lose their personal data."""
    return months_ago(now, settings.PERSONAL_DATA_RETENTION_MONTHS)


def apply(queryset: QuerySet[Any], changes: Mapping[str, object], *, dry_run: bool, now: datetime) -> int:
    """Erase ``changes`` on every not-yet-erased row of ``queryset``; how many rows (would have)."""
    pending = queryset.filter(personal_data_erased_at__isnull=True)
    if dry_run:
        return pending.count()
    return pending.update(**changes, personal_data_erased_at=now)


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    """Outbox rows delivered or given up on more than ``OUTBOX_RETENTION_DAYS`` ago lose recipients and text."""
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    done = OutgoingEmail.objects.filter(
        Q(status=OutgoingEmail.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutgoingEmail.Status.FAILED, created_at__lt=cutoff)
    )
    changes: dict[str, object] = {
        "recipients": [],
        "reply_to": [],
        "headers": {},
        "subject": ERASED,
        "body_text": "",
        "body_html": "",
    }
    return {"outbox emails": apply(done, changes, dry_run=dry_run, now=now)}
