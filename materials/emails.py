"""One function per email the materials app sends."""

from django.conf import settings
from django.urls import reverse

from rescue_restore.mail import queue_email


def _items(order):
    return list(order.items.select_related("edition__material"))


def send_order_confirmation(order):
    """To the requester: the reference, the items and the private status link."""
    return queue_email(
        "materials/emails/order_confirmation",
        {"order": order, "items": _items(order), "status_url": f"{settings.SITE_URL}{order.get_absolute_url()}"},
        [order.email],
    )


def notify_staff_of_order(order):
    """To fulfilment staff: a new order, and whether it waits for their review."""
    admin_path = reverse("admin:materials_order_change", args=[order.pk])
    return queue_email(
        "materials/emails/order_staff_notification",
        {"order": order, "items": _items(order), "admin_url": f"{settings.SITE_URL}{admin_path}"},
        settings.STAFF_NOTIFY_EMAILS,
        reply_to=[order.email],
    )
