"""What fulfilment staff do to an order: approve, ship, correct a tracking number, cancel, decline.

Each function is one service call: atomic, the status moved by
``change_status`` (``rescue_restore.kernel.workflow``: row lock, transition table, history row with who
and the note, stock returned on cancel or decline), and the requester's email
stored in the outbox in the same transaction, so it is sent after commit or
not at all. A refused transition raises ``InvalidTransitionError`` and
changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from materials import emails
from materials.models import Order
from rescue_restore.kernel.workflow import InvalidTransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Status = Order.Status


def approve_order(order: Order, *, by: User | None, note: str = "") -> Order:
    """Received or held for review → approved; emails the requester."""
    with transaction.atomic():
        order.change_status(Status.APPROVED, by=by, note=note or "Approved.")
        emails.send_order_approved(order, note=note)
    return order


def ship_order(order: Order, *, by: User | None, carrier: str, tracking_number: str, note: str = "") -> Order:
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


def correct_tracking_number(
    order: Order, *, by: User | None, carrier: str, tracking_number: str, note: str = ""
) -> Order:
    """Shipped → still shipped, with the right carrier and tracking number; one email to the requester.

    Atomic, under the order's row lock, with a history row saying what was
    wrong. Only a shipped order can be corrected (``InvalidTransitionError``
    otherwise). The same correction sent twice (a double click) changes
    nothing the second time and sends no second email.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != Status.SHIPPED:
            raise InvalidTransitionError(
                f"Order {locked} is {locked.get_status_display().lower()}: only a shipped order's tracking "
                "number can be corrected."
            )
        if (locked.shipping_carrier, locked.tracking_number) == (carrier, tracking_number):
            order.shipping_carrier, order.tracking_number = carrier, tracking_number
            return order
        before = f"{locked.shipping_carrier} {locked.tracking_number}"
        order.record_note(
            note or f"Tracking number corrected from {before} to {carrier} {tracking_number}.",
            by=by,
            updates={"shipping_carrier": carrier, "tracking_number": tracking_number},
        )
        emails.send_tracking_corrected(order)
    return order


def cancel_order(order: Order, *, by: User | None, reason: str) -> Order:
    """Received or approved → cancelled; copies go back on the shelf; the requester gets the reason."""
    with transaction.atomic():
        order.change_status(Status.CANCELLED, by=by, note=reason)
        emails.send_order_cancelled(order, reason=reason)
    return order


def decline_order(order: Order, *, by: User | None, reason: str) -> Order:
    """Held for review → declined; copies go back on the shelf; the requester gets the reason."""
    with transaction.atomic():
        order.change_status(Status.DECLINED, by=by, note=reason)
        emails.send_order_declined(order, reason=reason)
    return order
