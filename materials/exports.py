"""CSV export of orders, safe to open in a spreadsheet.

The requester typed most of these fields, so every cell goes through
``rescue_restore.text.spreadsheets.safe_cell`` (no cell is read as a formula).
"""

import csv
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone

from materials.models import OrderItem
from rescue_restore.text.spreadsheets import safe_cell

if TYPE_CHECKING:
    from _typeshed import SupportsWrite
    from django.db.models import QuerySet

    from materials.models import Order

COLUMNS = [
    ("Reference", lambda order: order.reference),
    ("Placed", lambda order: timezone.localtime(order.created_at).strftime("%Y-%m-%d %H:%M")),
    ("Status", lambda order: order.get_status_display()),
    ("Name", lambda order: order.name),
    ("Organization", lambda order: order.organization),
    ("Organization type", lambda order: order.get_organization_type_display()),
    ("Email", lambda order: order.email),
    ("Phone", lambda order: order.phone),
    ("Address line 1", lambda order: order.address_line1),
    ("Address line 2", lambda order: order.address_line2),
    ("City", lambda order: order.city),
    ("State", lambda order: order.state),
    ("ZIP code", lambda order: order.zip_code),
    ("Items", lambda order: "; ".join(f"{item.quantity} x {item.edition.item_code}" for item in order.items.all())),
    ("Copies", lambda order: sum(item.quantity for item in order.items.all())),
    ("Carrier", lambda order: order.shipping_carrier),
    ("Tracking number", lambda order: order.tracking_number),
    ("Intended use", lambda order: order.intended_use),
]


def write_orders(orders: "QuerySet[Order]", out: "SupportsWrite[str]") -> None:
    writer = csv.writer(out)
    writer.writerow([title for title, _value in COLUMNS])
    items = OrderItem.objects.select_related("edition").order_by("edition__item_code")
    for order in orders.prefetch_related(Prefetch("items", queryset=items)).order_by("created_at", "pk"):
        writer.writerow([safe_cell(value(order)) for _title, value in COLUMNS])


def orders_csv_response(orders: "QuerySet[Order]") -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"orders-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # byte-order mark: Excel then reads the file as UTF-8
    write_orders(orders, response)
    return response
