"""seed_demo's demo orders: every status, many states and months, a history that follows the table."""

import os

import pytest
from django.core.management import call_command

from materials import reports
from materials.admin.reports import default_period
from materials.models import Order
from rescue_restore.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def seed(*args):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", *args, stdout=quiet)


def test_demo_orders_cover_statuses_states_and_months_and_are_idempotent(media_storage):
    seed()
    seed()
    demo = Order.objects.filter(reference__startswith="RR-DEMO-")
    assert demo.count() == 60
    assert set(demo.values_list("status", flat=True)) == set(Order.Status)
    assert demo.values("state").distinct().count() >= 8
    assert OutgoingEmail.objects.count() == 0
    for order in demo.prefetch_related("status_changes"):
        steps = list(order.status_changes.all())
        assert steps[0].from_status == ""
        for step in steps[1:]:
            assert step.to_status in Order.ALLOWED_TRANSITIONS[Order.Status(step.from_status)], order.reference
        assert steps[-1].to_status == order.status
        assert (order.shipped_at is not None) == (order.status == Order.Status.SHIPPED)
    months = reports.by_month(*default_period())
    assert sum(1 for row in months if row.copies) >= 6  # the report has something to draw

    seed("--orders", "75")
    assert demo.count() == 75
