"""Which orders a packing-slip page prints, loaded in a fixed number of queries."""

from collections.abc import Sequence

from django.db.models import Prefetch

from materials.models import Order, OrderItem

MAX_SLIPS = 200  # one print run; more than this is a sign of a wrong selection


def orders_for_slips(raw_ids: Sequence[str]) -> list[Order]:
    """The orders named by ``raw_ids`` (strings from the query string; junk ignored), oldest first."""
    ids = []
    for raw in raw_ids[:MAX_SLIPS]:
        if raw.isascii() and raw.isdigit() and len(raw) < 12:
            ids.append(int(raw))
    items = OrderItem.objects.select_related("edition__material").order_by("edition__item_code")
    return list(
        Order.objects.filter(pk__in=ids)
        .order_by("created_at", "pk")
        .prefetch_related(Prefetch("items", queryset=items))
    )
