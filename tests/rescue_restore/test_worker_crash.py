"""Issue 19: kill -9 of a real worker in the middle of a bulletin and of the outbox loses nothing.

A real ``manage.py run_worker`` (4 threads) sends a bulletin to 300 subscribers
and 150 outbox emails to the fake Postmark API. The provider stalls one bulletin
batch call and one email call (it has accepted those messages and not yet
answered); the moment both stalls have begun, the worker is killed with
SIGKILL. A second worker is started and the test waits until everything is
settled, then counts what the provider received:

- with the provider's search (Postmark): every recipient exactly once;
- without it (a provider that cannot be asked): every recipient at least once,
  and a second copy (same Message-ID) only for rows in flight at the crash.

The figures are printed (``-s`` shows them) and written in docs/operations.md.
"""

import os
import time

import pytest
from django.db import connection
from django.utils import timezone

from bench.fake_provider import Stalls, serve
from bench.worker_processes import Worker, copies, wait_until, worker_env
from listserv import sending
from listserv.models import Bulletin, Delivery, Subscriber, Topic
from rescue_restore.models import OutgoingEmail
from rescue_restore.outbox import mail
from tests.factories.listserv import BulletinFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SUBSCRIBERS = 300
EMAILS = 150
BATCH = 20
LEASE_SECONDS = 5  # > connect (1 s) + batch read (3 x 1 s): the system check refuses less
RECOVERY_DEADLINE = 90
RECOVERY_LIMIT = 40  # seconds from the kill to everything settled, the new worker's start included


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") and not os.environ.get("TEST_DATABASE_URL"):
            pytest.fail("CI must run the worker crash test on PostgreSQL: set TEST_DATABASE_URL")
        pytest.skip("needs PostgreSQL (run by make test's PostgreSQL pass)")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "bulletins"]}
    }


def _seed():
    topic = Topic.objects.create(name="Crash test", slug="crash-test")
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", status="confirmed", confirmed_at=now) for n in range(SUBSCRIBERS)
    )
    Subscriber.topics.through.objects.bulk_create(
        Subscriber.topics.through(subscriber_id=s.pk, topic_id=topic.pk) for s in subscribers
    )
    bulletin = BulletinFactory(topics=[topic])
    bulletin = bulletin.change_status(Bulletin.Status.SENDING, note="crash test")
    sending.create_delivery_rows(bulletin.pk)
    # The batches first, then the emails: one thread takes the bulletin, the others the outbox.
    sending.send_batches.enqueue(bulletin.pk)
    for n in range(EMAILS):
        email = OutgoingEmail.objects.create(
            purpose="test/crash", recipients=[f"person{n}@example.org"], subject=f"Order {n}", body_text="Hello"
        )
        mail.deliver_email.enqueue(email.pk)
    return bulletin


def _settled(bulletin):
    waiting = Delivery.objects.filter(bulletin=bulletin, status__in=["pending", "sending"]).exists()
    emails_waiting = OutgoingEmail.objects.exclude(status="sent").exists()
    return not waiting and not emails_waiting and Bulletin.objects.get(pk=bulletin.pk).status == "sent"


@pytest.mark.parametrize("provider_search", [True, False], ids=["provider-can-be-asked", "provider-cannot-be-asked"])
def test_kill_9_mid_bulletin_and_mid_outbox_loses_nothing(database_tasks, tmp_path, provider_search):
    from django_tasks_db.models import DBTaskResult

    bulletin = _seed()
    stalls = Stalls(seconds=300, calls={"/email/batch": {3}, "/email": {30}})
    server, store = serve(0, stalls=stalls, search=provider_search)
    env = worker_env(
        f"http://127.0.0.1:{server.server_port}/",
        MAIL_LEASE_SECONDS=LEASE_SECONDS,
        EMAIL_CONNECT_TIMEOUT=1,
        EMAIL_READ_TIMEOUT=1,
        LISTSERV_BATCH_SIZE=BATCH,
    )
    first = Worker(env, tmp_path / "worker-1.log")
    second = None
    try:
        both_stalled = wait_until(lambda: stalls.wait_for(2, 0.5) or first.process.poll() is not None, 60)
        assert first.process.poll() is None, f"the worker stopped by itself:\n{first.output()}"
        assert both_stalled, f"the worker never reached both stalls:\n{first.output()}"
        first.kill()
        killed_at = time.monotonic()
        in_flight_deliveries = set(
            Delivery.objects.filter(status="sending").values_list("subscriber__email", flat=True)
        )
        in_flight_emails = set(OutgoingEmail.objects.filter(status="sending").values_list("message_id", flat=True))
        running_tasks = DBTaskResult.objects.filter(status="RUNNING").count()
        sent_before = (
            Delivery.objects.filter(status="sent").count(),
            OutgoingEmail.objects.filter(status="sent").count(),
        )
        assert in_flight_deliveries, "the kill did not land mid-bulletin"
        assert sent_before[0] < SUBSCRIBERS, "the kill did not land mid-bulletin"
        assert sent_before[1] < EMAILS, "the kill did not land mid-outbox"
        assert running_tasks >= 2  # orphaned RUNNING rows: the bulletin's task and an email's

        second = Worker(env, tmp_path / "worker-2.log")
        settled = wait_until(lambda: _settled(bulletin), timeout=RECOVERY_DEADLINE)
        recovered_in = time.monotonic() - killed_at
        assert settled, f"not settled {RECOVERY_DEADLINE} s after the kill:\n{second.output()}"
        assert wait_until(lambda: not DBTaskResult.objects.filter(status__in=["RUNNING", "READY"]).exists(), 30)
    finally:
        stalls.release()
        for worker in (first, second):
            if worker is not None:
                worker.stop()
        server.shutdown()
        server.server_close()

    bulletin_copies, outbox_copies = copies(store)
    expected_emails = set(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert set(bulletin_copies) == set(Subscriber.objects.values_list("email", flat=True))  # nobody lost
    assert set(outbox_copies) == expected_emails
    doubled = {address for address, n in bulletin_copies.items() if n > 1}
    doubled_emails = {message_id for message_id, n in outbox_copies.items() if n > 1}
    print(
        f"\nworker crash ({'provider asked' if provider_search else 'provider cannot be asked'}): "
        f"killed with {sent_before[0]} bulletin and {sent_before[1]} outbox rows sent; "
        f"bulletin {SUBSCRIBERS} recipients, {sum(bulletin_copies.values())} copies, "
        f"{len(in_flight_deliveries)} in flight at the kill, {len(doubled)} got two; "
        f"outbox {EMAILS} emails, {sum(outbox_copies.values())} copies, "
        f"{len(in_flight_emails)} in flight, {len(doubled_emails)} got two; "
        f"{running_tasks} tasks left RUNNING; recovered {recovered_in:.1f} s after the kill "
        f"(lease {LEASE_SECONDS} s; provider searches {store.searches})"
    )
    if provider_search:
        assert max(bulletin_copies.values()) == 1
        assert max(outbox_copies.values()) == 1
    else:
        # At least once: a second copy, with the same Message-ID, only for rows in flight at the crash.
        assert max(bulletin_copies.values()) <= 2
        assert max(outbox_copies.values()) <= 2
        assert doubled <= in_flight_deliveries
        assert doubled_emails <= in_flight_emails
    assert recovered_in < RECOVERY_LIMIT  # "about a minute" in production, where the lease is 30 s


def test_sigterm_lets_every_thread_finish_its_task_then_the_worker_leaves(database_tasks, tmp_path):
    """A release stops the worker with SIGTERM: the send in hand completes, nothing is left RUNNING or claimed."""
    from django_tasks_db.models import DBTaskResult

    from rescue_restore.models import WorkerHeartbeat

    emails = []
    for n in range(3):
        email = OutgoingEmail.objects.create(
            purpose="test/stop", recipients=[f"person{n}@example.org"], subject=f"Order {n}", body_text="Hello"
        )
        mail.deliver_email.enqueue(email.pk)
        emails.append(email)
    stalls = Stalls(seconds=3, calls={"/email": {1}})  # answers after 3 s, within the read timeout
    server, store = serve(0, stalls=stalls)
    env = worker_env(f"http://127.0.0.1:{server.server_port}/", EMAIL_READ_TIMEOUT=10, MAIL_LEASE_SECONDS=40)
    worker = Worker(env, tmp_path / "worker.log")
    try:
        assert wait_until(lambda: stalls.wait_for(1, 0.5), 60), worker.output()
        assert WorkerHeartbeat.objects.count() == 1
        worker.process.terminate()  # SIGTERM, mid-call
        assert worker.process.wait(timeout=30) == 0, worker.output()
    finally:
        worker.stop()
        server.shutdown()
        server.server_close()
    stalled = stalls.stalled_message_ids[0]
    assert OutgoingEmail.objects.get(message_id=stalled).status == "sent"  # the call in hand was finished
    assert not OutgoingEmail.objects.filter(status="sending").exists()
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert WorkerHeartbeat.objects.count() == 0  # a clean stop leaves no heartbeat to wait out
    assert store.copies()[stalled] == 1
