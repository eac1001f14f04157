"""The order's transition table: allowed changes, refused changes, history rows, stock returned once."""

import pytest

from materials import services
from materials.models import Edition, Order
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db

S = Order.Status
ALLOWED = [
    (S.RECEIVED, S.APPROVED),
    (S.RECEIVED, S.CANCELLED),
    (S.HELD_FOR_REVIEW, S.APPROVED),
    (S.HELD_FOR_REVIEW, S.DECLINED),
    (S.APPROVED, S.SHIPPED),
    (S.APPROVED, S.CANCELLED),
]
REFUSED = [(before, after) for before in S for after in S if (before, after) not in ALLOWED]


@pytest.fixture
def placed(brochure):
    _material, english, spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    return services.place_order(details, {english.pk: 20, spanish.pk: 2}, "status-test-token-0123456789").order


def force_status(order, status):
    Order.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()


def test_table_covers_every_status():
    assert set(Order.ALLOWED_TRANSITIONS) == set(S)


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_allowed_transitions_write_history(placed, staff_fulfilment, before, after):
    force_status(placed, before)
    placed.change_status(after, by=staff_fulfilment, note="Checked by phone")
    placed.refresh_from_db()
    assert placed.status == after
    change = placed.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        before,
        after,
        staff_fulfilment,
        "Checked by phone",
    )


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_every_other_transition_is_refused_with_a_clear_message(placed, before, after):
    force_status(placed, before)
    history = placed.status_changes.count()
    with pytest.raises(InvalidTransitionError, match=rf"is {before.label.lower()} and cannot be {after.label.lower()}"):
        placed.change_status(after)
    placed.refresh_from_db()
    assert placed.status == before
    assert placed.status_changes.count() == history


@pytest.mark.parametrize(("before", "after"), [(S.RECEIVED, S.CANCELLED), (S.HELD_FOR_REVIEW, S.DECLINED)])
def test_cancel_and_decline_return_reserved_stock_once(placed, before, after):
    force_status(placed, before)
    assert Edition.objects.get(item_code="RR-LBS-EN").stock_on_hand == 480
    assert Edition.objects.get(item_code="RR-LBS-ES").stock_on_hand == 1
    placed.change_status(after)
    assert Edition.objects.get(item_code="RR-LBS-EN").stock_on_hand == 500
    assert Edition.objects.get(item_code="RR-LBS-ES").stock_on_hand == 3
    assert placed.stock_returned_at is not None
    with pytest.raises(InvalidTransitionError):
        placed.change_status(after)
    assert Edition.objects.get(item_code="RR-LBS-EN").stock_on_hand == 500


def test_shipping_keeps_the_stock_taken(placed):
    placed.change_status(S.APPROVED)
    placed.change_status(S.SHIPPED)
    assert Edition.objects.get(item_code="RR-LBS-EN").stock_on_hand == 480
    assert placed.stock_returned_at is None


def test_a_stale_copy_cannot_skip_the_table(placed):
    """Two staff with the same page open: the second change is checked against the locked, current row."""
    other_copy = Order.objects.get(pk=placed.pk)
    placed.change_status(S.CANCELLED)
    with pytest.raises(InvalidTransitionError, match="is cancelled"):
        other_copy.change_status(S.APPROVED)


def test_status_page_follows_the_order(client, placed):
    placed.change_status(S.APPROVED)
    placed.change_status(S.SHIPPED)
    Order.objects.filter(pk=placed.pk).update(shipping_carrier="USPS", tracking_number="9400100000000000000000")
    html = client.get(placed.get_absolute_url()).content.decode()
    assert 'data-order-status="shipped"' in html
    assert "9400100000000000000000" in html
