"""/healthz: database and cache for the load balancer; ?deep=1 with a token for monitoring."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from rescue_restore.models import OutgoingEmail

pytestmark = pytest.mark.django_db

TOKEN = "a-health-token-from-the-secret-store"
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        # Port 1 on loopback: nothing listens, the connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_cache_down_is_a_503_naming_the_cache(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "up", "cache": "down"}


def test_deep_check_needs_the_token(client, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    assert client.get("/healthz", {"deep": "1"}).status_code == 403
    assert client.get("/healthz", {"deep": "1"}, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/healthz", {"deep": "1"}, headers={"Authorization": TOKEN}).status_code == 403


def test_deep_check_is_off_without_a_configured_token(client, settings):
    settings.HEALTHZ_TOKEN = None
    assert client.get("/healthz", {"deep": "1"}, headers={"Authorization": "Bearer "}).status_code == 403


def _email(status, claimed_ago=None):
    email = OutgoingEmail.objects.create(
        purpose="test/x",
        recipients=["a@example.org"],
        subject="s",
        body_text="b",
        status=status,
        sent_at=timezone.now() if status == OutgoingEmail.Status.SENT else None,
    )
    if claimed_ago is not None:
        OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - claimed_ago)


def _deep(client):
    return client.get("/healthz", {"deep": "1"}, headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.fixture
def database_tasks(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


@pytest.fixture
def live_worker(database_tasks):
    from rescue_restore.ops.worker import beat

    beat("rr-test-1@host", threads=4, queues="default,mail,bulletins")


def test_deep_check_counts_failed_emails_and_emails_stuck_past_their_lease(client, live_worker, settings):
    lease = timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    grace = timedelta(minutes=settings.HEALTHZ_STUCK_SENDING_MINUTES)
    _email(OutgoingEmail.Status.FAILED)
    _email(OutgoingEmail.Status.SENDING, claimed_ago=lease + grace + timedelta(seconds=5))
    _email(OutgoingEmail.Status.SENDING, claimed_ago=lease + timedelta(seconds=5))  # a worker takes it back now
    _email(OutgoingEmail.Status.SENDING, claimed_ago=timedelta(seconds=1))  # being sent right now
    _email(OutgoingEmail.Status.SENT)
    response = _deep(client)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "behind"
    assert body["outbox_failed"] == 1
    assert body["outbox_stuck_sending"] == 1
    assert body["problems"] == ["outbox_stuck_sending", "outbox_failed"]


def test_deep_check_reports_the_oldest_waiting_task(client, live_worker):
    from django_tasks_db.models import DBTaskResult

    from rescue_restore.outbox.mail import deliver_email

    deliver_email.enqueue(12345)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=30))
    response = _deep(client)
    assert response.status_code == 503
    body = response.json()
    assert 1790 <= body["task_queue_oldest_waiting_seconds"] <= 1900
    assert body["problems"] == ["task_queue_oldest_waiting_seconds"]


def test_deep_check_reports_a_task_running_past_its_limit(client, live_worker, settings):
    from django_tasks_db.models import DBTaskResult

    from rescue_restore.outbox.mail import deliver_email

    deliver_email.enqueue(12345)
    started = timezone.now() - timedelta(minutes=settings.HEALTHZ_MAX_TASK_RUNNING_MINUTES + 1)
    DBTaskResult.objects.update(status="RUNNING", started_at=started)
    body = _deep(client).json()
    assert body["tasks_running_too_long"] == 1
    assert body["problems"] == ["tasks_running_too_long"]


def test_deep_check_without_a_worker_heartbeat_is_a_503(client, database_tasks, settings):
    body = _deep(client).json()
    assert body["worker_heartbeat_age_seconds"] is None
    assert body["problems"] == ["no_worker_heartbeat"]
    from rescue_restore.models import WorkerHeartbeat

    stale = timezone.now() - timedelta(seconds=settings.HEALTHZ_MAX_HEARTBEAT_AGE_SECONDS + 10)
    WorkerHeartbeat.objects.create(worker_id="rr-dead@host", last_seen_at=stale)
    response = _deep(client)
    assert response.status_code == 503
    assert response.json()["problems"] == ["worker_heartbeat_age_seconds"]


def test_deep_check_reports_bulletin_deliveries_stuck_past_their_lease_and_refused_ones(client, live_worker, settings):
    from listserv.models import Delivery
    from tests.factories.listserv import BulletinFactory, SubscriberFactory

    bulletin = BulletinFactory()
    stuck_since = timezone.now() - timedelta(
        seconds=settings.MAIL_LEASE_SECONDS + settings.HEALTHZ_STUCK_SENDING_MINUTES * 60 + 5
    )
    Delivery.objects.create(bulletin=bulletin, subscriber=SubscriberFactory(), status="sending", claimed_at=stuck_since)
    Delivery.objects.create(
        bulletin=bulletin, subscriber=SubscriberFactory(), status="failed", error="refused", claimed_at=timezone.now()
    )
    body = _deep(client).json()
    assert body["listserv_stuck_sending"] == 1
    assert body["listserv_failed"] == 1
    assert body["problems"] == ["listserv_stuck_sending", "listserv_failed"]


def test_deep_check_all_clear(client, live_worker, settings):
    response = _deep(client)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["problems"] == []
    assert body["worker_heartbeat_age_seconds"] <= 1
    assert body["task_queue_oldest_waiting_seconds"] == 0
    for name in ["tasks_running_too_long", "outbox_stuck_sending", "outbox_failed", "listserv_stuck_sending"]:
        assert body[name] == 0
    assert body["thresholds"]["worker_heartbeat_age_seconds"] == settings.HEALTHZ_MAX_HEARTBEAT_AGE_SECONDS


def test_failed_mail_counts_for_a_day_then_no_longer_pages(client, live_worker, settings):
    _email(OutgoingEmail.Status.FAILED, claimed_ago=timedelta(hours=25))
    assert _deep(client).json()["outbox_failed"] == 0
    _email(OutgoingEmail.Status.FAILED, claimed_ago=timedelta(hours=1))
    assert _deep(client).status_code == 503
    settings.HEALTHZ_MAX_FAILED_MAIL = 1
    response = _deep(client)
    assert response.status_code == 200
    assert response.json()["outbox_failed"] == 1
