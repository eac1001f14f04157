"""``/healthz``: is this instance able to serve? ``?deep=1``: is the whole system keeping up?

The plain check is for the load balancer: 200 when the database and the cache
answer, 503 when either does not (an instance that cannot reach Redis cannot
count rate limits, so it should not take traffic).

The deep check is for monitoring and needs ``Authorization: Bearer
<HEALTHZ_TOKEN>``: it adds the age of the oldest task waiting in the queue,
outbox emails that gave up, and emails stuck "being sent" (a worker died while
handing them to the provider). Those are reported as warnings with a 200: the
instance itself is fine, a person has to look.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from rescue_restore.models import OutgoingEmail

logger = logging.getLogger(__name__)


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False
    return True


def cache_is_up():
    probe = secrets.token_hex(8)
    try:
        cache.set("healthz:probe", probe, 10)
        answered = cache.get("healthz:probe")
    except Exception:  # any client or connection error means the cache is down
        logger.exception("Health check: the cache did not answer")
        return False
    if answered != probe:
        logger.error("Health check: the cache did not keep a value")
        return False
    return True


def oldest_waiting_task_seconds():
    """Seconds the oldest runnable task has waited; None when the queue is not the database's."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return 0
    return max(0, int((timezone.now() - oldest).total_seconds()))


def outbox_counts():
    stuck_since = timezone.now() - timedelta(minutes=settings.HEALTHZ_STUCK_SENDING_MINUTES)
    return {
        "failed": OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count(),
        "stuck_sending": OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.SENDING, created_at__lt=stuck_since
        ).count(),
    }


def deep_report():
    queue_age = oldest_waiting_task_seconds()
    counts = outbox_counts()
    warnings = []
    if queue_age is not None and queue_age > settings.HEALTHZ_MAX_QUEUE_AGE_SECONDS:
        warnings.append("task_queue_behind")
    if counts["failed"]:
        warnings.append("outbox_failed")
    if counts["stuck_sending"]:
        warnings.append("outbox_stuck_sending")
    return {
        "task_queue_oldest_waiting_seconds": queue_age,
        "outbox_failed": counts["failed"],
        "outbox_stuck_sending": counts["stuck_sending"],
        "warnings": warnings,
    }


def _deep_allowed(request):
    expected = settings.HEALTHZ_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and constant_time_compare(given.strip(), expected)


@never_cache
@require_safe
def healthz(request):
    deep = request.GET.get("deep") == "1"
    if deep and not _deep_allowed(request):
        return JsonResponse({"status": "forbidden", "detail": "The deep check needs the health token."}, status=403)
    report = {"database": "up" if database_is_up() else "down", "cache": "up" if cache_is_up() else "down"}
    if "down" in report.values():
        return JsonResponse({"status": "unavailable", **report}, status=503)
    status = "ok"
    if deep:
        report.update(deep_report())
        if report["warnings"]:
            status = "warning"
    return JsonResponse({"status": status, **report})
