"""Races between processes, on PostgreSQL's real row locks: the hourly cap and batch claims hold."""

import threading

import pytest
from django.db import connection, connections

from listserv import sending, services
from listserv.models import Delivery, Subscriber
from rescue_restore.models import OutgoingEmail
from tests.factories.listserv import BulletinFactory, SubscriberFactory, TopicFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def _race(worker, count):
    barrier = threading.Barrier(count)
    errors, results = [], []

    def run(n):
        try:
            barrier.wait()
            results.append(worker(n))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_simultaneous_sign_ups_for_one_address_store_one_row_and_one_email():
    topic = TopicFactory()

    def sign_up(n):
        for _ in range(5):
            services.request_subscription("Race@example.org" if n % 2 else "race@example.org", topics=[topic])

    _race(sign_up, 8)
    assert Subscriber.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_simultaneous_claims_never_take_the_same_row():
    topic = TopicFactory()
    SubscriberFactory.create_batch(60, topics=[topic])
    bulletin = BulletinFactory(topics=[topic])
    sending.create_delivery_rows(bulletin.pk)

    def claim(n):
        claim_id, _count = sending.claim_batch(bulletin.pk, 10)
        return claim_id

    claims = _race(claim, 6)
    taken = [Delivery.objects.filter(claim=c).count() for c in claims]
    assert sum(taken) == 60
    assert Delivery.objects.filter(status="pending").count() == 0
