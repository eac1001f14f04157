"""The distribution report: copies shipped per month and per state in a period.

An order counts in the month (America/New_York, the site's time zone) and
the state it shipped to when it was marked shipped (``Order.shipped_at``);
cancelled and declined orders never ship, so they never count.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from materials.models import Order, OrderItem
from rescue_restore.text.us_states import state_name


@dataclass(frozen=True)
class ReportRow:
    key: str  # "2026-03" or "CA"
    label: str  # "March 2026" or "California"
    short: str  # "Mar 2026" or "CA": the chart's axis label
    copies: int
    orders: int


def months_between(start, end):
    """First days of every month from ``start`` to ``end`` (both included)."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _bounds(start, end):
    """Aware datetimes: the first instant of ``start``'s month and of the month after ``end``."""
    after = (end.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    as_datetime = datetime.datetime.combine
    return (
        timezone.make_aware(as_datetime(start.replace(day=1), datetime.time.min)),
        timezone.make_aware(as_datetime(after, datetime.time.min)),
    )


def shipped_items(start, end):
    """Items of orders shipped from the start of ``start``'s month to the end of ``end``'s."""
    since, until = _bounds(start, end)
    return OrderItem.objects.filter(
        order__status=Order.Status.SHIPPED, order__shipped_at__gte=since, order__shipped_at__lt=until
    )


def by_month(start, end):
    """One row per month in the period, months with nothing shipped included (as zero)."""
    totals = {}
    rows = (
        shipped_items(start, end)
        .annotate(month=TruncMonth("order__shipped_at"))
        .values("month")
        .annotate(copies=Sum("quantity"), orders=Count("order", distinct=True))
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month) if timezone.is_aware(month) else month
            month = month.date()
        totals[month.replace(day=1)] = (row["copies"], row["orders"])
    return [
        ReportRow(f"{month:%Y-%m}", f"{month:%B %Y}", f"{month:%b '%y}", *totals.get(month, (0, 0)))
        for month in months_between(start, end)
    ]


def by_state(start, end):
    """One row per state or territory that received anything, most copies first."""
    rows = (
        shipped_items(start, end)
        .values("order__state")
        .annotate(copies=Sum("quantity"), orders=Count("order", distinct=True))
        .order_by("-copies", "order__state")
    )
    return [
        ReportRow(
            row["order__state"], state_name(row["order__state"]), row["order__state"], row["copies"], row["orders"]
        )
        for row in rows
    ]
