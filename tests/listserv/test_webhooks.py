"""Provider webhooks (Postmark's real payloads through anymail): bounces, complaints, unsubscribes, soft bounces."""

import base64
import itertools
import json

import pytest

from listserv.models import ProviderEvent, Subscriber
from tests.factories.listserv import SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"
# Postmark gives every bounce record its own ID; a retried webhook repeats it.
BOUNCE_IDS = itertools.count(4323372036854775807)


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hooks:s3cret-value"}
    settings.EMAIL_PROVIDER = "postmark"  # only the configured provider's webhook answers


def _auth(secret="hooks:s3cret-value"):  # noqa: S107 (a test secret)
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def bounce(email, bounce_type="HardBounce", record_type="Bounce", bounce_id=None):
    # Postmark's bounce webhook, as documented (https://postmarkapp.com/developer/webhooks/bounce-webhook).
    return {
        "RecordType": record_type,
        "MessageStream": "outbound",
        "ID": bounce_id or next(BOUNCE_IDS),
        "Type": bounce_type,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "Test bounce details",
        "Email": email,
        "From": "no-reply@rescue-restore.example.gov",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Spring webinars",
    }


def complaint(email):
    return {**bounce(email, "SpamComplaint", "SpamComplaint"), "Name": "Spam complaint", "TypeCode": 512}


def subscription_change(email):
    return {
        "RecordType": "SubscriptionChange",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "outbound",
        "ChangedAt": "2026-11-05T16:33:54.9070259Z",
        "Recipient": email,
        "Origin": "Recipient",
        "SuppressSending": True,
        "SuppressionReason": "ManualSuppression",
        "Tag": "",
        "Metadata": {},
    }


def delivery(email):
    return {
        "RecordType": "Delivery",
        "ServerID": 23,
        "MessageStream": "outbound",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Recipient": email,
        "Tag": "",
        "DeliveredAt": "2026-11-05T16:33:54.9070259Z",
        "Details": "Test delivery webhook details",
        "Metadata": {},
    }


def post(client, payload, **auth):
    return client.post(URL, json.dumps(payload), content_type="application/json", **(auth or _auth()))


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (bounce, Subscriber.Status.BOUNCED),
        (complaint, Subscriber.Status.COMPLAINED),
        (subscription_change, Subscriber.Status.UNSUBSCRIBED),
    ],
)
def test_hard_bounce_complaint_and_provider_unsubscribe_stop_mail_and_are_recorded(client, payload, status):
    subscriber = SubscriberFactory(email="ana@example.org")
    assert post(client, payload("ANA@example.org")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == status
    event = subscriber.events.get()
    assert (event.from_status, event.to_status) == ("confirmed", status)
    assert event.note.startswith("Postmark ")


@pytest.mark.parametrize("auth", [{}, _auth("hooks:wrong"), _auth("other:s3cret-value")])
def test_a_wrong_or_missing_secret_is_refused_and_changes_nothing(client, auth):
    subscriber = SubscriberFactory(email="ana@example.org")
    response = client.post(URL, json.dumps(bounce("ana@example.org")), content_type="application/json", **auth)
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.events.count() == 0


def test_soft_bounces_are_counted_and_three_in_a_row_suspend(client):
    subscriber = SubscriberFactory(email="ana@example.org")
    post(client, bounce("ana@example.org", "SoftBounce"))
    post(client, bounce("ana@example.org", "Transient"))
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.soft_bounces_in_a_row) == ("confirmed", 2)
    post(client, delivery("ana@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.soft_bounces_in_a_row == 0
    for _ in range(3):
        post(client, bounce("ana@example.org", "SoftBounce"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUSPENDED
    assert subscriber.events.filter(to_status="suspended").exists()
    assert subscriber.events.count() == 5  # two counted, then two counted and the suspension


def test_events_for_unknown_addresses_are_ignored(client):
    assert post(client, bounce("stranger@example.org")).status_code == 200
    assert Subscriber.objects.count() == 0


def test_a_bounce_after_a_complaint_keeps_the_complaint(client):
    subscriber = SubscriberFactory(email="ana@example.org", status=Subscriber.Status.COMPLAINED)
    post(client, bounce("ana@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.COMPLAINED


def test_complained_address_gets_no_more_confirmation_emails(signup, mailoutbox):
    SubscriberFactory(email="ana@example.org", status=Subscriber.Status.COMPLAINED)
    assert signup("ana@example.org").status_code == 302
    assert mailoutbox == []


def test_a_bounce_reported_in_punycode_reaches_the_internationalised_address(client):
    subscriber = SubscriberFactory(email="ana@bücher.example")
    assert post(client, bounce("ana@xn--bcher-kva.example")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED


@pytest.mark.parametrize("recipient", [["ana@example.org"], 42, {"a": 1}])
def test_a_recipient_that_is_not_text_is_ignored_not_a_crash(client, recipient):
    subscriber = SubscriberFactory(email="ana@example.org")
    assert post(client, {**bounce("ana@example.org"), "Email": recipient}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_retried_soft_bounce_is_counted_once(client):
    subscriber = SubscriberFactory(email="ana@example.org")
    soft = bounce("ana@example.org", "SoftBounce")
    for _ in range(3):  # the provider did not hear our 200 and sends the same event again
        assert post(client, soft).status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.soft_bounces_in_a_row) == ("confirmed", 1)
    assert subscriber.events.count() == 1
    post(client, bounce("ana@example.org", "SoftBounce"))  # a new event counts
    subscriber.refresh_from_db()
    assert subscriber.soft_bounces_in_a_row == 2
    assert ProviderEvent.objects.filter(provider="Postmark").count() == 2


def test_the_same_event_id_from_another_provider_is_another_event(client):
    from listserv import bounces

    subscriber = SubscriberFactory(email="ana@example.org")
    bounces.record_event("soft", "ana@example.org", "one", event_id=("Postmark", "42"))
    bounces.record_event("soft", "ana@example.org", "two", event_id=("Mailgun", "42"))
    bounces.record_event("soft", "ana@example.org", "again", event_id=("Mailgun", "42"))
    subscriber.refresh_from_db()
    assert subscriber.soft_bounces_in_a_row == 2
