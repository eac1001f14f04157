"""What fulfilment staff do to an order: approve, ship, cancel, decline.

Each function is one service call: atomic, the status moved by
``Order.change_status`` (row lock, transition table, history row with who
and the note, stock returned on cancel or decline), and the requester's email
stored in the outbox in the same transaction, so it is sent after commit or
not at all. A refused transition raises ``InvalidTransitionError`` and
changes nothing.
"""

from django.db import transaction

from materials import emails
from materials.models import Order

Status = Order.Status


def approve_order(order, *, by, note=""):
    """Received or held for review → approved; emails the requester."""
    with transaction.atomic():
        order.change_status(Status.APPROVED, by=by, note=note or "Approved.")
        emails.send_order_approved(order, note=note)
    return order


def ship_order(order, *, by, carrier, tracking_number, note=""):
    """Approved → shipped with the carrier and tracking number; emails them to the requester."""
    with transaction.atomic():
        order.change_status(
            Status.SHIPPED,
            by=by,
            note=note or f"Shipped with {carrier}, tracking number {tracking_number}.",
            updates={"shipping_carrier": carrier, "tracking_number": tracking_number},
        )
        emails.send_order_shipped(order)
    return order


def cancel_order(order, *, by, reason):
    """Received or approved → cancelled; copies go back on the shelf; the requester gets the reason."""
    with transaction.atomic():
        order.change_status(Status.CANCELLED, by=by, note=reason)
        emails.send_order_cancelled(order, reason=reason)
    return order


def decline_order(order, *, by, reason):
    """Held for review → declined; copies go back on the shelf; the requester gets the reason."""
    with transaction.atomic():
        order.change_status(Status.DECLINED, by=by, note=reason)
        emails.send_order_declined(order, reason=reason)
    return order
