"""Bulletin deliveries whose claim ran out: settled with the provider, never left behind.

The project's worker (``manage.py run_worker``, ``rescue_restore.ops.worker``) calls
``expire_leases`` every few seconds through ``rescue_restore.kernel.discovery``, and
``/healthz?deep=1`` calls ``stuck_past_lease``. See ``listserv.sending`` for the
claims themselves.
"""

import logging

from django.db import transaction
from django.utils import timezone

from listserv.models import Bulletin, Delivery
from listserv.sending import SWEEP_CLAIMS, send_batches
from rescue_restore.outbox.mail import lease
from rescue_restore.outbox.provider import CLAIM_KEY, DELIVERY_KEY, ProviderCannotAnswerError, accepted_with, can_ask

logger = logging.getLogger(__name__)

WHAT = "bulletin deliveries"


def _accepted_delivery_ids(claim, by_address):
    """Ids of the claim's deliveries the provider accepted; None when it cannot say.

    Each found message names its delivery in its metadata; should a search answer
    leave the metadata out, its recipient (one per message) names it instead.
    """
    if not can_ask():
        return None
    try:
        found = accepted_with(CLAIM_KEY, claim)
    except ProviderCannotAnswerError as error:
        logger.warning("Could not ask the provider about bulletin claim %s: %s", claim, error)
        return None
    ids = set()
    for metadata in found:
        try:
            ids.add(int(metadata.get(DELIVERY_KEY, "")))
        except (TypeError, ValueError):
            addresses = [address.lower() for address in metadata.get("_recipients", [])]
            ids.update(by_address[address] for address in addresses if address in by_address)
    return ids


def expire_leases(now=None, limit=SWEEP_CLAIMS):
    """Take back delivery rows whose claim ran out; returns counts by outcome.

    Per expired claim: its rows are first taken over with one conditional UPDATE
    (so two sweeping workers never settle the same rows), then the provider is
    asked which it accepted; those become SENT, the others PENDING (sent again
    with the same Message-ID), and the bulletin's batches are enqueued again.
    """
    now = now or timezone.now()
    cutoff = now - lease()
    counts = {"confirmed_sent": 0, "retried": 0}
    expired = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff)
    claims = list(expired.order_by().values_list("claim", flat=True).distinct()[:limit])
    bulletins = set()
    for claim in claims:
        taken = list(expired.filter(claim=claim).values_list("pk", "bulletin_id", "subscriber__email"))
        if not expired.filter(pk__in=[pk for pk, _b, _e in taken]).update(claimed_at=now):
            continue  # another worker took them first
        ids = {pk for pk, _b, _e in taken}
        accepted = _accepted_delivery_ids(claim, {email.lower(): pk for pk, _b, email in taken})
        confirmed = ids & accepted if accepted else set()
        if confirmed:
            Delivery.objects.filter(pk__in=confirmed, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.SENT, sent_at=now, error=""
            )
        why = "cannot be asked" if accepted is None else "did not have it"
        counts["retried"] += Delivery.objects.filter(pk__in=ids - confirmed, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, claim="", error=f"Claim ran out; the provider {why}: sent again."[:300]
        )
        counts["confirmed_sent"] += len(confirmed)
        bulletins.update(bulletin_id for _pk, bulletin_id, _email in taken)
    for bulletin_id in bulletins:
        # The batches go on (or the bulletin finishes) from the rows as they are now.
        transaction.on_commit(lambda pk=bulletin_id: send_batches.enqueue(pk))
    if claims:
        logger.warning("Bulletin delivery claims that ran out: %s", counts)
    return counts


def stuck_past_lease(grace, now=None):
    """Delivery rows still SENDING ``grace`` after their lease ended, and the bulletins they hold."""
    now = now or timezone.now()
    stuck = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - lease() - grace)
    return stuck.count()


def stuck_bulletins(grace, now=None):
    """Bulletins in SENDING that hold rows stuck past their lease (for the admin)."""
    now = now or timezone.now()
    return Bulletin.objects.filter(
        status=Bulletin.Status.SENDING,
        deliveries__status=Delivery.Status.SENDING,
        deliveries__claimed_at__lt=now - lease() - grace,
    ).distinct()


def failed_count(since):
    """Deliveries the provider refused since ``since`` (``send_pending_bulletins --retry-failed`` retries them)."""
    return Delivery.objects.filter(status=Delivery.Status.FAILED, claimed_at__gte=since).count()


def claims_report(bulletin, grace, now=None):
    """For the admin: rows being sent, how old the oldest claim is, how many ran out, how many are stuck."""
    now = now or timezone.now()
    sending = Delivery.objects.filter(bulletin=bulletin, status=Delivery.Status.SENDING)
    oldest = sending.order_by("claimed_at").values_list("claimed_at", flat=True).first()
    return {
        "being_sent": sending.count(),
        "oldest_claim_seconds": int((now - oldest).total_seconds()) if oldest else None,
        "lease_seconds": int(lease().total_seconds()),
        "ran_out": sending.filter(claimed_at__lt=now - lease()).count(),
        "stuck": sending.filter(claimed_at__lt=now - lease() - grace).count(),
        "grace_minutes": int(grace.total_seconds() // 60),
    }
