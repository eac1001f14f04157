"""The scheduler process: ``manage.py run_scheduler`` (the Procfile's ``scheduler``)."""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from rescue_restore.models import ScheduledRun
from rescue_restore.ops import scheduler


class Command(BaseCommand):
    help = (
        "Enqueue the scheduled jobs (mail retries, bulletins, expiry, purge, re-verification, review reminders) "
        "at their times. Safe to run on several hosts: each job runs once per period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check the schedule once and exit.")
        parser.add_argument("--list", action="store_true", help="Print the table of jobs and exit.")
        parser.add_argument(
            "--recent", type=int, metavar="N", help="Print the last N runs (job, period, outcome) and exit."
        )

    def handle(self, *args, **options):
        if options["list"]:
            for job in scheduler.JOBS:
                self.stdout.write(f"{job.command:32} {job.schedule!s:24} {job.why}")
            return
        if options["recent"]:
            for run in ScheduledRun.objects.order_by("-claimed_at")[: options["recent"]]:
                finished = f"{run.finished_at:%Y-%m-%d %H:%M}" if run.finished_at else "-"
                self.stdout.write(f"{run.job:32} {run.period_start:%Y-%m-%d %H:%M} {run.outcome:10} {finished}")
            return
        if options["once"]:
            self._tick()
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Scheduler {scheduler.scheduler_identity()} started with {len(scheduler.JOBS)} jobs.")
        while not stop.is_set():
            close_old_connections()
            try:
                self._tick()
            except Exception:  # a database blip: log it and try again next minute
                scheduler.logger.exception("Scheduler tick failed")
            stop.wait(scheduler.seconds_until_next_minute())
        self.stdout.write("Scheduler stopped.")

    def _tick(self):
        for run in scheduler.tick():
            self.stdout.write(f"Enqueued {run.job} for {run.period_start.isoformat()}.")
