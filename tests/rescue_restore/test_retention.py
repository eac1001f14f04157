"""Issue 13 item 15: personal data is erased after its retention period; anonymous counts do not change."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from campaign.models import ContactMessage
from coalitions.models import AffiliationRequest, OutdatedReport, RequestHistory
from listserv.models import Delivery, Subscriber
from materials import reports
from materials.models import Order, OrderItem, OrderStatusChange
from rescue_restore.kernel.discovery import app_modules
from rescue_restore.models import OutgoingEmail
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.factories.materials import EditionFactory, OrderFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LONG_AGO = NOW - timedelta(days=600)  # past the 18-month default
RECENTLY = NOW - timedelta(days=200)


def _order(status, when, state="CA", quantity=10):
    order = OrderFactory(status=status, state=state, shipped_at=when if status == Order.Status.SHIPPED else None)
    if status in Order.RETURNS_STOCK:
        Order.objects.filter(pk=order.pk).update(stock_returned_at=when)
    OrderItem.objects.create(order=order, edition=EditionFactory(), quantity=quantity)
    OrderStatusChange.objects.create(order=order, from_status="", to_status="received", changed_at=when)
    OrderStatusChange.objects.create(order=order, from_status="received", to_status=status, changed_at=when)
    return order


def _request(status, when):
    request = AffiliationRequestFactory(status=status, phone="202-555-0100", contact_role="Chair")
    RequestHistory.objects.create(request=request, from_status="submitted", to_status=status, changed_at=when)
    return request


def _outbox(status, when):
    return OutgoingEmail.objects.create(
        purpose="materials/emails/order_shipped",
        recipients=["ana@example.org"],
        subject="Your order has shipped, Ana",
        body_text="Dear Ana, 200 Independence Ave SW",
        body_html="<p>Dear Ana</p>",
        headers={"List-Unsubscribe": "<https://example.gov/listserv/unsubscribe/token/>"},
        status=status,
        sent_at=when if status == OutgoingEmail.Status.SENT else None,
    )


@pytest.fixture
def data():
    old_shipped = [_order(Order.Status.SHIPPED, LONG_AGO, state) for state in ["CA", "CA", "TX"]]
    rows = {
        "old_shipped": old_shipped,
        "old_cancelled": _order(Order.Status.CANCELLED, LONG_AGO),
        "old_declined": _order(Order.Status.DECLINED, LONG_AGO),
        "recent_shipped": _order(Order.Status.SHIPPED, RECENTLY),
        "old_open": _order(Order.Status.APPROVED, LONG_AGO),
        "old_request": _request(AffiliationRequest.Status.DECLINED, LONG_AGO),
        "recent_request": _request(AffiliationRequest.Status.APPROVED, RECENTLY),
        "open_request": _request(AffiliationRequest.Status.MORE_INFORMATION_REQUESTED, LONG_AGO),
        "expired_signup": SubscriberFactory(
            status=Subscriber.Status.PENDING, confirmed_at=None, created_at=NOW - timedelta(days=8)
        ),
        "fresh_signup": SubscriberFactory(
            status=Subscriber.Status.PENDING, confirmed_at=None, created_at=NOW - timedelta(days=1)
        ),
        "long_gone": SubscriberFactory(
            status=Subscriber.Status.UNSUBSCRIBED, status_changed_at=NOW - timedelta(days=400), name="Ana"
        ),
        "just_left": SubscriberFactory(
            status=Subscriber.Status.COMPLAINED, status_changed_at=NOW - timedelta(days=100)
        ),
        "confirmed": SubscriberFactory(status_changed_at=NOW - timedelta(days=1000)),
        "old_sent": _outbox(OutgoingEmail.Status.SENT, NOW - timedelta(days=31)),
        "old_failed": _outbox(OutgoingEmail.Status.FAILED, None),
        "recent_sent": _outbox(OutgoingEmail.Status.SENT, NOW - timedelta(days=2)),
        "pending_mail": _outbox(OutgoingEmail.Status.PENDING, None),
    }
    OutgoingEmail.objects.filter(pk=rows["old_failed"].pk).update(created_at=NOW - timedelta(days=40))
    rows["old_message"] = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", organization="Clinic", topic="other", message="Call me at 202-555-0100"
    )
    rows["recent_message"] = ContactMessage.objects.create(
        name="Bo", email="bo@example.org", topic="other", message="Hello"
    )
    ContactMessage.objects.filter(pk=rows["old_message"].pk).update(received_at=LONG_AGO)
    coalition = CoalitionFactory()
    rows["old_report"] = OutdatedReport.objects.create(
        coalition=coalition, message="Jane moved", email="jo@example.org", received_at=LONG_AGO
    )
    return rows


def _purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def _figures():
    start, end = (LONG_AGO - timedelta(days=60)).date(), NOW.date()
    return reports.by_month(start, end), reports.by_state(start, end)


def _dashboard(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return [(card.title, card.count) for _app, module in app_modules("dashboard") for card in module.cards(request)]


def test_the_shipped_report_and_the_dashboard_are_identical_before_and_after(data, superuser):
    before_report, before_dashboard = _figures(), _dashboard(superuser)
    assert sum(row.copies for row in before_report[0]) == 40
    _purge()
    assert _figures() == before_report
    assert _dashboard(superuser) == before_dashboard
    assert Order.objects.count() == 7
    assert Subscriber.objects.count() == 5


def test_closed_orders_past_the_period_lose_the_requesters_details(data):
    _purge()
    for order in [*data["old_shipped"], data["old_cancelled"], data["old_declined"]]:
        order.refresh_from_db()
        assert order.personal_data_erased_at is not None
        assert (order.name, order.email, order.phone, order.address_line1, order.city, order.zip_code) == ("",) * 6
        assert order.intended_use == ""
        assert order.state in {"CA", "TX"}  # the report still counts by state
    for kept in [data["recent_shipped"], data["old_open"]]:
        kept.refresh_from_db()
        assert kept.personal_data_erased_at is None
        assert kept.email == "ana@example.org"


def test_requests_messages_and_reports_past_the_period_are_erased(data):
    _purge()
    old = AffiliationRequest.objects.get(pk=data["old_request"].pk)
    assert (old.contact_name, old.email, old.phone, old.contact_role) == ("(erased)", "", "", "")
    for kept in ["recent_request", "open_request"]:
        assert AffiliationRequest.objects.get(pk=data[kept].pk).personal_data_erased_at is None
    message = ContactMessage.objects.get(pk=data["old_message"].pk)
    assert (message.name, message.email, message.organization, message.message) == ("(erased)", "", "", "(erased)")
    assert ContactMessage.objects.get(pk=data["recent_message"].pk).email == "bo@example.org"
    report = OutdatedReport.objects.get(pk=data["old_report"].pk)
    assert (report.email, report.message) == ("", "(erased)")


def test_expired_sign_ups_and_long_gone_subscribers_are_erased(data):
    bulletin = BulletinFactory()
    Delivery.objects.create(bulletin=bulletin, subscriber=data["long_gone"], error="550 <person@example.org> unknown")
    Delivery.objects.create(bulletin=bulletin, subscriber=data["confirmed"], error="421 try later")
    _purge()
    assert list(Delivery.objects.order_by("pk").values_list("error", flat=True)) == ["", "421 try later"]
    for erased in ["expired_signup", "long_gone"]:
        subscriber = Subscriber.objects.get(pk=data[erased].pk)
        assert subscriber.email == f"erased-{subscriber.pk}@erased.invalid"
        assert subscriber.name == ""
        assert subscriber.personal_data_erased_at is not None
    for kept in ["fresh_signup", "just_left", "confirmed"]:
        assert Subscriber.objects.get(pk=data[kept].pk).email == data[kept].email


def test_outbox_copies_are_erased_after_delivery_or_failure(data):
    _purge()
    for erased in ["old_sent", "old_failed"]:
        email = OutgoingEmail.objects.get(pk=data[erased].pk)
        assert (email.recipients, email.body_text, email.body_html, email.headers) == ([], "", "", {})
        assert "Ana" not in email.subject
        assert email.purpose == "materials/emails/order_shipped"
    for kept in ["recent_sent", "pending_mail"]:
        assert OutgoingEmail.objects.get(pk=data[kept].pk).recipients == ["ana@example.org"]


def test_dry_run_counts_and_changes_nothing_and_a_second_run_erases_nothing(data):
    dry = _purge("--dry-run")
    assert "materials: would erase 5 orders" in dry
    assert Order.objects.filter(personal_data_erased_at__isnull=False).count() == 0
    assert Order.objects.filter(email="ana@example.org").count() == 7
    first = _purge()
    for line in [
        "materials: erased 5 orders",
        "coalitions: erased 1 affiliation requests",
        "coalitions: erased 1 outdated-listing reports",
        "campaign: erased 1 contact messages",
        "listserv: erased 1 unconfirmed sign-ups",
        "listserv: erased 1 former subscribers",
        "rescue_restore: erased 2 outbox emails",
    ]:
        assert line in first, (line, first)
    second = _purge()
    assert " erased 0 orders" in second
    assert all(line.split(": erased ")[1].startswith("0 ") for line in second.splitlines())


def test_the_period_is_a_setting(data, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 120
    assert "materials: erased 0 orders" in _purge()
    settings.PERSONAL_DATA_RETENTION_MONTHS = 1
    assert "materials: erased 6 orders" in _purge()


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refuses to run in production"):
        call_command("seed_demo", stdout=io.StringIO())
    assert Order.objects.count() == 0


def test_retention_modules_are_found_for_every_app():
    assert sorted(app for app, _module in app_modules("retention")) == [
        "campaign",
        "coalitions",
        "listserv",
        "materials",
    ]
