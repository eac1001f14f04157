"""One function per email the materials app sends."""

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse

from materials.models import Order
from rescue_restore.accounts.roles import FULFILMENT, member_emails
from rescue_restore.i18n.languages import in_language_of, in_staff_language
from rescue_restore.outbox.mail import enqueue_with_transaction, queue_email


def _items(order):
    return list(order.items.select_related("edition__material"))


def queue_new_order_emails(order: Order) -> None:
    """Have a worker write the new order's two emails (below), if the order's transaction commits.

    Placing an order renders no email: the task's row is stored with the
    order (with the database task backend; other backends get it at the
    commit), so the request pays for one small row instead of rendering six
    templates and storing two emails with their two delivery tasks. The
    emails are then as durable as the order itself.
    """
    enqueue_with_transaction(write_new_order_emails, order.pk)


@task(queue_name="mail")
def write_new_order_emails(order_id):
    """The requester's confirmation and the staff notice of a new order, into the outbox together.

    They say what the order is when the worker writes them (an order that
    staff already approved is not called "waiting for review"). An order
    deleted before then (by staff, as spam) gets no email.
    """
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return "gone"
    items = _items(order)
    with transaction.atomic():
        send_order_confirmation(order, items)
        notify_staff_of_order(order, items)
    return "written"


@in_language_of()
def send_order_confirmation(order, items=None):
    """To the requester: the reference, the items and the private status link.

    ``items``: the order's items with their editions and materials, when the caller has them
    already (``write_new_order_emails`` reads them once for both emails); otherwise they are read.
    """
    return queue_email(
        "materials/emails/order_confirmation",
        {
            "order": order,
            "items": _items(order) if items is None else items,
            "status_url": f"{settings.SITE_URL}{order.get_absolute_url()}",
        },
        [order.email],
    )


@in_staff_language
def notify_staff_of_order(order, items=None):
    """To fulfilment staff: a new order, and whether it waits for their review (``items`` as above)."""
    admin_path = reverse("admin:materials_order_change", args=[order.pk])
    return queue_email(
        "materials/emails/order_staff_notification",
        {
            "order": order,
            "items": _items(order) if items is None else items,
            "admin_url": f"{settings.SITE_URL}{admin_path}",
        },
        settings.STAFF_NOTIFY_EMAILS,
        reply_to=[order.email],
    )


def _status_url(order):
    return f"{settings.SITE_URL}{order.get_absolute_url()}"


@in_language_of()
def send_order_approved(order, note=""):
    """To the requester: the order is approved and being packed (with staff's note, if any)."""
    return queue_email(
        "materials/emails/order_approved",
        {"order": order, "items": _items(order), "note": note, "status_url": _status_url(order)},
        [order.email],
    )


@in_language_of()
def send_order_shipped(order):
    """To the requester: shipped, with the carrier and tracking number."""
    return queue_email(
        "materials/emails/order_shipped",
        {"order": order, "items": _items(order), "status_url": _status_url(order)},
        [order.email],
    )


@in_language_of()
def send_tracking_corrected(order):
    """To the requester: the tracking number sent earlier was wrong; here is the right one."""
    return queue_email(
        "materials/emails/tracking_corrected", {"order": order, "status_url": _status_url(order)}, [order.email]
    )


@in_language_of()
def send_order_cancelled(order, reason):
    """To the requester: the order was cancelled, and why."""
    return queue_email(
        "materials/emails/order_closed",
        {"order": order, "items": _items(order), "reason": reason, "declined": False, "status_url": _status_url(order)},
        [order.email],
    )


@in_language_of()
def send_order_declined(order, reason):
    """To the requester: the order held for review was declined, and why."""
    return queue_email(
        "materials/emails/order_closed",
        {"order": order, "items": _items(order), "reason": reason, "declined": True, "status_url": _status_url(order)},
        [order.email],
    )


@in_staff_language
def notify_fulfilment_of_low_stock(editions):
    """To fulfilment staff: these editions just fell below their low-stock threshold."""
    changelist = reverse("admin:materials_edition_changelist")
    return queue_email(
        "materials/emails/low_stock",
        {
            "editions": editions,
            "item_codes": [edition.item_code for edition in editions],
            "admin_url": f"{settings.SITE_URL}{changelist}?stock=low",
        },
        member_emails(FULFILMENT),
    )
