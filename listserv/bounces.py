"""What the email provider tells us through the anymail tracking webhook.

``/anymail/<provider>/tracking/`` is protected by the webhook secret (HTTP
basic auth, checked by anymail before any signal is sent). This module only
decides what an event means for the subscriber:

- a hard bounce, a complaint or an unsubscribe at the provider stops all mail
  and is recorded in the subscriber's history;
- a soft bounce (``deferred``, or a bounce the provider calls temporary) is
  counted, and after ``Subscriber.SOFT_BOUNCE_LIMIT`` in a row the address is
  suspended; a ``delivered`` event resets the count;
- an event the provider sends again (same provider event id) is ignored.
"""

from django.db import IntegrityError, transaction

from listserv.models import ProviderEvent, Subscriber
from rescue_restore.kernel.workflow import InvalidTransitionError

# Postmark files some temporary failures under "bounced"; its Type field says which.
SOFT_BOUNCE_TYPES = {"SoftBounce", "Transient", "DnsError"}

Status = Subscriber.Status


def classify(event):
    """One of "hard", "complaint", "unsubscribe", "soft", "delivered" or None (nothing to do)."""
    esp_event = event.esp_event if isinstance(event.esp_event, dict) else {}
    reason = event.reject_reason
    if event.event_type == "bounced":
        return "soft" if esp_event.get("Type") in SOFT_BOUNCE_TYPES else "hard"
    if event.event_type == "rejected" and reason in {"invalid", "bounced"}:
        return "hard"
    if event.event_type == "complained" or (event.event_type == "rejected" and reason == "spam"):
        return "complaint"
    if event.event_type == "unsubscribed" or (event.event_type == "rejected" and reason == "unsubscribed"):
        return "unsubscribe"
    if event.event_type == "deferred":
        return "soft"
    if event.event_type == "delivered":
        return "delivered"
    return None


def _first_time(provider, provider_event_id):
    """Store the event's id; False if it was already stored (two deliveries at once: the unique key decides)."""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider=provider[:30], event_id=str(provider_event_id)[:200])
    except IntegrityError:
        return False
    return True


TARGET_STATUS = {"hard": Status.BOUNCED, "complaint": Status.COMPLAINED, "unsubscribe": Status.UNSUBSCRIBED}


def handle_tracking(sender, event, esp_name, **kwargs):
    """Receiver for ``anymail.signals.tracking``."""
    kind = classify(event)
    if kind is None or not isinstance(event.recipient, str) or not event.recipient.strip():
        return  # nothing to do, or no address we could look up
    note = f"{esp_name} {event.event_type}: {event.description or ''}".strip()
    record_event(kind, event.recipient, note, event_id=(esp_name, event.event_id) if event.event_id else None)


@transaction.atomic
def record_event(kind, email, note, *, event_id=None):
    """Apply one provider event to the subscriber with that address (if any); returns the subscriber.

    ``event_id`` is ``(provider, the provider's id for the event)``: an event
    seen before (the provider retried its webhook) changes nothing, so a soft
    bounce is never counted twice. The id is stored in the same transaction
    as the event's effect, so a failure leaves it unseen and a retry applies it.
    """
    subscriber = Subscriber.objects.with_email(email).select_for_update().first()
    if subscriber is None:
        return None
    if event_id is not None and not _first_time(*event_id):
        return subscriber
    if kind in TARGET_STATUS:
        try:
            return subscriber.change_status(TARGET_STATUS[kind], note=note)
        except InvalidTransitionError:
            return subscriber  # e.g. a bounce after a complaint: the address is already stopped
    if kind == "delivered":
        if subscriber.soft_bounces_in_a_row:
            subscriber.soft_bounces_in_a_row = 0
            subscriber.save(update_fields=["soft_bounces_in_a_row"])
        return subscriber
    subscriber.soft_bounces_in_a_row += 1
    subscriber.save(update_fields=["soft_bounces_in_a_row"])
    count = subscriber.soft_bounces_in_a_row
    note = f"{note} (temporary failure {count} in a row)"
    if count >= Subscriber.SOFT_BOUNCE_LIMIT and subscriber.status == Status.CONFIRMED:
        return subscriber.change_status(Status.SUSPENDED, note=note)
    return subscriber.record_note(note)
