"""Erase contacts' details from closed coalition requests and old outdated-listing reports.

A request is closed once approved, declined or answered with guidance; the
clock starts at its last status change. What an approved request put in the
public directory lives on the ``Coalition`` listing, which is not touched.
"""

from django.db.models import Max

from coalitions.models import AffiliationRequest, OutdatedReport
from rescue_restore.ops.retention import ERASED, apply, retention_cutoff

ERASED_FIELDS = {
    "contact_name": ERASED,
    "contact_role": "",
    "organization": "",
    "email": "",
    "phone": "",
    "applicant_note": "",
}


def purge(now, dry_run):
    cutoff = retention_cutoff(now)
    closed_long_ago = (
        AffiliationRequest.objects.exclude(status__in=AffiliationRequest.OPEN_STATUSES)
        .annotate(closed_at=Max("history__changed_at"))
        .filter(closed_at__lt=cutoff)
        .values("pk")
    )
    requests = AffiliationRequest.objects.filter(pk__in=closed_long_ago)
    counts = {"affiliation requests": apply(requests, ERASED_FIELDS, dry_run=dry_run, now=now)}
    # Reports have no erasure stamp: an erased one has no email and the placeholder message.
    reports = OutdatedReport.objects.filter(received_at__lt=cutoff).exclude(email="", message=ERASED)
    counts["outdated-listing reports"] = reports.count() if dry_run else reports.update(email="", message=ERASED)
    return counts
