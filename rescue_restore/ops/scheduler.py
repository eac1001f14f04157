"""The site's scheduled jobs, and the one loop that starts them (``manage.py run_scheduler``).

Django's task framework (6.1) and django-tasks-db queue and run tasks but have
no periodic schedule, so this module keeps the table of jobs and a small loop.
Every minute the loop works out, for each job, the period that is current (the
five-minute slot, today's 03:15…) and tries to insert a ``ScheduledRun`` row
for that job and period. The row's unique constraint is the lock: whichever
scheduler inserts it first enqueues the job, every other one gets an
integrity error and moves on. Two schedulers on two hosts (a rolling deploy,
a second instance started by mistake) therefore never double-run a job, and a
scheduler that was down catches up once, not once per missed period.

The very first start is different: a daily or weekly job that has never had a
row does not run for the period already under way (a scheduler first started at
13:34 would otherwise purge personal data at 13:34, not 03:45, and send every
daily email at once). Its row for that period is recorded as skipped, and the
job first runs at its own next time. The every-N-minutes jobs start at once.

A job is a management command, called by name in a background task on the
``default`` queue, so the worker runs it and the scheduler stays tiny.
"""

import io
import logging
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from rescue_restore.models import ScheduledRun

logger = logging.getLogger(__name__)

MONDAY = 0
# Rows older than this are deleted; they are only a record once their period is over.
KEEP_RUNS_FOR = timedelta(days=60)


@dataclass(frozen=True)
class Every:
    """Every N minutes, in slots counted from midnight UTC (N divides a day)."""

    minutes: int

    def period_start(self, now: datetime) -> datetime:
        now = now.astimezone(UTC)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        slots = int((now - midnight).total_seconds() // (self.minutes * 60))
        return midnight + timedelta(minutes=slots * self.minutes)

    def __str__(self) -> str:
        return f"every {self.minutes} minutes"


@dataclass(frozen=True)
class DailyAt:
    """Once a day, from the given local time (settings.TIME_ZONE) on."""

    hour: int
    minute: int = 0

    def period_start(self, now: datetime) -> datetime:
        local = timezone.localtime(now)
        start = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if local < start:
            start -= timedelta(days=1)
        return start

    def __str__(self) -> str:
        return f"daily at {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class WeeklyAt:
    """Once a week, from the given weekday (0 = Monday) and local time on."""

    weekday: int
    hour: int
    minute: int = 0

    def period_start(self, now: datetime) -> datetime:
        local = timezone.localtime(now)
        start = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        start -= timedelta(days=(local.weekday() - self.weekday) % 7)
        if local < start:
            start -= timedelta(days=7)
        return start

    def __str__(self) -> str:
        days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return f"{days[self.weekday]}s at {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class Job:
    command: str
    schedule: Every | DailyAt | WeeklyAt
    why: str
    arguments: tuple[str, ...] = field(default=())


JOBS = [
    Job("send_pending_mail", Every(5), "retries outbox emails whose provider failed"),
    Job(
        "publish_scheduled",
        Every(5),
        "publishes approved changes, unpublishes pages, sends bulletins at their set time",
    ),
    Job("send_pending_bulletins", Every(10), "resumes a bulletin whose sending stopped, e.g. after a deploy"),
    Job("expire_listserv_signups", DailyAt(3, 15), "deletes sign-ups not confirmed within 7 days"),
    Job("purge_personal_data", DailyAt(3, 45), "erases personal data past its retention period"),
    Job("send_coalition_reverification", DailyAt(9, 0), "emails contacts of listings not verified for 12 months"),
    Job("send_review_reminders", WeeklyAt(MONDAY, 8, 30), "emails content editors the pages due for review"),
]


def scheduler_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def claim(job: Job, now: datetime, claimed_by: str = "") -> ScheduledRun | None:
    """Insert the job's row for the current period; the run, or None if another scheduler has it."""
    period_start = job.schedule.period_start(now)
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.command, period_start=period_start, claimed_by=claimed_by)
    except IntegrityError:
        return None
    return run


def never_ran(job: Job) -> bool:
    """True for a daily or weekly job with no row at all: the scheduler starts for the first time."""
    return not isinstance(job.schedule, Every) and not ScheduledRun.objects.filter(job=job.command).exists()


def skip_first_period(job: Job, now: datetime, claimed_by: str) -> None:
    """Record the period under way as not run, so the job's first run is at its own next time."""
    period_start = job.schedule.period_start(now)
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(
                job=job.command,
                period_start=period_start,
                claimed_by=claimed_by,
                outcome=ScheduledRun.Outcome.SKIPPED,
                finished_at=now,
                output=f"Not run: the scheduler first started after this period began; the job runs {job.schedule}.",
            )
    except IntegrityError:
        return  # another scheduler recorded (or claimed) this period first
    logger.info("Scheduler: first start, %s waits for its time (%s)", job.command, job.schedule)


def tick(
    now: datetime | None = None, jobs: Iterable[Job] | None = None, claimed_by: str | None = None
) -> list[ScheduledRun]:
    """Enqueue every job whose current period has not been claimed yet; returns the runs claimed.

    Safe to call any number of times, from any number of processes: each job
    and period is claimed once. The task is enqueued after the claim commits.
    A daily or weekly job that never ran is not enqueued at the first start
    (see the module's docstring).
    """
    now = now or timezone.now()
    claimed_by = scheduler_identity() if claimed_by is None else claimed_by
    claimed: list[ScheduledRun] = []
    for job in JOBS if jobs is None else jobs:
        if never_ran(job):
            skip_first_period(job, now, claimed_by)
            continue
        run = claim(job, now, claimed_by)
        if run is None:
            continue
        logger.info("Scheduler: %s for the period from %s", job.command, run.period_start.isoformat())
        transaction.on_commit(partial(run_scheduled_job.enqueue, run.pk))
        claimed.append(run)
    if claimed:
        ScheduledRun.objects.filter(period_start__lt=now - KEEP_RUNS_FOR).delete()
    return claimed


def job_named(command: str) -> Job:
    for job in JOBS:
        if job.command == command:
            return job
    raise LookupError(command)


@task(queue_name="default")
def run_scheduled_job(run_id: int) -> str:
    """Run a claimed job's command in the worker and record how it went."""
    run = ScheduledRun.objects.get(pk=run_id)
    if run.outcome != ScheduledRun.Outcome.ENQUEUED:
        return run.outcome  # a repeated task: the job already ran
    job = job_named(run.job)
    output = io.StringIO()
    try:
        call_command(job.command, *job.arguments, stdout=output, stderr=output)
    except CommandError as error:
        # An unknown command or bad arguments: a deploy problem, say so loudly.
        logger.error("Scheduled job %s could not start: %s", job.command, error)
        _finish(run, ScheduledRun.Outcome.FAILED, f"{output.getvalue()}{error}")
        return "failed"
    except Exception as error:
        logger.exception("Scheduled job %s failed", job.command)
        _finish(run, ScheduledRun.Outcome.FAILED, f"{output.getvalue()}{type(error).__name__}: {error}")
        raise
    _finish(run, ScheduledRun.Outcome.SUCCEEDED, output.getvalue())
    return "succeeded"


def _finish(run: ScheduledRun, outcome: str, output: str) -> None:
    run.outcome = outcome
    run.output = output[-5000:]
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "output", "finished_at"])


def seconds_until_next_minute(now: datetime | None = None) -> float:
    now = now or datetime.now(UTC)
    return 60 - now.second - now.microsecond / 1_000_000
