"""The fulfilment decisions in PRODUCT.md: correcting a tracking number, re-arming the low-stock alert,
and a stock-only permission for fulfilment staff."""

import pytest

from materials import fulfilment, stock
from materials.models import Edition, Order
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.materials.test_stock import low_stock_emails
from tests.signin import sign_in

pytestmark = pytest.mark.django_db
Status = Order.Status


@pytest.fixture
def shipped(placed_order, staff_fulfilment, django_capture_on_commit_callbacks, mailoutbox):
    order = placed_order()
    fulfilment.approve_order(order, by=staff_fulfilment)
    fulfilment.ship_order(order, by=staff_fulfilment, carrier="USPS", tracking_number="9400WRONG")
    mailoutbox.clear()
    return order


def test_a_shipped_orders_tracking_number_can_be_corrected_once_with_one_email(
    client, shipped, staff_fulfilment, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in(client, staff_fulfilment)
    url = f"/admin/materials/order/{shipped.pk}/step/correct-tracking/"
    assert client.get(url).status_code == 200
    data = {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302  # a double click changes nothing more

    shipped.refresh_from_db()
    assert shipped.status == Status.SHIPPED
    assert (shipped.shipping_carrier, shipped.tracking_number) == ("UPS", "1Z999AA10123456784")
    correction = shipped.status_changes.last()
    assert (correction.from_status, correction.to_status) == (Status.SHIPPED, Status.SHIPPED)
    assert correction.changed_by == staff_fulfilment
    assert "9400WRONG" in correction.note
    assert "1Z999AA10123456784" in correction.note
    assert shipped.status_changes.filter(from_status=Status.SHIPPED).count() == 1
    [email] = mailoutbox
    assert email.to == [shipped.email]
    assert email.subject == f"New tracking number for your Rescue & Restore order {shipped.reference}"
    assert "1Z999AA10123456784" in email.body
    assert "1Z999AA10123456784" in email.alternatives[0][0]
    assert "9400WRONG" not in email.body


def test_only_a_shipped_order_offers_a_tracking_correction(client, placed_order, staff_fulfilment, mailoutbox):
    order = placed_order()
    with pytest.raises(InvalidTransitionError, match="only a shipped order"):
        fulfilment.correct_tracking_number(order, by=staff_fulfilment, carrier="UPS", tracking_number="1Z")
    sign_in(client, staff_fulfilment)
    response = client.get(f"/admin/materials/order/{order.pk}/step/correct-tracking/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.tracking_number == ""
    assert order.status_changes.count() == 1


def test_a_cancellation_that_returns_stock_above_the_threshold_re_arms_the_alert(
    placed_order, brochure, staff_fulfilment
):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=65, low_stock_threshold=50)
    first = placed_order()  # 65 → 45: below, alert
    assert low_stock_emails().count() == 1
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is not None

    fulfilment.cancel_order(first, by=staff_fulfilment, reason="Duplicate order")  # 45 → 65: above again
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is None
    placed_order()  # 65 → 45: the next dip alerts again
    assert low_stock_emails().count() == 2


def test_a_cancellation_that_leaves_stock_below_the_threshold_keeps_the_flag(placed_order, brochure, staff_fulfilment):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=60, low_stock_threshold=50)
    stock.record_movement(Edition.objects.get(pk=english.pk), -15, "damaged", by=staff_fulfilment)  # 45: alert
    order = placed_order()  # 25
    fulfilment.cancel_order(order, by=staff_fulfilment, reason="Wrong address")  # back to 45: still low
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is not None
    assert low_stock_emails().count() == 1


def test_fulfilment_changes_stock_only_through_stock_movements(client, brochure, staff_fulfilment):
    material, english, _spanish = brochure
    assert staff_fulfilment.has_perm("materials.record_stock_movement")
    assert not staff_fulfilment.has_perm("materials.change_edition")
    sign_in(client, staff_fulfilment)

    page = client.get(f"/admin/materials/edition/{english.pk}/change/")
    assert page.status_code == 200
    assert f"/admin/materials/edition/{english.pk}/stock/" in page.content.decode()
    edit = {"material": material.pk, "language": "en", "item_code": "RR-CHANGED", "stock_on_hand": 99999}
    edit |= {"per_order_limit": 1, "review_above": 1, "low_stock_threshold": 0, "is_orderable": ""}
    client.post(f"/admin/materials/edition/{english.pk}/change/", edit)
    unchanged = Edition.objects.get(pk=english.pk)
    assert (unchanged.item_code, unchanged.stock_on_hand, unchanged.is_orderable) == ("RR-LBS-EN", 500, True)

    movement = {"change": "25", "reason": "restock", "note": "Printer delivery 4411"}
    assert client.post(f"/admin/materials/edition/{english.pk}/stock/", movement).status_code == 302
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 525


def test_content_editors_edit_editions_but_do_not_record_stock(client, brochure, staff_editor):
    _material, english, _spanish = brochure
    sign_in(client, staff_editor)
    assert client.get(f"/admin/materials/edition/{english.pk}/stock/").status_code == 403
