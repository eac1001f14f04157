"""Every change to an edition's stock, and the rule for what can be ordered: stock's one home.

Three things move ``Edition.stock_on_hand`` and all three are here: an order
takes copies (``take``, from ``services.place_order``), a cancelled or
declined order gives them back (``give_back``, from ``Order.on_status_change``)
and staff record a movement with a reason (``record_movement``, from the
edition admin). Each writes its editions in one statement with their history
rows in another (``_write``), and each treats the low-stock alert the same
way: stock that falls below an edition's threshold tells fulfilment staff
once (``low_stock_notified_at`` is set), and stock back at the threshold or
above re-arms the alert (it is cleared).

``shortfall`` is the rule for whether an edition can supply a quantity; the
order form says what it finds beside the item's box (``field_message``) and
the service says it for the whole order, naming the item (``order_problems``).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from simple_history.manager import HistoryManager
from simple_history.utils import get_history_manager_for_model

from materials import emails
from materials.models import Edition, Order, StockMovement
from rescue_restore.web.pagecache_tags import content_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The most a stock counter holds (PostgreSQL's integer); beyond it the write fails with a 500.
MAX_STOCK = 2_147_483_647


class StockMovementRefusedError(ValueError):
    """A movement that would leave a negative stock, or that moves nothing."""


# --- the rule ----------------------------------------------------------------------------------------------


class Shortfall(enum.Enum):
    """Why an edition cannot supply the copies asked for."""

    WITHDRAWN = "withdrawn"  # no longer orderable in print (or its material was unpublished)
    OUT_OF_STOCK = "out-of-stock"
    TOO_FEW = "too-few"  # some copies left, fewer than asked
    OVER_LIMIT = "over-limit"  # more than one order may ask for


def is_orderable(edition: Edition) -> bool:
    """Print copies may be asked for: ``EditionQuerySet.orderable`` for an edition loaded with its material."""
    material = edition.material
    return edition.is_orderable and material.is_published and material.publication_date <= timezone.localdate()


def shortfall(edition: Edition, wanted: int, *, orderable: bool | None = None) -> Shortfall | None:
    """What stops ``edition`` from supplying ``wanted`` copies, or None when nothing does.

    ``orderable`` is the caller's answer when it has one (the order form's, read
    with the editions); otherwise it is read from the edition and its material.
    Asking for nothing is never short.
    """
    if not wanted:
        return None
    if not (is_orderable(edition) if orderable is None else orderable):
        return Shortfall.WITHDRAWN
    if edition.stock_on_hand == 0:
        return Shortfall.OUT_OF_STOCK
    if wanted > edition.stock_on_hand:
        return Shortfall.TOO_FEW
    if wanted > edition.per_order_limit:
        return Shortfall.OVER_LIMIT
    return None


def limit_message(edition: Edition) -> str:
    """Beside the item's box: the most one order may ask for, and what to do for more."""
    return ngettext(
        "You can order up to %(limit)s copy of this item at a time. If you need more, order %(limit)s "
        "here and write to us through the contact form: staff review larger requests.",
        "You can order up to %(limit)s copies of this item at a time. If you need more, order %(limit)s "
        "here and write to us through the contact form: staff review larger requests.",
        edition.per_order_limit,
    ) % {"limit": edition.per_order_limit}


def field_message(short: Shortfall, edition: Edition) -> str:
    """The shortfall said beside the item's quantity box, with what to type instead."""
    if short is Shortfall.WITHDRAWN:
        return gettext("This item can no longer be ordered in print. Enter 0 to order the rest.")
    if short is Shortfall.OUT_OF_STOCK:
        return gettext("This item is out of stock. Enter 0, or choose another language or item.")
    if short is Shortfall.TOO_FEW:
        left = edition.stock_on_hand
        return ngettext(
            "Only %(left)s copy is left. Enter %(left)s or fewer.",
            "Only %(left)s copies are left. Enter %(left)s or fewer.",
            left,
        ) % {"left": left}
    return limit_message(edition)


def describe(edition: Edition) -> str:
    """The item as a message about the whole order names it."""
    return gettext("“%(title)s” (%(language)s, item %(code)s)") % {
        "title": edition.material.title,
        "language": edition.get_language_display(),
        "code": edition.item_code,
    }


def order_message(short: Shortfall, edition: Edition, wanted: int) -> str:
    """The shortfall said for the whole order, naming the item."""
    item = describe(edition)
    if short is Shortfall.WITHDRAWN:
        return gettext("%(item)s can no longer be ordered in print.") % {"item": item}
    if short is Shortfall.OUT_OF_STOCK:
        return gettext("%(item)s is out of stock.") % {"item": item}
    if short is Shortfall.TOO_FEW:
        left = edition.stock_on_hand
        return ngettext(
            "%(item)s: only %(left)s copy left; you asked for %(wanted)s.",
            "%(item)s: only %(left)s copies left; you asked for %(wanted)s.",
            left,
        ) % {"item": item, "left": left, "wanted": wanted}
    return ngettext(
        "%(item)s can be ordered %(limit)s copy at a time.",
        "%(item)s can be ordered %(limit)s copies at a time.",
        edition.per_order_limit,
    ) % {"item": item, "limit": edition.per_order_limit}


def order_problems(editions: Sequence[Edition], quantities: Mapping[int, int]) -> list[str]:
    """What stops ``editions`` from supplying ``quantities`` ({edition id: copies}); empty when nothing does."""
    problems = []
    if {edition.pk for edition in editions} != set(quantities):
        problems.append(gettext("One of the items you chose is no longer in the catalog."))
    for edition in editions:
        short = shortfall(edition, quantities[edition.pk])
        if short is not None:
            problems.append(order_message(short, edition, quantities[edition.pk]))
    return problems


def reserved_quantity() -> Sum:
    """``Sum`` of copies promised to open orders, for ``Edition`` querysets (one join, no extra query)."""
    return Sum("order_items__quantity", filter=Q(order_items__order__status__in=Order.RESERVING_STATUSES), default=0)


# --- the moves ---------------------------------------------------------------------------------------------


def take(editions: Sequence[Edition], quantities: Mapping[int, int]) -> None:
    """Remove ``quantities`` from ``editions``, which the caller has locked and checked with ``shortfall``.

    For an order, inside its transaction: one UPDATE for all the editions and
    one INSERT for their history rows, whatever their number. Editions that
    fall below their threshold are flagged in the same write and fulfilment
    staff get one email listing them.
    """
    changes = {edition.pk: -quantities[edition.pk] for edition in editions}
    _apply(editions, changes)


def give_back(quantities: Mapping[int, int]) -> None:
    """Put ``quantities`` ({edition id: copies}) back on the shelf: a cancelled or declined order's copies.

    Locks the editions (in primary-key order, as orders do, so the two never
    deadlock) inside the caller's transaction. Stock back at or above an
    edition's threshold re-arms its alert, as a restock does.
    """
    editions = list(Edition.objects.select_for_update().filter(pk__in=quantities).order_by("pk"))
    _apply(editions, quantities)


def record_movement(edition: Edition, change: int, reason: str, *, by: User | None, note: str = "") -> StockMovement:
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
        _apply([locked], {locked.pk: change})
        movement = StockMovement.objects.create(
            edition=locked,
            change=change,
            stock_after=locked.stock_on_hand,
            reason=reason,
            note=note,
            recorded_by=by,
        )
    edition.stock_on_hand, edition.low_stock_notified_at = locked.stock_on_hand, locked.low_stock_notified_at
    return movement


def _apply(editions: Iterable[Edition], changes: Mapping[int, int]) -> list[Edition]:
    """Add ``changes`` to the locked ``editions``, re-arm or fire their low-stock alerts, write them once.

    Returns the editions that just fell below their threshold (fulfilment staff
    have been told about them, in one email).
    """
    now = timezone.now()
    changed, fell, shown = [], [], []
    for edition in editions:
        before = edition.stock_on_hand
        edition.stock_on_hand = before + changes[edition.pk]
        if (before > 0) != (edition.stock_on_hand > 0):
            shown.append(edition)  # pages say "out of stock", never how many: only crossing zero shows
        if _rearms(edition):
            edition.low_stock_notified_at = None
        elif _falls_below(edition, before):
            edition.low_stock_notified_at = now
            fell.append(edition)
        changed.append(edition)
    _write(changed, ["stock_on_hand", "low_stock_notified_at"], shown=shown)
    if fell:
        emails.notify_fulfilment_of_low_stock(fell)
    return fell


def _rearms(edition: Edition) -> bool:
    """Stock is back at or above the threshold after staff were told: the next dip tells them again."""
    return not edition.is_low_on_stock and edition.low_stock_notified_at is not None


def _falls_below(edition: Edition, before: int) -> bool:
    """This change took an orderable edition below its threshold, and staff have not been told yet."""
    return (
        edition.is_orderable
        and edition.is_low_on_stock
        and before >= edition.low_stock_threshold
        and edition.low_stock_notified_at is None
    )


@functools.cache
def _edition_history() -> HistoryManager:
    """The editions' history manager, made once: simple-history builds a new manager class on every access.

    That build (``Manager.from_queryset``) cost more than writing the history row itself
    (docs/performance.md, "Orders"). The manager holds no instance, so one serves every write.
    """
    return get_history_manager_for_model(Edition)


def _write(editions: Sequence[Edition], fields: list[str], *, shown: Sequence[Edition]) -> None:
    """Save ``fields`` of the locked ``editions``: one UPDATE, one INSERT of their history rows.

    A bulk write sends no ``post_save``, so the page cache is told here about
    the editions in ``shown``, whose change a visitor can see (they went in or
    out of stock): their materials' availability goes stale
    (``materials.pagecache.stale_tags``); the other editions' pages stay.
    """
    if not editions:
        return
    with transaction.atomic(savepoint=False):  # as simple_history's bulk_update_with_history
        if len(editions) == 1:
            # Most orders take one edition: a plain UPDATE is far cheaper to build than bulk_update's
            # CASE per field.
            [edition] = editions
            Edition.objects.filter(pk=edition.pk).update(**{field: getattr(edition, field) for field in fields})
        else:
            Edition.objects.bulk_update(editions, fields)
        _edition_history().bulk_history_create(editions, update=True)
    for edition in shown:
        content_changed(Edition, instance=edition, update_fields=fields)
