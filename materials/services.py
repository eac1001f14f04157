"""What the materials app does: place an order without losing or overselling it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Func, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from materials import emails, stock
from materials.models import Edition, Order, OrderingPolicy, OrderItem, OrderStatusChange
from materials.models.orders import SUBMISSION_TOKEN

# What an order is placed with: the form's contact and shipping fields.
OrderDetails = Mapping[str, str | date | None]


class OrderRefusedError(Exception):
    """Stock or availability changed since the form was shown; nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class SubmissionTokenReusedError(Exception):
    """The form's one-time token belongs to an order placed with another email address."""


@dataclass(frozen=True)
class PlacedOrder:
    order: Order
    created: bool  # False: the same submission arrived again and found its order


@dataclass(frozen=True)
class OrderRequest:
    """A valid order form's answer: who and where (``details``), {edition id: copies}, its one-time token."""

    details: OrderDetails
    quantities: Mapping[int, int]
    submission_token: str


def submit_order(
    edition_ids: Sequence[int],
    check: Callable[[dict[int, Edition]], OrderRequest | None],
    *,
    also: Callable[[], Any] | None = None,
) -> PlacedOrder | None:
    """Check an order form against its editions as locked for the order, then place the order: one read.

    ``edition_ids`` are every edition the form lists. They are read once,
    locked, with what the order needs; ``check({id: edition})`` builds and
    validates the form against them and returns its ``OrderRequest``, or None
    when the form is not valid (then nothing is stored and None is returned).
    The stock the form was checked against cannot change before the order
    takes it. Otherwise as ``place_order``.
    """
    asked: OrderRequest | None = None
    try:
        with transaction.atomic():
            locked = _locked_editions(edition_ids)
            asked = check({edition.pk: edition for edition in locked})
            if asked is None:
                return None
            chosen = [edition for edition in locked if edition.pk in asked.quantities]
            order = _reserve_and_store(asked, chosen)
            if also is not None:
                also()
    except (IntegrityError, OrderRefusedError):
        # A request with the same token committed first (a double click, a retry, a resubmit
        # after the back button): the unique token caught it, or its order took the copies this
        # request was about to refuse as gone. Either way that order is the answer. Repeats are
        # rare, so they are found here, after the rollback, rather than looked for on every order.
        existing = find_resubmission(asked.submission_token, str(asked.details["email"])) if asked else None
        if existing is None:
            raise
        return PlacedOrder(existing, created=False)
    return PlacedOrder(order, created=True)


def place_order(
    details: OrderDetails,
    quantities: Mapping[int, int],
    submission_token: str,
    *,
    also: Callable[[], Any] | None = None,
) -> PlacedOrder:
    """Reserve stock for ``quantities`` ({edition_id: copies}) and store one order.

    Idempotent: the form's one-time ``submission_token`` is unique on the
    order, so a double click, a back-and-resubmit or a retry returns the order
    the first request stored (``created=False``) and changes nothing, even
    when both requests arrive at the same moment. A token reused with a
    different email address raises ``SubmissionTokenReusedError`` and reveals nothing.

    Atomic: the editions are locked (SELECT … FOR UPDATE, in primary-key
    order so two orders can never deadlock) before their stock is read; if any
    cannot supply its quantity ``OrderRefusedError`` is raised and nothing is
    stored or reserved. The order, its items, its first history row, the stock
    it takes and the task that writes its two emails are committed together;
    a worker writes and sends the emails after the commit. ``also()``, when
    given, runs last inside the same transaction (the order page ends the
    visitor's order list there, so an order costs one commit, not two).

    The order page calls ``submit_order``, which is this with the form checked
    against the same locked read.
    """
    asked = OrderRequest(details, quantities, submission_token)
    # The check always answers, so an order is placed or refused: never None.
    return cast(PlacedOrder, submit_order(list(quantities), lambda _editions: asked, also=also))


def find_resubmission(submission_token: str | None, email: str | None) -> Order | None:
    """The order this same submission already placed, or None: the one look-up of an earlier submission.

    ``place_order`` asks after a refusal; the order page asks before
    validating a repeat again (by then its own first request may have taken
    the last copies, and the stock check would call it out of stock), and
    so does the rate limiter before refusing a repeat. A malformed token is
    never looked up. A token whose order has another email address raises
    ``SubmissionTokenReusedError``.
    """
    if not SUBMISSION_TOKEN.match(submission_token or ""):
        return None
    order = Order.objects.filter(submission_token=submission_token).first()
    if order is not None and order.email.casefold() != (email or "").strip().casefold():
        raise SubmissionTokenReusedError
    return order


def _review_reasons(editions: Sequence[Edition], quantities: Mapping[int, int], usual_total: int) -> list[str]:
    reasons = [
        f"{quantities[edition.pk]} copies of {edition.item_code} (usual most: {edition.review_above})"
        for edition in editions
        if quantities[edition.pk] > edition.review_above
    ]
    total = sum(quantities.values())
    if total > usual_total:
        reasons.append(f"{total} copies in all (usual most: {usual_total})")
    return reasons


def _locked_editions(edition_ids: Sequence[int]) -> list[Edition]:
    """The editions asked for, locked in primary-key order, with what else the form and order need in one query.

    Each row carries its material, the ordering policy's ``usual_total`` and,
    on PostgreSQL, ``new_order_id``:
    the order's id drawn from its sequence once for the whole query, so the
    order is inserted with its reference. A form that turns out not valid
    leaves that id unused: order references can skip a number.
    """
    usual_total = Coalesce(
        Subquery(OrderingPolicy.objects.filter(pk=1).values("usual_total_quantity")),
        Value(OrderingPolicy._meta.get_field("usual_total_quantity").get_default()),
    )
    editions = (
        Edition.objects.select_related("material")
        .filter(pk__in=edition_ids)
        .order_by("pk")
        .select_for_update(of=("self",))
        .annotate(usual_total=usual_total)
    )
    if connection.vendor == "postgresql":
        editions = editions.annotate(new_order_id=_NextId(Value(Order._meta.db_table), Value(Order._meta.pk.column)))
    return list(editions)


class _NextId(Func):
    """The next value of a table's id sequence (PostgreSQL), as a scalar subquery: drawn once per query."""

    template = "(SELECT nextval(pg_get_serial_sequence(%(expressions)s)))"
    output_field = BigIntegerField()


def _reserve_and_store(asked: OrderRequest, editions: Sequence[Edition]) -> Order:
    """Store the order ``asked`` for with the locked ``editions`` it names, or refuse it whole."""
    details, quantities, submission_token = asked.details, asked.quantities, asked.submission_token
    problems = stock.order_problems(editions, quantities)
    if problems:
        raise OrderRefusedError(problems)

    # The first row's annotations (the same on every row): the policy's usual total, the new id or None.
    annotations = vars(editions[0])
    reasons = _review_reasons(editions, quantities, annotations["usual_total"])
    status = Order.Status.HELD_FOR_REVIEW if reasons else Order.Status.RECEIVED
    order = Order(
        **details,
        id=annotations.get("new_order_id"),
        status=status,
        submission_token=submission_token,
        review_reasons="\n".join(reasons),
        created_at=timezone.now(),
    )
    if order.pk is not None:
        order.reference = order.reference_for_id()
        order.save(force_insert=True)
    else:  # a database without sequences (SQLite): the id comes with the insert, then the reference
        order.save(force_insert=True)
        order.reference = order.reference_for_id()
        order.save(update_fields=["reference"])
    OrderItem.objects.bulk_create(
        OrderItem(order=order, edition=edition, quantity=quantities[edition.pk]) for edition in editions
    )
    stock.take(editions, quantities)
    note = "Placed through the website."
    if reasons:
        note += " Held for review: " + "; ".join(reasons) + "."
    OrderStatusChange.objects.create(
        order=order, from_status="", to_status=status, note=note, changed_at=order.created_at
    )
    emails.queue_new_order_emails(order)
    return order
