"""Stock kept by staff: movements with a reason, and the low-stock alert.

``record_movement`` is the only way staff change ``Edition.stock_on_hand``
(orders take and return copies in ``services.place_order`` and
``Order.change_status``). ``alert_if_fell_below`` is called wherever stock
goes down and tells fulfilment staff once per dip below the threshold: the
edition's ``low_stock_notified_at`` is set when they are told and cleared
only when a movement brings stock back to the threshold or above.
"""

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from materials import emails
from materials.models import Edition, Order, StockMovement

# The most a stock counter holds (PostgreSQL's integer); beyond it the write fails with a 500.
MAX_STOCK = 2_147_483_647


class StockMovementRefusedError(ValueError):
    """A movement that would leave a negative stock, or that moves nothing."""


def reserved_quantity():
    """``Sum`` of copies promised to open orders, for ``Edition`` querysets (one join, no extra query)."""
    return Sum("order_items__quantity", filter=Q(order_items__order__status__in=Order.RESERVING_STATUSES), default=0)


def record_movement(edition, change, reason, *, by, note=""):
    """Add ``change`` copies (negative: remove) to ``edition`` and record who, why and when.

    Atomic, under a row lock on the edition, so a movement and an order
    placed at the same moment cannot overwrite each other. Refuses with
    ``StockMovementRefusedError`` (nothing stored) a zero change or one that
    would leave fewer than zero copies. Stock back at or above the
    low-stock threshold re-arms the alert; stock falling below it alerts
    fulfilment staff (once). Returns the ``StockMovement``.
    """
    if change == 0:
        raise StockMovementRefusedError("Enter a number of copies other than zero.")
    with transaction.atomic():
        locked = Edition.objects.select_related("material").select_for_update(of=("self",)).get(pk=edition.pk)
        before = locked.stock_on_hand
        if before + change < 0:
            raise StockMovementRefusedError(
                f"{locked.item_code} has {before} copies on hand; {-change} cannot be removed."
            )
        if before + change > MAX_STOCK:
            raise StockMovementRefusedError(
                f"{locked.item_code} has {before:,} copies on hand; adding {change:,} would pass the most "
                f"the stock count can hold ({MAX_STOCK:,}). Check the number."
            )
        locked.stock_on_hand = before + change
        fields = ["stock_on_hand"]
        if not locked.is_low_on_stock and locked.low_stock_notified_at is not None:
            locked.low_stock_notified_at = None
            fields.append("low_stock_notified_at")
        locked.save(update_fields=fields)
        movement = StockMovement.objects.create(
            edition=locked,
            change=change,
            stock_after=locked.stock_on_hand,
            reason=reason,
            note=note,
            recorded_by=by,
        )
        alert_if_fell_below([(locked, before)])
    edition.stock_on_hand, edition.low_stock_notified_at = locked.stock_on_hand, locked.low_stock_notified_at
    return movement


def alert_if_fell_below(editions_with_stock_before):
    """Tell fulfilment staff about editions whose stock just fell below their threshold.

    Takes ``[(edition, stock_before)]`` for editions the caller has locked
    and already saved. An edition is reported only when this change crossed
    the threshold and staff were not already told; one email lists them all.
    """
    fell = [
        edition
        for edition, before in editions_with_stock_before
        if edition.is_orderable
        and edition.is_low_on_stock
        and before >= edition.low_stock_threshold
        and edition.low_stock_notified_at is None
    ]
    if not fell:
        return []
    now = timezone.now()
    for edition in fell:
        edition.low_stock_notified_at = now
        edition.save(update_fields=["low_stock_notified_at"])
    emails.notify_fulfilment_of_low_stock(fell)
    return fell
