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


def _email(status, age):
    email = OutgoingEmail.objects.create(
        purpose="test/x",
        recipients=["a@example.org"],
        subject="s",
        body_text="b",
        status=status,
        sent_at=timezone.now() if status == OutgoingEmail.Status.SENT else None,
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - age)


def test_deep_check_counts_failed_and_stuck_emails(client, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    _email(OutgoingEmail.Status.FAILED, timedelta(hours=1))
    _email(OutgoingEmail.Status.SENDING, timedelta(hours=1))
    _email(OutgoingEmail.Status.SENDING, timedelta(minutes=1))  # being sent right now: not stuck
    _email(OutgoingEmail.Status.SENT, timedelta(hours=1))
    response = client.get("/healthz", {"deep": "1"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "warning"
    assert body["outbox_failed"] == 1
    assert body["outbox_stuck_sending"] == 1
    assert body["warnings"] == ["outbox_failed", "outbox_stuck_sending"]


def test_deep_check_reports_the_oldest_waiting_task(client, settings):
    from rescue_restore.mail import deliver_email

    settings.HEALTHZ_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    from django_tasks_db.models import DBTaskResult

    deliver_email.enqueue(12345)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=30))
    response = client.get("/healthz", {"deep": "1"}, headers={"Authorization": f"Bearer {TOKEN}"})
    body = response.json()
    assert 1790 <= body["task_queue_oldest_waiting_seconds"] <= 1900
    assert body["warnings"] == ["task_queue_behind"]


def test_deep_check_all_clear(client, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    response = client.get("/healthz", {"deep": "1"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.json() == {
        "status": "ok",
        "database": "up",
        "cache": "up",
        "task_queue_oldest_waiting_seconds": 0,
        "outbox_failed": 0,
        "outbox_stuck_sending": 0,
        "warnings": [],
    }
