"""Issue 20 item 3: an order's private status link expires with the order's retention period."""

import datetime

import pytest
import time_machine

from materials import services
from materials.models import Order
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db

PLACED = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def order(brochure):
    _material, english, _spanish = brochure
    with time_machine.travel(PLACED, tick=False):
        return services.place_order(
            {**VALID_DETAILS, "needed_by": None}, {english.pk: 2}, "links-test-0123456789"
        ).order


def status_page(client, order):
    return client.get(f"/materials/orders/{order.status_token}/")


def months_after(moment, months):
    return moment + datetime.timedelta(days=31 * months)


def test_an_open_order_keeps_its_link_however_long_it_is_open(client, order, settings):
    with time_machine.travel(months_after(PLACED, settings.PERSONAL_DATA_RETENTION_MONTHS + 6), tick=False):
        assert status_page(client, order).status_code == 200


def test_a_closed_order_link_works_within_the_period_and_expires_after_it(client, order, settings):
    with time_machine.travel(PLACED + datetime.timedelta(days=1), tick=False):
        order.change_status(Order.Status.CANCELLED, note="test")
        assert status_page(client, order).status_code == 200
    with time_machine.travel(months_after(PLACED, settings.PERSONAL_DATA_RETENTION_MONTHS - 1), tick=False):
        assert status_page(client, order).status_code == 200
    with time_machine.travel(months_after(PLACED, settings.PERSONAL_DATA_RETENTION_MONTHS + 1), tick=False):
        expired = status_page(client, order)
        assert expired.status_code == 410
        assert "This order link has expired" in expired.text
        assert order.reference not in expired.text
        assert order.name not in expired.text
        assert expired["Cache-Control"].startswith("no-store") or "no-store" in expired["Cache-Control"]
        assert client.get(f"/materials/orders/{order.status_token}/received/").status_code == 410


def test_an_erased_order_link_opens_nothing(client, order):
    Order.objects.filter(pk=order.pk).update(personal_data_erased_at=datetime.datetime.now(tz=datetime.UTC))
    assert status_page(client, order).status_code == 410
