"""The task worker: django-tasks-db's loop in several threads, a heartbeat, and the lease sweep.

``manage.py run_worker`` (the ``worker`` process) runs ``WORKER_THREADS``
copies of django-tasks-db's own worker loop in one process, so a stalled
provider call holds one thread while the others go on (django-tasks-db 0.13's
``db_worker`` runs one task at a time and has no thread option). Beside them,
one maintenance thread every few seconds:

1. touches this process's ``WorkerHeartbeat`` row;
2. takes back outbox emails and bulletin deliveries whose claim (lease) ran
   out (``rescue_restore.outbox.mail.expire_leases`` and each app's
   ``leases.expire_leases``, found through ``rescue_restore.kernel.discovery``);
3. hands back tasks left RUNNING by a worker whose heartbeat stopped (killed,
   out of memory, host lost): READY again, so any worker runs them, since
   every task here is safe to run twice; a task that has already lost
   ``MAX_TASK_RUNS`` workers is marked failed and logged instead (it may be
   what kills them).

So a dead worker's mail is taken back within about a minute
(``MAIL_LEASE_SECONDS`` plus one sweep), by any worker still running or the
one systemd restarts, with no operator action and no scheduler slot to wait for.
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from rescue_restore.kernel import discovery
from rescue_restore.models import WorkerHeartbeat
from rescue_restore.outbox import mail

logger = logging.getLogger(__name__)

MAX_TASK_RUNS = 5
THREAD_MARK = "/t"  # a thread's worker id is "<process id>/t<n>"
KEEP_DEAD_HEARTBEATS = timedelta(days=1)


def sweep_interval() -> float:
    """Seconds between heartbeats and sweeps: a quarter of the lease, between 1 and 10."""
    return max(1.0, min(10.0, float(settings.MAIL_LEASE_SECONDS) / 4))


def heartbeat_timeout() -> timedelta:
    """A worker whose heartbeat is older than this is dead (it beats four times per lease)."""
    return timedelta(seconds=settings.MAIL_LEASE_SECONDS)


def new_process_id() -> str:
    return f"rr-{get_random_string(8)}-{os.getpid()}@{socket.gethostname()}"[:56]


def process_of(worker_id: str) -> str | None:
    """The process part of a thread's worker id, or None for a worker that is not ours."""
    if not worker_id.startswith("rr-") or THREAD_MARK not in worker_id:
        return None
    return worker_id.rsplit(THREAD_MARK, 1)[0]


def beat(process_id: str, *, threads: int = 1, queues: str = "", now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=process_id,
        defaults={
            "last_seen_at": now,
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
            "threads": threads,
            "queues": queues[:200],
        },
    )


def live_processes(now: datetime | None = None) -> set[str]:
    now = now or timezone.now()
    return set(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=now - heartbeat_timeout()).values_list("worker_id", flat=True)
    )


def hand_back_orphaned_tasks(now: datetime | None = None) -> tuple[int, int]:
    """Tasks RUNNING under one of our workers whose heartbeat stopped: READY again, or failed.

    Tasks of other workers (a plain ``db_worker``) are left alone: nothing says
    whether they are alive; ``/healthz?deep=1`` reports any task running too long.
    Returns ``(handed_back, failed)``.
    """
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return 0, 0
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = live_processes(now)
    handed_back = failed = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=now - heartbeat_timeout())
    for task_id, worker_ids, started_at, task_path in running.values_list(
        "pk", "worker_ids", "started_at", "task_path"
    ):
        process = process_of(worker_ids[-1]) if worker_ids else None
        if process is None or process in alive:
            continue
        same = DBTaskResult.objects.filter(pk=task_id, status="RUNNING", started_at=started_at)
        if len(worker_ids) >= MAX_TASK_RUNS:
            failed += same.update(
                status="FAILED",
                finished_at=now,
                exception_class_path="rescue_restore.ops.worker.WorkerLost",
                traceback=f"The worker running this task stopped {len(worker_ids)} times; not run again.",
            )
            logger.error("Task %s (%s) lost %s workers: marked failed", task_id, task_path, len(worker_ids))
        elif same.update(status="READY"):
            handed_back += 1
            logger.warning("Task %s (%s) was running under dead worker %s: handed back", task_id, task_path, process)
    return handed_back, failed


def sweep(now: datetime | None = None) -> dict[str, int]:
    """One pass of lease expiry and orphan hand-back; returns what it did (only non-zero counts)."""
    done = {f"outbox {what}": n for what, n in mail.expire_leases(now).items()}
    for app, module in discovery.app_modules("leases"):
        done.update({f"{app} {what}": n for what, n in module.expire_leases(now).items()})
    done["tasks handed back"], done["tasks failed"] = hand_back_orphaned_tasks(now)
    WorkerHeartbeat.objects.filter(last_seen_at__lt=(now or timezone.now()) - KEEP_DEAD_HEARTBEATS).delete()
    return {what: n for what, n in done.items() if n}


class Maintenance(threading.Thread):
    """Heartbeat and sweep every ``sweep_interval()`` seconds until stopped."""

    def __init__(self, process_id: str, *, threads: int, queues: str) -> None:
        super().__init__(name="worker-maintenance", daemon=True)
        self.process_id, self.threads, self.queues = process_id, threads, queues
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                beat(self.process_id, threads=self.threads, queues=self.queues)
                done = sweep()
                if done:
                    logger.warning("Worker sweep: %s", done)
            except Exception:  # a database blip must not end the heartbeat for good; the next pass retries
                logger.exception("Worker heartbeat or sweep failed")
            self.stopped.wait(sweep_interval())
        connection.close()

    def stop(self, *, clean: bool) -> None:
        self.stopped.set()
        self.join(timeout=30)
        if clean:  # every thread finished its task: no task of ours is left running
            WorkerHeartbeat.objects.filter(worker_id=self.process_id).delete()
            connection.close()
