"""Issue 19, in one process: unknown outcomes, asking Postmark, leases taken back, orphaned tasks handed back.

The real-process versions (kill -9 of a worker, a stalling provider) are in
test_worker_crash.py and test_stalled_provider.py, on PostgreSQL.
"""

import datetime
from collections import Counter
from datetime import timedelta

import pytest
import requests
import time_machine
from anymail.exceptions import AnymailAPIError
from django.core.checks import run_checks
from django.core.mail import EmailMessage
from django.utils import timezone

from bench.fake_provider import Stalls, serve
from listserv import leases, sending
from listserv.models import Bulletin, Delivery
from rescue_restore.models import OutgoingEmail, WorkerHeartbeat
from rescue_restore.ops import worker
from rescue_restore.outbox import mail, postmark, provider
from tests.factories.listserv import BulletinFactory, SubscriberFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_postmark(settings):
    servers = []

    def start(stalls=None, search=True, timeout=(1, 1)):
        server, store = serve(0, stalls=stalls, search=search)
        servers.append(server)
        settings.MAILERS = {"default": {"BACKEND": "rescue_restore.outbox.postmark.EmailBackend"}}
        settings.ANYMAIL = {
            "POSTMARK_SERVER_TOKEN": "test-token",
            "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
            "REQUESTS_TIMEOUT": timeout,
        }
        return store

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _error_with_cause(error_class, cause):
    try:
        raise error_class("wrapped") from cause
    except error_class as error:
        return error


def test_only_a_call_that_went_out_unanswered_has_an_unknown_outcome():
    refused_connection = requests.ConnectionError(
        _error_with_cause(OSError, type("NewConnectionError", (Exception,), {})("refused"))
    )
    assert provider.outcome_unknown(requests.ReadTimeout("no answer"))
    assert provider.outcome_unknown(requests.ConnectionError("Connection aborted: RemoteDisconnected"))
    assert provider.outcome_unknown(AnymailAPIError("server error", status_code=503))
    assert not provider.outcome_unknown(requests.ConnectTimeout("never connected"))
    assert not provider.outcome_unknown(refused_connection)
    assert not provider.outcome_unknown(AnymailAPIError("invalid address", status_code=422))
    assert not provider.outcome_unknown(ValueError("bad header"))


def test_postmark_search_finds_messages_by_metadata_across_pages(fake_postmark, monkeypatch):
    fake_postmark()
    backend = postmark.EmailBackend()
    for n in range(5):
        message = EmailMessage(f"Hello {n}", "Body", "from@example.gov", [f"r{n}@example.org"])
        message.metadata = {"rr_claim": "abc" if n < 4 else "other", "rr_delivery": str(n)}
        backend.send_messages([message])
    monkeypatch.setattr(postmark, "SEARCH_PAGE", 3)
    found = backend.sent_with_metadata("rr_claim", "abc")
    assert sorted(int(metadata["rr_delivery"]) for metadata in found) == [0, 1, 2, 3]
    assert backend.sent_with_metadata("rr_claim", "nothing") == []


def test_a_provider_without_search_cannot_answer(fake_postmark):
    fake_postmark(search=False)
    with pytest.raises(provider.ProviderCannotAnswerError):
        postmark.EmailBackend().sent_with_metadata("rr_outbox", "1")


def _email():
    return OutgoingEmail.objects.create(
        purpose="test/x", recipients=["ana@example.org"], subject="Order", body_text="Hello"
    )


def _lease_ran_out(email):
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - timedelta(hours=1))


def test_an_email_answered_late_is_found_at_postmark_and_not_sent_again(
    fake_postmark, django_capture_on_commit_callbacks
):
    store = fake_postmark(stalls=Stalls(seconds=3, calls={"/email": {1}}))
    email = _email()
    assert mail.deliver_email.call(email.pk) == "unknown"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENDING
    assert mail.expire_leases()["confirmed_sent"] == 0  # the lease still holds
    _lease_ran_out(email)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.expire_leases() == {"confirmed_sent": 1, "retried": 0, "failed": 0}
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert store.copies() == Counter({email.message_id: 1})


def test_an_email_postmark_does_not_have_is_sent_again_as_the_same_message(
    fake_postmark, django_capture_on_commit_callbacks
):
    store = fake_postmark()
    email = _email()
    OutgoingEmail.objects.filter(pk=email.pk).update(status="sending", attempts=1)  # claimed, then the worker died
    _lease_ran_out(email)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.expire_leases() == {"confirmed_sent": 0, "retried": 1, "failed": 0}
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert store.copies() == Counter({email.message_id: 1})


def test_a_bulletin_batch_answered_late_is_settled_with_postmark(
    fake_postmark, settings, staff_listserv_manager, django_capture_on_commit_callbacks
):
    store = fake_postmark(stalls=Stalls(seconds=5, calls={"/email/batch": {1}}))
    settings.LISTSERV_BATCH_SIZE = 10
    topic = TopicFactory()
    readers = [SubscriberFactory(topics=[topic]).email for _ in range(25)]
    bulletin = BulletinFactory(topics=[topic])
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    assert Delivery.objects.filter(status="sending").count() == 10  # the first batch: no answer, still claimed
    assert Bulletin.objects.get(pk=bulletin.pk).status == Bulletin.Status.SENDING
    after_lease = start + timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    with time_machine.travel(after_lease, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert leases.expire_leases() == {"confirmed_sent": 10, "retried": 0}
    assert Bulletin.objects.get(pk=bulletin.pk).status == Bulletin.Status.SENT
    received = Counter(message["To"] for message in store.messages)
    assert received == Counter(readers)  # every reader once
    ids = {message["To"]: postmark_message_id(message) for message in store.messages}
    assert len(set(ids.values())) == 25


def postmark_message_id(message):
    return {h["Name"]: h["Value"] for h in message["Headers"]}["Message-ID"]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


def _running_task(worker_ids, started_minutes_ago=5):
    from django_tasks_db.models import DBTaskResult

    result = mail.deliver_email.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", worker_ids=worker_ids, started_at=timezone.now() - timedelta(minutes=started_minutes_ago)
    )
    return result.id


def test_tasks_of_a_dead_worker_are_handed_back_and_a_live_or_foreign_one_is_left_alone(database_tasks):
    from django_tasks_db.models import DBTaskResult

    dead, alive = "rr-dead0000-1@host", "rr-alive000-2@host"
    WorkerHeartbeat.objects.create(worker_id=dead, last_seen_at=timezone.now() - timedelta(minutes=5))
    worker.beat(alive)
    orphan = _running_task([f"{dead}/t1"])
    busy = _running_task([f"{alive}/t2"])
    foreign = _running_task(["a-plain-db-worker-id"])
    cursed = _running_task([f"{dead}/t{n}" for n in range(worker.MAX_TASK_RUNS)])
    assert worker.hand_back_orphaned_tasks() == (1, 1)
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("pk", "status")}
    assert status[orphan] == "READY"
    assert status[busy] == "RUNNING"
    assert status[foreign] == "RUNNING"  # no heartbeat says it is dead; the health check reports it if it lasts
    assert status[cursed] == "FAILED"
    assert worker.hand_back_orphaned_tasks() == (0, 0)


def test_the_sweep_reports_only_what_it_did(database_tasks):
    assert worker.sweep() == {}
    email = _email()
    OutgoingEmail.objects.filter(pk=email.pk).update(status="sending", attempts=1)
    _lease_ran_out(email)
    assert worker.sweep() == {"outbox retried": 1}


def test_a_lease_shorter_than_the_longest_provider_call_is_refused(settings):
    settings.ANYMAIL = {"REQUESTS_TIMEOUT": (3, 10)}
    settings.MAIL_LEASE_SECONDS = 33
    assert [error.id for error in run_checks() if error.id == "rescue_restore.E002"] == ["rescue_restore.E002"]
    settings.MAIL_LEASE_SECONDS = 34
    assert [error.id for error in run_checks() if error.id == "rescue_restore.E002"] == []


def test_a_search_answer_without_metadata_still_names_its_deliveries_by_recipient(
    fake_postmark, settings, monkeypatch, staff_listserv_manager, django_capture_on_commit_callbacks
):
    fake_postmark(stalls=Stalls(seconds=5, calls={"/email/batch": {1}}))
    real_search = postmark.EmailBackend.sent_with_metadata

    def without_metadata(self, key, value):
        return [{"_recipients": found["_recipients"]} for found in real_search(self, key, value)]

    monkeypatch.setattr(postmark.EmailBackend, "sent_with_metadata", without_metadata)
    settings.LISTSERV_BATCH_SIZE = 10
    topic = TopicFactory()
    for _ in range(12):
        SubscriberFactory(topics=[topic])
    bulletin = BulletinFactory(topics=[topic])
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff_listserv_manager)
    after_lease = start + timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    with time_machine.travel(after_lease, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert leases.expire_leases() == {"confirmed_sent": 10, "retried": 0}


def test_a_worker_thread_that_hits_a_database_error_starts_again(monkeypatch):
    from django.db import OperationalError

    from rescue_restore.management.commands import run_worker

    class FlakyWorker:
        worker_id, interval, running, runs = "rr-x/t1", 0, True, 0

        def run(self):
            self.runs += 1
            if self.runs == 1:
                raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    flaky = FlakyWorker()
    run_worker.Command._run(flaky)
    assert flaky.runs == 2
