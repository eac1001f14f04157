"""The shipped-items report: numbers per month and state, period validation, an accessible SVG chart."""

import datetime
import re

import pytest
from django.utils import timezone

from materials import charts, reports
from materials.admin.reports import default_period
from materials.models import Order, OrderItem
from tests.factories.materials import EditionFactory, OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db
URL = "/admin/materials/order/reports/shipped/"


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def shipments():
    edition, other = EditionFactory(), EditionFactory()

    def ship(state, when, *quantities, status=Order.Status.SHIPPED):
        order = OrderFactory(state=state, status=status, shipped_at=when if status == Order.Status.SHIPPED else None)
        for edition_, quantity in zip([edition, other], quantities, strict=False):
            OrderItem.objects.create(order=order, edition=edition_, quantity=quantity)
        return order

    ship("CA", at(2026, 1, 5), 10, 5)  # 15 in January, CA
    ship("CA", at(2026, 1, 31, 23), 20)  # 11 pm on Jan 31 in New York: still January
    ship("TX", at(2026, 3, 1, 0), 7)  # first minutes of March
    ship("PR", at(2026, 3, 15), 3)
    ship("TX", at(2025, 12, 31, 23), 100)  # before the period
    ship("TX", at(2026, 4, 1, 0), 100)  # after the period
    ship("NY", at(2026, 2, 10), 50, status=Order.Status.APPROVED)  # not shipped: never counts
    ship("NY", at(2026, 2, 10), 50, status=Order.Status.CANCELLED)


def test_numbers_per_month_and_state(shipments):
    months = reports.by_month(datetime.date(2026, 1, 1), datetime.date(2026, 3, 1))
    assert [(row.key, row.label, row.copies, row.orders) for row in months] == [
        ("2026-01", "January 2026", 35, 2),
        ("2026-02", "February 2026", 0, 0),
        ("2026-03", "March 2026", 10, 2),
    ]
    states = reports.by_state(datetime.date(2026, 1, 1), datetime.date(2026, 3, 1))
    assert [(row.key, row.label, row.copies, row.orders) for row in states] == [
        ("CA", "California", 35, 2),
        ("TX", "Texas", 7, 1),
        ("PR", "Puerto Rico", 3, 1),
    ]


def test_report_page_shows_tables_and_accessible_charts(client, staff_fulfilment, shipments):
    sign_in(client, staff_fulfilment)
    response = client.get(URL, {"start": "2026-01", "end": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "January 2026 to March 2026: 45 copies in 4 orders" in html
    assert re.search(r"<th scope=\"row\">January 2026</th>\s*<td class=\"rr-number\">35</td>", html)
    assert re.search(r"<th scope=\"row\">California \(CA\)</th>\s*<td class=\"rr-number\">35</td>", html)
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="month-chart-title month-chart-desc"' in html
    assert '<title id="month-chart-title">' in html
    assert "The table after the chart gives the same numbers." in html
    assert html.count('class="rr-chart__bar"') == 3  # one per month, zero included
    assert " style=" not in html
    assert "<script" not in html.split('id="content"')[1]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-04", "end": "2026-01"}, "cannot be before the first"),
        ({"start": "2020-01", "end": "2026-01"}, "at most 36 months"),
        ({"start": "2026-13", "end": "2026-12"}, "Enter a real month"),
        ({"start": "yesterday", "end": "2026-12"}, "Enter a month as YYYY-MM"),
        ({"start": "2026-01\x00", "end": "2026-12"}, "Null characters are not allowed"),
        ({"end": "2026-12"}, "This field is required"),
    ],
)
def test_invalid_periods_are_explained(client, staff_fulfilment, query, message):
    sign_in(client, staff_fulfilment)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "rr-chart" not in response.content.decode()


def test_default_period_is_the_last_twelve_months():
    assert default_period(datetime.date(2026, 11, 20)) == (datetime.date(2025, 12, 1), datetime.date(2026, 11, 1))
    assert default_period(datetime.date(2026, 12, 2)) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))
    assert default_period(datetime.date(2026, 1, 2)) == (datetime.date(2025, 2, 1), datetime.date(2026, 1, 1))


def test_default_page_works_without_a_period(client, staff_fulfilment):
    sign_in(client, staff_fulfilment)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["months"]) == 12


def test_chart_geometry_scales_to_a_round_maximum():
    rows = [reports.ReportRow("2026-01", "January 2026", "Jan 2026", copies, 1) for copies in (0, 35, 70)]
    chart = charts.column_chart(rows, width=720, height=300)
    heights = [bar.height for bar in chart.bars]
    assert charts.nice_ceiling(70) == 100
    assert heights[0] == 0
    assert heights[2] == pytest.approx(2 * heights[1], abs=0.2)
    assert [tick.value for tick in chart.ticks] == [0, 25, 50, 75, 100]
    bottom = chart.axis[1]
    assert all(bar.y + bar.height == pytest.approx(bottom, abs=0.2) for bar in chart.bars)


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (250, 500), (1000, 1000)])
def test_nice_ceiling(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


def test_dashboard_counts_copies_shipped_this_month(client, staff_fulfilment):
    order = OrderFactory(status=Order.Status.SHIPPED, shipped_at=timezone.now())
    OrderItem.objects.create(order=order, edition=EditionFactory(), quantity=12)
    sign_in(client, staff_fulfilment)
    cards = {card.title: card for card in client.get("/admin/").context["dashboard_cards"]}
    assert cards["Copies shipped this month"].count == 12
    assert cards["Copies shipped this month"].url == URL
