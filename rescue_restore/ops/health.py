"""``/healthz``: is this instance able to serve? ``?deep=1``: is the whole system keeping up?

The plain check is for the load balancer: 200 when the database and the cache
answer, 503 when either does not (an instance that cannot reach Redis cannot
count rate limits, so it should not take traffic).

The deep check is for monitoring and needs ``Authorization: Bearer
<HEALTHZ_TOKEN>``. It reports, each against its threshold, whether the
background work is keeping up: the age of the newest worker heartbeat, the
oldest task waiting, tasks RUNNING longer than they should, outbox emails and
bulletin deliveries still "being sent" well past their lease (a running
worker takes those back within seconds, so such rows mean none is), and mail
that gave up or was refused in the last 24 hours. Any of them past its threshold answers 503 with the names in
``problems``: a monitor that only reads the status code still pages someone.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from rescue_restore.kernel import discovery
from rescue_restore.models import OutgoingEmail, WorkerHeartbeat
from rescue_restore.outbox import mail

logger = logging.getLogger(__name__)

# Failed mail counts for a day: long enough for a person to see it, short enough to clear by itself.
FAILED_MAIL_WINDOW = timedelta(hours=24)


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False
    return True


def cache_is_up() -> bool:
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


def oldest_waiting_task_seconds() -> int | None:
    """Seconds the oldest runnable task has waited; None when the queue is not the database's."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return 0
    return max(0, int((timezone.now() - oldest).total_seconds()))


def _uses_database_tasks() -> bool:
    return "django_tasks_db" in settings.TASKS["default"]["BACKEND"]


def newest_heartbeat_seconds(now: datetime) -> int | None:
    """Seconds since the most recent worker heartbeat; None when tasks do not go through the database."""
    if not _uses_database_tasks():
        return None
    newest = WorkerHeartbeat.objects.order_by("-last_seen_at").values_list("last_seen_at", flat=True).first()
    return None if newest is None else max(0, int((now - newest).total_seconds()))


def tasks_running_too_long(now: datetime) -> int:
    if not _uses_database_tasks():
        return 0
    from django_tasks_db.models import DBTaskResult

    limit = now - timedelta(minutes=settings.HEALTHZ_MAX_TASK_RUNNING_MINUTES)
    return DBTaskResult.objects.running().filter(started_at__lt=limit).count()


def stuck_past_lease(now: datetime) -> dict[str, int]:
    """Outbox emails and each app's rows (bulletin deliveries) still being sent past lease + grace."""
    grace = timedelta(minutes=settings.HEALTHZ_STUCK_SENDING_MINUTES)
    stuck = {"outbox_stuck_sending": mail.stuck_past_lease(grace, now)}
    for app, module in discovery.app_modules("leases"):
        stuck[f"{app}_stuck_sending"] = module.stuck_past_lease(grace, now)
    return stuck


def failed_mail(now: datetime) -> dict[str, int]:
    """Mail that gave up (outbox) or was refused (bulletin copies) in the last ``FAILED_MAIL_WINDOW``."""
    since = now - FAILED_MAIL_WINDOW
    recent = Q(claimed_at__gte=since) | Q(claimed_at__isnull=True, created_at__gte=since)
    failed = {"outbox_failed": OutgoingEmail.objects.filter(recent, status=OutgoingEmail.Status.FAILED).count()}
    for app, module in discovery.app_modules("leases"):
        if hasattr(module, "failed_count"):
            failed[f"{app}_failed"] = module.failed_count(since)
    return failed


def deep_report(now: datetime | None = None) -> dict[str, object]:
    """Every measure with its threshold, and the names of those past it."""
    now = now or timezone.now()
    heartbeat_age = newest_heartbeat_seconds(now)
    queue_age = oldest_waiting_task_seconds()
    measures = {
        "worker_heartbeat_age_seconds": (heartbeat_age, settings.HEALTHZ_MAX_HEARTBEAT_AGE_SECONDS),
        "task_queue_oldest_waiting_seconds": (queue_age, settings.HEALTHZ_MAX_QUEUE_AGE_SECONDS),
        "tasks_running_too_long": (tasks_running_too_long(now), 0),
        **{name: (count, 0) for name, count in stuck_past_lease(now).items()},
        **{name: (count, settings.HEALTHZ_MAX_FAILED_MAIL) for name, count in failed_mail(now).items()},
    }
    problems = [name for name, (value, threshold) in measures.items() if value is not None and value > threshold]
    if _uses_database_tasks() and heartbeat_age is None:
        problems.insert(0, "no_worker_heartbeat")
    report: dict[str, object] = {name: value for name, (value, _threshold) in measures.items()}
    report["thresholds"] = {name: threshold for name, (_value, threshold) in measures.items()}
    report["problems"] = problems
    return report


def _deep_allowed(request: HttpRequest) -> bool:
    expected = settings.HEALTHZ_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and constant_time_compare(given.strip(), expected)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    deep = request.GET.get("deep") == "1"
    if deep and not _deep_allowed(request):
        return JsonResponse({"status": "forbidden", "detail": "The deep check needs the health token."}, status=403)
    report: dict[str, object] = {
        "database": "up" if database_is_up() else "down",
        "cache": "up" if cache_is_up() else "down",
    }
    if "down" in report.values():
        return JsonResponse({"status": "unavailable", **report}, status=503)
    if deep:
        report.update(deep_report())
        if report["problems"]:
            return JsonResponse({"status": "behind", **report}, status=503)
    return JsonResponse({"status": "ok", **report})
