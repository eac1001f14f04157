"""Stock: movements with history, reserved copies in the list, and the low-stock alert sent once."""

import pytest

from materials import services, stock
from materials.models import Edition, Order, StockMovement
from rescue_restore.models import OutgoingEmail
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.conftest import VALID_DETAILS
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def movement_url(edition):
    return f"/admin/materials/edition/{edition.pk}/stock/"


def low_stock_emails():
    return OutgoingEmail.objects.filter(purpose="materials/emails/low_stock")


def test_restock_is_recorded_as_a_movement_with_who_and_why(client, staff_fulfilment, brochure):
    _material, english, _spanish = brochure
    sign_in(client, staff_fulfilment)
    assert client.get(movement_url(english)).status_code == 200
    response = client.post(
        movement_url(english), {"change": "2000", "reason": "restock", "note": "Printer delivery 4471"}
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.stock_on_hand == 2500
    movement = StockMovement.objects.get()
    assert (movement.change, movement.stock_after, movement.reason, movement.note, movement.recorded_by) == (
        2000,
        2500,
        "restock",
        "Printer delivery 4471",
        staff_fulfilment,
    )
    html = client.get(f"/admin/materials/edition/{english.pk}/change/").content.decode()
    assert "Printer delivery 4471" in html  # the movement history on the edition page
    assert 'name="stock_on_hand"' not in html  # never typed by hand


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"change": "0", "reason": "restock"}, "other than zero"),
        ({"change": "-501", "reason": "count-correction"}, "has 500 copies on hand; 501 cannot be removed"),
        ({"change": "10", "reason": "damaged"}, "enter a negative number"),
        ({"change": "ten", "reason": "restock"}, "Enter a whole number"),
        ({}, "This field is required"),
    ],
)
def test_impossible_movements_are_refused_and_change_nothing(client, staff_fulfilment, brochure, data, message):
    _material, english, _spanish = brochure
    sign_in(client, staff_fulfilment)
    response = client.post(movement_url(english), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500
    assert not StockMovement.objects.exists()


def test_a_restock_past_what_the_stock_count_holds_is_refused_not_a_crash(client, staff_fulfilment, brochure):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=2_147_483_637)
    sign_in(client, staff_fulfilment)
    response = client.post(movement_url(english), {"change": "1000", "reason": "restock"})
    assert response.status_code == 400
    assert "the most the stock count can hold" in response.content.decode()
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 2_147_483_637
    assert not StockMovement.objects.exists()
    assert client.post(movement_url(english), {"change": "10", "reason": "restock"}).status_code == 302
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 2_147_483_647  # PostgreSQL integer maximum


def test_editors_cannot_record_movements(client, staff_editor, brochure):
    _material, english, _spanish = brochure
    sign_in(client, staff_editor)
    assert client.post(movement_url(english), {"change": "5", "reason": "restock"}).status_code == 403
    assert (
        "Record a stock movement" not in client.get(f"/admin/materials/edition/{english.pk}/change/").content.decode()
    )


def test_edition_list_shows_stock_on_hand_and_reserved(client, staff_fulfilment, brochure, placed_order):
    _material, english, _spanish = brochure
    placed_order()  # 20 reserved, received
    placed_order(status=Order.Status.APPROVED)  # 20 reserved
    placed_order(status=Order.Status.SHIPPED)  # gone: not reserved any more
    sign_in(client, staff_fulfilment)
    response = client.get("/admin/materials/edition/")
    row = next(r for r in response.context["cl"].result_list if r.pk == english.pk)
    assert row.stock_on_hand == 440
    assert row.reserved_copies == 40


def test_falling_below_the_threshold_alerts_fulfilment_once_until_restocked(
    client, staff_fulfilment, order_post, brochure, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=70, low_stock_threshold=50)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/materials/order/", order_post({english: 15}))  # 55: still above
    assert low_stock_emails().count() == 0

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/materials/order/", order_post({english: 10}))  # 45: fell below
    [alert] = [m for m in mailoutbox if m.subject.startswith("Low stock")]
    assert alert.to == [staff_fulfilment.email]
    assert alert.subject == "Low stock: RR-LBS-EN"
    assert "45 on hand, threshold 50" in alert.body
    assert "45 on hand, threshold 50" in alert.alternatives[0][0]
    assert "https://rescue-restore.example.gov/admin/materials/edition/?stock=low" in alert.body
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is not None

    client.post("/materials/order/", order_post({english: 10}))  # 35: still below, already told
    assert low_stock_emails().count() == 1

    # A restock above the threshold re-arms the alert; the next dip alerts again.
    stock.record_movement(english, 100, "restock", by=staff_fulfilment)
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is None
    client.post("/materials/order/", order_post({english: 90}))  # 135 → 45
    assert low_stock_emails().count() == 2


def test_a_restock_that_stays_below_the_threshold_keeps_the_flag(staff_fulfilment, brochure):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=60, low_stock_threshold=50)
    english.refresh_from_db()
    stock.record_movement(english, -20, "damaged", by=staff_fulfilment, note="Water damage")  # 40: alert
    assert low_stock_emails().count() == 1
    stock.record_movement(english, 5, "returned", by=staff_fulfilment)  # 45: still low, still flagged
    assert Edition.objects.get(pk=english.pk).low_stock_notified_at is not None
    stock.record_movement(english, -5, "count-correction", by=staff_fulfilment)
    assert low_stock_emails().count() == 1


def test_alert_goes_to_the_division_when_fulfilment_has_nobody(settings, brochure, superuser):
    _material, english, _spanish = brochure
    settings.STAFF_NOTIFY_EMAILS = ["division@rescue-restore.example.gov"]
    stock.record_movement(english, -460, "count-correction", by=superuser)
    assert low_stock_emails().get().recipients == ["division@rescue-restore.example.gov"]


def test_dashboard_shows_low_stock_editions(client, staff_fulfilment):
    EditionFactory(stock_on_hand=10, low_stock_threshold=50)
    EditionFactory(stock_on_hand=0, low_stock_threshold=50)
    EditionFactory(stock_on_hand=0, low_stock_threshold=50, is_orderable=False)  # download-only: not "low"
    EditionFactory(stock_on_hand=80, low_stock_threshold=50)
    sign_in(client, staff_fulfilment)
    cards = {card.title: card for card in client.get("/admin/").context["dashboard_cards"]}
    assert cards["Editions low on stock"].count == 2
    assert cards["Editions low on stock"].attention
    listed = client.get(cards["Editions low on stock"].url).context["cl"].result_list
    assert len(listed) == 2


def test_an_order_taking_many_editions_below_their_threshold_is_kept(brochure):
    """The alert's subject named every edition and outgrew its column: on PostgreSQL the order was lost (500)."""
    editions = [
        EditionFactory(
            material=MaterialFactory(title=f"Material {n}"),
            item_code=f"RR-A-RATHER-LONG-WAREHOUSE-CODE-{n:03d}-EN",
            stock_on_hand=55,
            low_stock_threshold=50,
        )
        for n in range(12)
    ]
    placed = services.place_order(
        {**VALID_DETAILS, "needed_by": None}, {edition.pk: 10 for edition in editions}, "many-low-token-0123456789"
    )
    assert placed.created
    alert = low_stock_emails().get()
    assert alert.subject == f"Low stock: {', '.join(e.item_code for e in editions[:3])} and 9 more"
    assert all(edition.item_code in alert.body_text for edition in editions)
