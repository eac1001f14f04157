"""Staff order workflow: each step page, its service, history, stock, emails, and refusals."""

import pytest

from materials import fulfilment
from materials.models import Edition, Order, OrderStatusChange
from rescue_restore.kernel.workflow import InvalidTransitionError
from rescue_restore.models import OutgoingEmail
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

S = Order.Status
STEP_TARGET = {"approve": S.APPROVED, "ship": S.SHIPPED, "cancel": S.CANCELLED, "decline": S.DECLINED}
STEP_DATA = {
    "approve": {"note": "Approved after a call."},
    "ship": {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"},
    "cancel": {"note": "The requester asked us to cancel."},
    "decline": {"note": "We cannot send 500 posters to one address."},
}
ALLOWED = [
    (before, step)
    for before in S
    for step, target in STEP_TARGET.items()
    if target in Order.ALLOWED_TRANSITIONS[before]
]
REFUSED = [
    (before, step)
    for before in S
    for step, target in STEP_TARGET.items()
    if target not in Order.ALLOWED_TRANSITIONS[before]
]


def step_url(order, step):
    return f"/admin/materials/order/{order.pk}/step/{step}/"


@pytest.fixture
def fulfilment_client(client, staff_fulfilment):
    sign_in(client, staff_fulfilment)
    return client


def test_the_steps_cover_every_allowed_transition():
    allowed = {(before, after) for before, targets in Order.ALLOWED_TRANSITIONS.items() for after in targets}
    assert {(before, STEP_TARGET[step]) for before, step in ALLOWED} == allowed


@pytest.mark.parametrize(("before", "step"), ALLOWED)
def test_each_allowed_step_moves_the_order_writes_history_and_emails_the_requester(
    fulfilment_client, staff_fulfilment, placed_order, before, step, mailoutbox, django_capture_on_commit_callbacks
):
    order = placed_order(status=before)
    mailoutbox.clear()
    page = fulfilment_client.get(step_url(order, step))
    assert page.status_code == 200
    assert order.reference in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = fulfilment_client.post(step_url(order, step), STEP_DATA[step])
    assert response.status_code == 302
    assert response["Location"] == f"/admin/materials/order/{order.pk}/change/"
    order.refresh_from_db()
    assert order.status == STEP_TARGET[step]
    change = order.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by) == (before, STEP_TARGET[step], staff_fulfilment)

    [email] = mailoutbox
    assert email.to == ["ana@example.org"]
    html = email.alternatives[0][0]
    assert order.reference in email.subject
    assert f"https://rescue-restore.example.gov/materials/orders/{order.status_token}/" in email.body
    if step == "ship":
        assert "has shipped" in email.subject
        assert (order.shipping_carrier, order.tracking_number) == ("UPS", "1Z999AA10123456784")
        assert order.shipped_at is not None
        assert "1Z999AA10123456784" in email.body
        assert "1Z999AA10123456784" in html
        assert change.note == "Shipped with UPS, tracking number 1Z999AA10123456784."
    else:
        assert change.note == STEP_DATA[step]["note"]
        assert STEP_DATA[step]["note"] in email.body
        assert STEP_DATA[step]["note"] in html
    if step == "approve":
        assert "is approved" in email.subject
    if step == "cancel":
        assert "is cancelled" in email.subject
    if step == "decline":
        assert "could not be sent" in email.subject


@pytest.mark.parametrize(("before", "step"), REFUSED)
def test_every_refused_step_says_why_and_changes_nothing(fulfilment_client, placed_order, before, step):
    order = placed_order(status=before)
    history, emails = order.status_changes.count(), OutgoingEmail.objects.count()
    response = fulfilment_client.post(step_url(order, step), STEP_DATA[step], follow=True)
    order.refresh_from_db()
    assert order.status == before
    assert order.status_changes.count() == history
    assert OutgoingEmail.objects.count() == emails
    [message] = [str(m) for m in response.context["messages"]]
    assert f"is {before.label.lower()}" in message
    assert "Nothing was changed" in message


@pytest.mark.parametrize("step", ["cancel", "decline"])
def test_cancel_and_decline_need_a_reason_and_return_the_stock(fulfilment_client, placed_order, brochure, step):
    _material, english, _spanish = brochure
    order = placed_order(status=S.RECEIVED if step == "cancel" else S.HELD_FOR_REVIEW)
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 480
    empty = fulfilment_client.post(step_url(order, step), {"note": ""})
    assert empty.status_code == 400
    assert "This field is required" in empty.content.decode()
    order.refresh_from_db()
    assert order.status != STEP_TARGET[step]
    fulfilment_client.post(step_url(order, step), {"note": "Duplicate of another order."})
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500
    order.refresh_from_db()
    assert order.stock_returned_at is not None


@pytest.mark.parametrize("tracking", ["", "abc", "1Z999\r\nBcc: x@example.org", "=HYPERLINK(1)", "x" * 41], ids=repr)
def test_shipping_needs_a_plausible_tracking_number(fulfilment_client, placed_order, tracking):
    order = placed_order(status=S.APPROVED)
    response = fulfilment_client.post(step_url(order, "ship"), {"carrier": "USPS", "tracking_number": tracking})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == S.APPROVED
    assert order.tracking_number == ""


def test_order_page_shows_the_steps_the_status_allows_and_a_read_only_history(fulfilment_client, placed_order):
    order = placed_order(status=S.HELD_FOR_REVIEW)
    html = fulfilment_client.get(f"/admin/materials/order/{order.pk}/change/").content.decode()
    assert step_url(order, "approve") in html
    assert step_url(order, "decline") in html
    assert step_url(order, "ship") not in html
    assert step_url(order, "cancel") not in html
    assert "Placed through the website." in html
    assert 'name="status"' not in html
    assert 'name="tracking_number"' not in html
    assert 'name="status_changes-0-note"' not in html


def test_an_unknown_step_is_forbidden(fulfilment_client, placed_order):
    order = placed_order()
    assert fulfilment_client.get(step_url(order, "delete")).status_code == 403


def test_service_refusal_raises_and_stores_nothing(placed_order, staff_fulfilment):
    order = placed_order(status=S.SHIPPED)
    with pytest.raises(InvalidTransitionError, match="is shipped and cannot be cancelled"):
        fulfilment.cancel_order(order, by=staff_fulfilment, reason="Too late")
    assert OutgoingEmail.objects.filter(purpose="materials/emails/order_closed").count() == 0
    assert not OrderStatusChange.objects.filter(order=order, to_status=S.CANCELLED).exists()


# --- Bulk actions -----------------------------------------------------------------------------------------------


def run_action(client, action, orders, **extra):
    data = {"action": action, "_selected_action": [order.pk for order in orders], **extra}
    return client.post("/admin/materials/order/", data)


def test_bulk_approve_approves_what_it_can_and_reports_the_rest(fulfilment_client, placed_order, mailoutbox):
    received, held, shipped = placed_order(), placed_order(status=S.HELD_FOR_REVIEW), placed_order(status=S.SHIPPED)
    response = run_action(fulfilment_client, "approve_selected", [received, held, shipped])
    assert response.status_code == 302
    statuses = {order.pk: order.status for order in Order.objects.all()}
    assert statuses == {received.pk: S.APPROVED, held.pk: S.APPROVED, shipped.pk: S.SHIPPED}
    messages = [str(m) for m in fulfilment_client.get("/admin/materials/order/").context["messages"]]
    assert any("is shipped and cannot be approved" in m for m in messages)
    assert any("Approved 2 order(s)" in m for m in messages)


def test_bulk_ship_asks_for_a_tracking_number_per_approved_order(
    fulfilment_client, placed_order, mailoutbox, django_capture_on_commit_callbacks
):
    first, second, received = placed_order(status=S.APPROVED), placed_order(status=S.APPROVED), placed_order()
    page = run_action(fulfilment_client, "mark_shipped", [first, second, received])
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="tracking_{first.pk}"' in html
    assert f'name="tracking_{second.pk}"' in html
    assert f'name="tracking_{received.pk}"' not in html
    assert f"{received.reference} (received)" in html

    missing = run_action(
        fulfilment_client, "mark_shipped", [first, second], apply="1", carrier="USPS", **{f"tracking_{first.pk}": ""}
    )
    assert missing.status_code == 400
    assert Order.objects.filter(status=S.SHIPPED).count() == 0

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = run_action(
            fulfilment_client,
            "mark_shipped",
            [first, second, received],
            apply="1",
            carrier="FedEx",
            **{f"tracking_{first.pk}": "7712 3456 7890", f"tracking_{second.pk}": "771234567891"},
        )
    assert done.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    received.refresh_from_db()
    assert (first.status, first.shipping_carrier, first.tracking_number) == (S.SHIPPED, "FedEx", "7712 3456 7890")
    assert (second.status, second.tracking_number) == (S.SHIPPED, "771234567891")
    assert received.status == S.RECEIVED
    assert sorted(m.subject for m in mailoutbox) == sorted(
        f"Your Rescue & Restore order {order.reference} has shipped" for order in (first, second)
    )


def test_bulk_ship_with_nothing_approved_says_so(fulfilment_client, placed_order):
    response = run_action(fulfilment_client, "mark_shipped", [placed_order()])
    assert response.status_code == 302
    messages = [str(m) for m in fulfilment_client.get("/admin/materials/order/").context["messages"]]
    assert messages == ["None of the selected orders is approved, so none can be shipped."]
    assert Order.objects.get().status == S.RECEIVED


def test_bulk_ship_where_every_order_was_refused_does_not_report_success(fulfilment_client, placed_order, monkeypatch):
    order = placed_order(status=S.APPROVED)

    def cancelled_meanwhile(order, **_details):
        raise InvalidTransitionError(f"Order {order.reference} is cancelled and cannot be shipped.")

    monkeypatch.setattr(fulfilment, "ship_order", cancelled_meanwhile)
    response = run_action(
        fulfilment_client, "mark_shipped", [order], apply="1", carrier="USPS", **{f"tracking_{order.pk}": "9400 1"}
    )
    assert response.status_code == 302
    messages = [str(m) for m in fulfilment_client.get("/admin/materials/order/").context["messages"]]
    assert messages == [f"Order {order.reference} is cancelled and cannot be shipped.", "No order was marked shipped."]
