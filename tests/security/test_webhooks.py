"""Issue 13 item 6: only the configured provider's webhook answers; malformed bodies are 400 and store nothing."""

import base64
import json

import pytest

from listserv.models import Subscriber, SubscriberEvent
from tests.factories.listserv import SubscriberFactory

pytestmark = pytest.mark.django_db

SECRET = "hooks:s3cret-value"
AUTH = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(SECRET.encode()).decode()}


@pytest.fixture(autouse=True)
def _postmark(settings):
    settings.EMAIL_PROVIDER = "postmark"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


@pytest.mark.parametrize("provider", ["amazon_ses", "mailgun", "sendgrid", "brevo", "mailjet", "sparkpost", "resend"])
def test_other_providers_webhooks_are_not_there(client, provider):
    for url in [f"/anymail/{provider}/tracking/", f"/anymail/{provider}/inbound/"]:
        assert client.post(url, "{}", content_type="application/json").status_code == 404, url
        assert client.post(url, "{}", content_type="application/json", **AUTH).status_code == 404, url


def test_inbound_mail_is_not_taken(client):
    assert client.post("/anymail/postmark/inbound/", "{}", content_type="application/json", **AUTH).status_code == 404


def test_nothing_is_mounted_when_mail_goes_to_files(client, settings):
    settings.EMAIL_PROVIDER = "file"
    assert client.post("/anymail/postmark/tracking/", "{}", content_type="application/json", **AUTH).status_code == 404


def test_without_the_secret_the_webhook_answers_400(client):
    response = client.post("/anymail/postmark/tracking/", "{}", content_type="application/json")
    assert response.status_code == 400


INBOUND = {
    "FromName": "Ana",
    "From": "ana@example.org",
    "FromFull": {"Email": "ana@example.org", "Name": "Ana"},
    "To": "list@rescue-restore.example.gov",
    "Subject": "Hello",
    "MessageID": "73e6d360-66eb-11e1-8e72-a8904824019b",
    "TextBody": "Hi",
}
BOUNCE_WITH_NUL = {"RecordType": "Bounce", "Type": "HardBounce", "Email": "ana\u0000@example.org", "ID": 1}


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'[{"RecordType": "Bounce"}]',
        b'"a string"',
        json.dumps(INBOUND).encode(),
        json.dumps(BOUNCE_WITH_NUL).encode(),
        b'{"RecordType": "Bounce", "Email": "ana\x00@example.org"}',
        b'{"RecordType": "Bounce", "Email": "\xff\xfe@example.org"}',
        b"",
    ],
)
def test_malformed_bodies_with_the_right_secret_answer_400_and_store_nothing(client, body):
    subscriber = SubscriberFactory(email="ana@example.org")
    response = client.post("/anymail/postmark/tracking/", body, content_type="application/json", **AUTH)
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert SubscriberEvent.objects.count() == 0


@pytest.mark.parametrize(
    "body", [b'{"RecordType": "Bounce"}', b'{"RecordType": "Bounce", "Type": 5, "Email": ["a"], "ID": {}}']
)
def test_odd_but_well_formed_records_never_give_500_and_change_no_one(client, body):
    subscriber = SubscriberFactory(email="ana@example.org")
    response = client.post("/anymail/postmark/tracking/", body, content_type="application/json", **AUTH)
    assert response.status_code in {200, 400}
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


# Issue 20 item 4: wrong credentials are throttled per address and logged once per burst, not an ERROR each.

WRONG = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"hooks:wrong").decode()}
DELIVERY = json.dumps({"RecordType": "Delivery", "MessageID": "x", "Recipient": "ana@example.org"})


def post(client, **extra):
    return client.post("/anymail/postmark/tracking/", DELIVERY, content_type="application/json", **extra)


def test_three_hundred_wrong_secret_posts_are_throttled_and_logged_once(client, caplog):
    import logging

    caplog.set_level(logging.INFO)
    answers = [post(client, REMOTE_ADDR="198.51.100.9", **WRONG).status_code for _ in range(300)]
    assert answers[:10] == [400] * 10
    assert set(answers[10:]) == {429}
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    warnings = [record for record in caplog.records if "wrong credentials" in record.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert "198.51.100.9" not in warnings[0].getMessage()


def test_the_throttle_is_per_address(client):
    for _ in range(12):
        post(client, REMOTE_ADDR="198.51.100.9", **WRONG)
    other = post(client, REMOTE_ADDR="203.0.113.50", **AUTH)
    assert other.status_code == 200


def test_a_malformed_body_without_the_secret_is_refused_for_the_credentials(client):
    response = client.post("/anymail/postmark/tracking/", b"{not json", content_type="application/json", **WRONG)
    assert response.status_code == 400
    assert b"credentials" in response.content
