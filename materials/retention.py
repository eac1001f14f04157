"""Erase requesters' details from orders closed long ago (see rescue_restore.ops.retention).

An order is closed once shipped, cancelled or declined; the clock starts at
its last status change. The state, organization type, items, status and
dates stay: the distribution report and the dashboard count exactly as before.
"""

from django.db.models import Max

from materials.models import Order
from rescue_restore.ops.retention import apply, retention_cutoff

CLOSED = [Order.Status.SHIPPED, Order.Status.CANCELLED, Order.Status.DECLINED]
ERASED_FIELDS = {
    "name": "",
    "organization": "",
    "email": "",
    "phone": "",
    "address_line1": "",
    "address_line2": "",
    "city": "",
    "zip_code": "",
    "intended_use": "",
    "tracking_number": "",
}


def purge(now, dry_run):
    closed_long_ago = (
        Order.objects.filter(status__in=CLOSED)
        .annotate(closed_at=Max("status_changes__changed_at"))
        .filter(closed_at__lt=retention_cutoff(now))
        .values("pk")
    )
    orders = Order.objects.filter(pk__in=closed_long_ago)
    return {"orders": apply(orders, ERASED_FIELDS, dry_run=dry_run, now=now)}
