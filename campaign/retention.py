"""Erase senders' details from contact messages received long ago (see rescue_restore.ops.retention)."""

from campaign.models import ContactMessage
from rescue_restore.ops.retention import ERASED, apply, retention_cutoff

ERASED_FIELDS = {"name": ERASED, "email": "", "organization": "", "message": ERASED}


def purge(now, dry_run):
    old = ContactMessage.objects.filter(received_at__lt=retention_cutoff(now))
    return {"contact messages": apply(old, ERASED_FIELDS, dry_run=dry_run, now=now)}
