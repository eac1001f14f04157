"""Bulletins through Postmark's batch API: one call per batch, each message its own, one row per recipient."""

import socket
from collections import Counter

import pytest

from bench.fake_provider import serve
from listserv import sending
from listserv.models import Bulletin, Delivery, Subscriber
from rescue_restore.outbox.postmark import EmailBackend
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.listserv.conftest import assert_link_for

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def provider(settings):
    port = _free_port()
    server, store = serve(port)
    settings.MAILERS = {"default": {"BACKEND": "rescue_restore.outbox.postmark.EmailBackend"}}
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token", "POSTMARK_API_URL": f"http://127.0.0.1:{port}/"}
    settings.LISTSERV_BATCH_SIZE = 10
    yield store
    server.shutdown()
    server.server_close()


def test_a_bulletin_goes_in_one_api_call_per_batch_with_personal_links(
    provider, topics, staff_listserv_manager, django_capture_on_commit_callbacks
):
    updates, _training, _funding = topics
    readers = [SubscriberFactory(topics=[updates]) for _ in range(25)]
    SubscriberFactory(topics=[updates], status=Subscriber.Status.UNSUBSCRIBED)
    bulletin = BulletinFactory(topics=[updates])
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)

    assert provider.stats()["requests"] == {"/email/batch": 3}  # 25 readers in batches of 10
    received = provider.messages
    assert sorted(message["To"] for message in received) == sorted(reader.email for reader in readers)
    for message in received:
        subscriber = Subscriber.objects.get(email=message["To"])
        unsubscribe = f"/listserv/unsubscribe/{assert_link_for(message['TextBody'], subscriber)}/"
        assert unsubscribe in message["TextBody"]
        assert unsubscribe in message["HtmlBody"]
        headers = {header["Name"]: header["Value"] for header in message["Headers"]}
        assert unsubscribe in headers["List-Unsubscribe"]
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Counter(Delivery.objects.values_list("status", flat=True)) == {"sent": 25}
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT


def test_a_message_the_provider_refuses_is_failed_and_the_rest_sent(provider, monkeypatch):
    from django.core.mail import EmailMessage

    backend = EmailBackend()
    messages = [EmailMessage("Hi", "Body", "from@example.gov", [f"reader{n}@example.org"]) for n in range(3)]
    original = backend._send_chunk

    def refuse_second(chunk):
        outcomes = original(chunk)
        return [None, "Postmark error 406: inactive recipient", None] if len(chunk) == 3 else outcomes

    monkeypatch.setattr(backend, "_send_chunk", refuse_second)
    assert backend.send_batch(messages) == [None, "Postmark error 406: inactive recipient", None]


def test_a_failed_call_fails_every_message_in_it_and_never_raises(settings):
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token", "POSTMARK_API_URL": f"http://127.0.0.1:{_free_port()}/"}
    from django.core.mail import EmailMessage

    backend = EmailBackend()
    messages = [EmailMessage("Hi", "Body", "from@example.gov", [f"reader{n}@example.org"]) for n in range(2)]
    outcomes = backend.send_batch(messages)
    assert len(outcomes) == 2
    assert all(outcome and "ConnectionError" in outcome for outcome in outcomes)
