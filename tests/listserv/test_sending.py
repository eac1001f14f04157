"""Sending a bulletin: personal links and headers, batches over one connection, resumable, never twice."""

import datetime
import re
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from listserv import sending
from listserv.models import Bulletin, Delivery, Subscriber
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.listserv.conftest import assert_link_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_batches(settings):
    settings.LISTSERV_BATCH_SIZE = 10


@pytest.fixture
def audience(topics):
    """35 confirmed readers of the bulletin's topics (5 in both), plus people who must get nothing."""
    updates, training, funding = topics
    expected = [SubscriberFactory(topics=[updates]) for _ in range(30)]
    expected += [SubscriberFactory(topics=[updates, training]) for _ in range(5)]
    SubscriberFactory.create_batch(4, topics=[funding])
    SubscriberFactory.create_batch(3, topics=[updates], status=Subscriber.Status.PENDING, confirmed_at=None)
    SubscriberFactory.create_batch(2, topics=[training], status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory.create_batch(2, topics=[updates], status=Subscriber.Status.BOUNCED)
    bulletin = BulletinFactory(topics=[updates, training])
    return bulletin, sorted(s.email for s in expected)


def _recipients(mailoutbox):
    return Counter(address for message in mailoutbox for address in message.to)


def test_send_reaches_each_confirmed_subscriber_once_with_personal_links(
    audience, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks
):
    bulletin, expected = audience
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    assert sorted(_recipients(mailoutbox).elements()) == expected
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert bulletin.sent_at is not None
    assert [(e.from_status, e.to_status) for e in bulletin.events.order_by("pk")] == [
        ("approved", "sending"),
        ("sending", "sent"),
    ]
    assert bulletin.events.first().changed_by is None  # finishing is the worker's doing
    assert Counter(Delivery.objects.values_list("status", flat=True)) == {"sent": 35}
    for message in mailoutbox:
        subscriber = Subscriber.objects.get(email=message.to[0])
        token = assert_link_for(message.extra_headers["List-Unsubscribe"], subscriber)
        unsubscribe = f"https://rescue-restore.example.gov/listserv/unsubscribe/{token}/"
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe in message.body
        assert_link_for(message.body, subscriber, "preferences")
        html = message.alternatives[0][0]
        assert unsubscribe in html
        assert 'href="https://rescue-restore.example.gov/materials/"' in html  # links made absolute for mail
        assert message.subject == bulletin.subject
        assert "RRLISTSERV" not in message.body + html


def test_the_personal_link_unsubscribes_exactly_that_person(
    audience, client, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks
):
    bulletin, _expected = audience
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    message = mailoutbox[7]
    url = re.search(
        r"<https://rescue-restore\.example\.gov(/listserv/unsubscribe/[^>]+)>",
        message.extra_headers["List-Unsubscribe"],
    ).group(1)
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(Subscriber.objects.filter(status="unsubscribed", email=message.to[0])) != []
    assert Subscriber.objects.filter(status="unsubscribed").count() == 3  # 2 from the fixture + this one


def test_each_batch_uses_one_connection(audience, mailoutbox, monkeypatch, staff_listserv_manager):
    bulletin, _expected = audience
    opened = []
    real = type(sending.mailers.default)

    class CountingBackend(real):
        def open(self):
            opened.append(self)
            return super().open()

    monkeypatch.setattr(sending.mailers, "create_connection", lambda alias, **kw: CountingBackend())
    sending.start_sending(bulletin, by=staff_listserv_manager)
    sending.create_delivery_rows(bulletin.pk)
    assert sending.send_batches.call(bulletin.pk, chain=False) == 35
    assert len(opened) == 4  # 10 + 10 + 10 + 5
    assert len(mailoutbox) == 35


def test_interrupted_send_resumed_reaches_everyone_exactly_once(
    audience, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks
):
    bulletin, expected = audience
    # The worker dies after two batches: nothing more is enqueued.
    with django_capture_on_commit_callbacks(execute=False):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    sending.create_delivery_rows(bulletin.pk)
    assert sending.send_batches.call(bulletin.pk, max_batches=2, chain=False) == 20
    assert len(mailoutbox) == 20
    # Someone in the rest unsubscribes meanwhile: the resumed send skips them.
    pending = Delivery.objects.filter(bulletin=bulletin, status="pending").select_related("subscriber")
    leaver = pending.first().subscriber
    leaver.change_status(Subscriber.Status.UNSUBSCRIBED, note="left")
    # Preparation runs again too (idempotent: no duplicate rows).
    assert sending.create_delivery_rows(bulletin.pk) == 34
    assert Delivery.objects.filter(bulletin=bulletin).count() == 35
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pending_bulletins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    received = _recipients(mailoutbox)
    assert set(received.values()) == {1}
    assert sorted(received) == sorted(set(expected) - {leaver.email})
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert Delivery.objects.get(subscriber=leaver).status == "skipped"
    # Resuming again sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pending_bulletins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 34


def test_rows_left_sending_by_a_dead_worker_are_taken_back_when_their_lease_runs_out(
    audience, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks, settings
):
    """Issue 19: a dead worker's rows are never left behind (the test backend cannot be asked, so they are resent)."""
    from listserv import leases

    bulletin, expected = audience
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=False):
            sending.start_sending(bulletin, by=staff_listserv_manager)
        sending.create_delivery_rows(bulletin.pk)
        sending.claim_batch(bulletin.pk, 10)  # claimed, then the worker died before sending
        with django_capture_on_commit_callbacks(execute=True):
            resumed = sending.resume_sending()
        assert [what for _b, what in resumed] == ["sending"]
        assert len(mailoutbox) == 25
        bulletin.refresh_from_db()
        assert bulletin.status == Bulletin.Status.SENDING  # the ten may still be in flight
        assert leases.expire_leases() == {"confirmed_sent": 0, "retried": 0}  # their lease holds
    lease_over = datetime.timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    after_lease = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC) + lease_over
    with time_machine.travel(after_lease, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert leases.expire_leases() == {"confirmed_sent": 0, "retried": 10}
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert Delivery.objects.filter(status="sent").count() == len(expected)
    assert sorted(_recipients(mailoutbox)) == sorted(expected)
    assert set(_recipients(mailoutbox).values()) == {1}
    # Each recipient's copy carries the Message-ID a resend would carry too.
    subscriber = Subscriber.objects.get(email=expected[0])
    message = next(m for m in mailoutbox if m.to == [expected[0]])
    assert message.extra_headers["Message-ID"] == sending.delivery_message_id(bulletin, subscriber.pk)


def test_a_refused_message_is_recorded_and_can_be_retried(
    audience, mailoutbox, monkeypatch, staff_listserv_manager, django_capture_on_commit_callbacks
):
    bulletin, expected = audience
    real_build = sending.build_message

    def refuse_one(content, subscriber_id, email):
        message = real_build(content, subscriber_id, email)
        if email == expected[3]:
            message.to = ["bad\nheader@example.org"]  # the backend refuses a line break in an address
        return message

    monkeypatch.setattr(sending, "build_message", refuse_one)
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    failed = Delivery.objects.get(status="failed")
    assert failed.subscriber.email == expected[3]
    assert failed.error
    assert len(mailoutbox) == 34
    monkeypatch.setattr(sending, "build_message", real_build)
    with django_capture_on_commit_callbacks(execute=True):
        sending.resume_sending(retry_failed=True)
    assert _recipients(mailoutbox)[expected[3]] == 1
    assert len(mailoutbox) == 35


def test_only_drafts_can_be_sent(audience, staff_listserv_manager, django_capture_on_commit_callbacks):
    bulletin, _expected = audience
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    with pytest.raises(InvalidTransitionError):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    assert bulletin.events.count() == 2


def test_a_bulletin_with_no_recipients_still_finishes(
    topics, staff_listserv_manager, mailoutbox, django_capture_on_commit_callbacks
):
    bulletin = BulletinFactory(topics=[topics[2]])
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert mailoutbox == []


def test_the_database_refuses_a_second_delivery_row(audience):
    from django.db import IntegrityError

    bulletin, _expected = audience
    subscriber = Subscriber.objects.confirmed().first()
    Delivery.objects.create(bulletin=bulletin, subscriber=subscriber)
    with pytest.raises(IntegrityError):
        Delivery.objects.create(bulletin=bulletin, subscriber=subscriber, sent_at=timezone.now())


def test_two_workers_finishing_at_once_is_not_an_error(
    audience, mailoutbox, monkeypatch, staff_listserv_manager, django_capture_on_commit_callbacks
):
    """A resume (admin action or command) and the last batch both see nothing waiting and both finish."""
    bulletin, expected = audience
    with django_capture_on_commit_callbacks(execute=False):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    sending.create_delivery_rows(bulletin.pk)
    assert sending.send_batches.call(bulletin.pk, max_batches=4, chain=False) == 35  # all sent, not yet finished
    real_change_status = Bulletin.change_status

    def other_worker_finishes_first(self, new_status, **kwargs):
        monkeypatch.setattr(Bulletin, "change_status", real_change_status)
        real_change_status(Bulletin.objects.get(pk=self.pk), new_status, note="the other worker")
        return real_change_status(self, new_status, **kwargs)

    monkeypatch.setattr(Bulletin, "change_status", other_worker_finishes_first)
    assert sending.finish_if_done(bulletin.pk) is False
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert bulletin.events.get(to_status="sent").note == "the other worker"
    assert len(mailoutbox) == len(expected)
