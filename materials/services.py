"""What the materials app does: place an order without losing or overselling it."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from materials import emails, stock
from materials.forms import SUBMISSION_TOKEN
from materials.models import Edition, Order, OrderingPolicy, OrderItem, OrderStatusChange


class OrderRefusedError(Exception):
    """Stock or availability changed since the form was shown; nothing was stored."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(problems))


class SubmissionTokenReusedError(Exception):
    """The form's one-time token belongs to an order placed with another email address."""


@dataclass(frozen=True)
class PlacedOrder:
    order: Order
    created: bool  # False: the same submission arrived again and found its order


def place_order(details, quantities, submission_token):
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
    a worker writes and sends the emails after the commit.
    """
    try:
        with transaction.atomic():
            order = _reserve_and_store(details, quantities, submission_token)
    except (IntegrityError, OrderRefusedError):
        # A request with the same token committed first (a double click, a retry, a resubmit
        # after the back button): the unique token caught it, or its order took the copies this
        # request was about to refuse as gone. Either way that order is the answer. Repeats are
        # rare, so they are found here, after the rollback, rather than looked for on every order.
        existing = _existing_order(submission_token, details["email"])
        if existing is None:
            raise
        return PlacedOrder(existing, created=False)
    return PlacedOrder(order, created=True)


def find_resubmission(submission_token, email):
    """The order this same submission already placed, or None.

    For the order page to answer a repeat before validating it again: by
    then its own first request may have taken the last copies, and the
    stock check would call it out of stock. Only the token and the email
    together match; a token with another address is left to ``place_order``.
    """
    if not SUBMISSION_TOKEN.match(submission_token or ""):
        return None
    order = Order.objects.filter(submission_token=submission_token).first()
    if order is None or order.email.casefold() != (email or "").strip().casefold():
        return None
    return order


def _existing_order(submission_token, email):
    order = Order.objects.filter(submission_token=submission_token).first()
    if order is not None and order.email.casefold() != email.casefold():
        raise SubmissionTokenReusedError
    return order


def _describe(edition):
    return gettext("“%(title)s” (%(language)s, item %(code)s)") % {
        "title": edition.material.title,
        "language": edition.get_language_display(),
        "code": edition.item_code,
    }


def _problems(editions, quantities):
    """What stops these editions from supplying these quantities (empty when nothing), in the reader's language."""
    problems = []
    found = {edition.pk for edition in editions}
    if found != set(quantities):
        problems.append(gettext("One of the items you chose is no longer in the catalog."))
    for edition in editions:
        wanted = quantities[edition.pk]
        item = _describe(edition)
        if not edition.is_orderable or not edition.material.is_published:
            problems.append(gettext("%(item)s can no longer be ordered in print.") % {"item": item})
        elif edition.stock_on_hand == 0:
            problems.append(gettext("%(item)s is out of stock.") % {"item": item})
        elif wanted > edition.stock_on_hand:
            left = edition.stock_on_hand
            problems.append(
                ngettext(
                    "%(item)s: only %(left)s copy left; you asked for %(wanted)s.",
                    "%(item)s: only %(left)s copies left; you asked for %(wanted)s.",
                    left,
                )
                % {"item": item, "left": left, "wanted": wanted}
            )
        elif wanted > edition.per_order_limit:
            problems.append(
                ngettext(
                    "%(item)s can be ordered %(limit)s copy at a time.",
                    "%(item)s can be ordered %(limit)s copies at a time.",
                    edition.per_order_limit,
                )
                % {"item": item, "limit": edition.per_order_limit}
            )
    return problems


def _review_reasons(editions, quantities):
    reasons = [
        f"{quantities[edition.pk]} copies of {edition.item_code} (usual most: {edition.review_above})"
        for edition in editions
        if quantities[edition.pk] > edition.review_above
    ]
    total = sum(quantities.values())
    usual_total = OrderingPolicy.current().usual_total_quantity
    if total > usual_total:
        reasons.append(f"{total} copies in all (usual most: {usual_total})")
    return reasons


def _reserve_and_store(details, quantities, submission_token):
    editions = list(
        Edition.objects.select_related("material")
        .filter(pk__in=quantities)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    problems = _problems(editions, quantities)
    if problems:
        raise OrderRefusedError(problems)

    reasons = _review_reasons(editions, quantities)
    status = Order.Status.HELD_FOR_REVIEW if reasons else Order.Status.RECEIVED
    order = Order.objects.create(
        **details, status=status, submission_token=submission_token, review_reasons="\n".join(reasons)
    )
    order.reference = f"RR-{timezone.localdate(order.created_at).year}-{order.pk:06d}"
    order.save(update_fields=["reference"])
    OrderItem.objects.bulk_create(
        OrderItem(order=order, edition=edition, quantity=quantities[edition.pk]) for edition in editions
    )
    stock_before = []
    for edition in editions:
        # Safe as a plain write: the row is locked until this transaction ends.
        stock_before.append((edition, edition.stock_on_hand))
        edition.stock_on_hand -= quantities[edition.pk]
        edition.save(update_fields=["stock_on_hand"])
    note = "Placed through the website."
    if reasons:
        note += " Held for review: " + "; ".join(reasons) + "."
    OrderStatusChange.objects.create(order=order, from_status="", to_status=status, note=note)
    emails.queue_new_order_emails(order)
    stock.alert_if_fell_below(stock_before)
    return order
