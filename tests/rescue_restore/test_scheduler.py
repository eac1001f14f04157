"""The scheduler runs each job once per period, however many schedulers run at once."""

import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command, get_commands
from django.db import connection, connections

from rescue_restore.models import ScheduledRun
from rescue_restore.ops import scheduler

pytestmark = pytest.mark.django_db

EASTERN = ZoneInfo("America/New_York")
# A Monday, 10:02 in Washington: every daily and weekly job's time has passed.
MONDAY_MORNING = datetime(2026, 12, 7, 10, 2, tzinfo=EASTERN)
ALL_JOBS = {job.command for job in scheduler.JOBS}


@pytest.fixture
def ran(monkeypatch):
    """Commands the worker ran, in order (the real commands run)."""
    commands = []
    real_call_command = scheduler.call_command

    def call(name, *args, **kwargs):
        commands.append(name)
        return real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(scheduler, "call_command", call)
    return commands


PERIODIC_JOBS = {job.command for job in scheduler.JOBS if isinstance(job.schedule, scheduler.Every)}
DAILY_AND_WEEKLY = ALL_JOBS - PERIODIC_JOBS


@pytest.fixture
def ran_before():
    """A scheduler that has run before: every job has a row from a month ago (not its first start)."""
    for job in scheduler.JOBS:
        ScheduledRun.objects.create(
            job=job.command,
            period_start=MONDAY_MORNING - timedelta(days=30),
            claimed_by="earlier",
            outcome=ScheduledRun.Outcome.SUCCEEDED,
        )


def tick_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return {run.job for run in scheduler.tick()}


def test_every_job_names_a_command_that_exists():
    assert set(get_commands()) >= ALL_JOBS


def test_first_tick_runs_every_job_once_and_a_second_tick_none(ran_before, ran, django_capture_on_commit_callbacks):
    assert tick_at(MONDAY_MORNING, django_capture_on_commit_callbacks) == ALL_JOBS
    assert sorted(ran) == sorted(ALL_JOBS)
    assert tick_at(MONDAY_MORNING + timedelta(seconds=30), django_capture_on_commit_callbacks) == set()
    assert sorted(ran) == sorted(ALL_JOBS)
    outcomes = dict(ScheduledRun.objects.exclude(claimed_by="earlier").values_list("job", "outcome"))
    assert set(outcomes.values()) == {ScheduledRun.Outcome.SUCCEEDED}
    assert (
        "Tried 0 waiting email(s)."
        in ScheduledRun.objects.exclude(claimed_by="earlier").get(job="send_pending_mail").output
    )


def test_the_very_first_start_runs_no_daily_or_weekly_job_before_its_time(ran, django_capture_on_commit_callbacks):
    """A scheduler first started at 10:02 does not purge, expire or send the daily emails at 10:02."""
    capture = django_capture_on_commit_callbacks
    assert tick_at(MONDAY_MORNING, capture) == PERIODIC_JOBS
    assert sorted(ran) == sorted(PERIODIC_JOBS)
    skipped = ScheduledRun.objects.filter(outcome=ScheduledRun.Outcome.SKIPPED)
    assert {run.job for run in skipped} == DAILY_AND_WEEKLY
    assert all("first start" in run.output and run.finished_at for run in skipped)
    # Later the same day: still nothing of them (their period is the one recorded as skipped).
    assert tick_at(MONDAY_MORNING.replace(hour=23, minute=50), capture) == PERIODIC_JOBS
    # Each runs at its own next time, once.
    tuesday = MONDAY_MORNING + timedelta(days=1)
    assert tick_at(tuesday.replace(hour=3, minute=16), capture) == PERIODIC_JOBS | {"expire_listserv_signups"}
    assert tick_at(tuesday.replace(hour=3, minute=46), capture) == PERIODIC_JOBS | {"purge_personal_data"}
    assert "send_review_reminders" not in ran
    assert ran.count("purge_personal_data") == 1
    next_monday = MONDAY_MORNING + timedelta(days=7)
    assert "send_review_reminders" in tick_at(next_monday.replace(hour=8, minute=31), capture)
    assert ran.count("send_review_reminders") == 1


def test_two_schedulers_at_their_first_start_record_each_skip_once(django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(claimed_by="host-a:1")
        scheduler.tick(claimed_by="host-b:2")
    for job in DAILY_AND_WEEKLY:
        assert ScheduledRun.objects.filter(job=job).count() == 1


def test_each_job_runs_once_per_its_own_period(ran_before, ran, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    tick_at(MONDAY_MORNING, capture)
    # 10:05: a new five-minute slot, not yet a new ten-minute one.
    assert tick_at(MONDAY_MORNING.replace(minute=5), capture) == {"send_pending_mail", "publish_scheduled"}
    assert tick_at(MONDAY_MORNING.replace(minute=9), capture) == set()
    assert tick_at(MONDAY_MORNING.replace(minute=10), capture) == {
        "send_pending_mail",
        "publish_scheduled",
        "send_pending_bulletins",
    }
    # Tuesday 03:00: the daily jobs' times (03:15 and later) have not come yet.
    tuesday = MONDAY_MORNING + timedelta(days=1)
    assert tick_at(tuesday.replace(hour=3, minute=0), capture) == {
        "send_pending_mail",
        "publish_scheduled",
        "send_pending_bulletins",
    }
    assert tick_at(tuesday.replace(hour=3, minute=16), capture) == {
        "send_pending_mail",
        "publish_scheduled",
        "send_pending_bulletins",
        "expire_listserv_signups",
    }
    assert tick_at(tuesday.replace(hour=9, minute=1), capture) == {
        "send_pending_mail",
        "publish_scheduled",
        "send_pending_bulletins",
        "purge_personal_data",
        "send_coalition_reverification",
    }
    # The weekly reminder waits for next Monday 08:30.
    assert tick_at(MONDAY_MORNING + timedelta(days=6), capture) >= {"expire_listserv_signups"}
    next_monday = MONDAY_MORNING + timedelta(days=7)
    assert "send_review_reminders" not in tick_at(next_monday.replace(hour=8, minute=0), capture)
    assert "send_review_reminders" in tick_at(next_monday.replace(hour=8, minute=30), capture)
    assert ran.count("send_review_reminders") == 2


def test_a_scheduler_that_was_down_catches_up_once_not_per_missed_period(
    ran_before, ran, django_capture_on_commit_callbacks
):
    tick_at(MONDAY_MORNING, django_capture_on_commit_callbacks)
    three_days_later = MONDAY_MORNING + timedelta(days=3, minutes=1)
    assert tick_at(three_days_later, django_capture_on_commit_callbacks) >= {"expire_listserv_signups"}
    assert ran.count("expire_listserv_signups") == 2


def test_two_schedulers_at_the_same_moment_do_not_double_run(ran_before, ran, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        first = scheduler.tick(claimed_by="host-a:1")
        second = scheduler.tick(claimed_by="host-b:2")
    assert {run.job for run in first} == ALL_JOBS
    assert second == []
    assert sorted(ran) == sorted(ALL_JOBS)


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(
    ran_before, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(name, *args, **kwargs):
        if name == "send_pending_bulletins":
            raise RuntimeError("provider down")

    monkeypatch.setattr(scheduler, "call_command", broken)
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduler.tick()
    failed = ScheduledRun.objects.exclude(claimed_by="earlier").get(job="send_pending_bulletins")
    assert failed.outcome == ScheduledRun.Outcome.FAILED
    assert "RuntimeError: provider down" in failed.output
    this_tick = ScheduledRun.objects.exclude(claimed_by="earlier")
    assert this_tick.filter(outcome=ScheduledRun.Outcome.SUCCEEDED).count() == len(ALL_JOBS) - 1


def test_an_unknown_command_is_a_failed_run_not_a_crash(monkeypatch, django_capture_on_commit_callbacks):
    job = scheduler.Job("no_such_command", scheduler.Every(5), "test")
    monkeypatch.setattr(scheduler, "JOBS", [job])
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduler.tick()
    run = ScheduledRun.objects.get()
    assert run.outcome == ScheduledRun.Outcome.FAILED
    assert "Unknown command" in run.output


def test_periods_follow_local_time_across_daylight_saving():
    daily = scheduler.DailyAt(3, 15)
    # 2027-03-14 is the spring-forward day in Washington.
    after = datetime(2027, 3, 14, 12, 0, tzinfo=UTC)
    assert daily.period_start(after) == datetime(2027, 3, 14, 3, 15, tzinfo=EASTERN)
    assert daily.period_start(datetime(2027, 3, 14, 7, 0, tzinfo=UTC)) == datetime(2027, 3, 13, 3, 15, tzinfo=EASTERN)


def test_run_scheduler_once_and_list(ran_before, capsys, django_capture_on_commit_callbacks, ran):
    call_command("run_scheduler", "--list")
    listed = capsys.readouterr().out
    assert all(job in listed for job in ALL_JOBS)
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")
    assert capsys.readouterr().out.count("Enqueued ") == len(ALL_JOBS)
    call_command("run_scheduler", "--recent", "3")
    recent = capsys.readouterr().out.splitlines()
    assert len(recent) == 3
    assert all("succeeded" in line for line in recent)


@pytest.mark.django_db(transaction=True)
def test_two_scheduler_processes_racing_on_postgresql_claim_each_period_once(ran_before, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent inserts")
    enqueued = []
    monkeypatch.setattr(scheduler, "run_scheduled_job", SimpleNamespace(enqueue=enqueued.append))
    barrier = threading.Barrier(4)
    claimed, errors = [], []

    def race(n):
        try:
            barrier.wait()
            claimed.extend(run.job for run in scheduler.tick(now=MONDAY_MORNING, claimed_by=f"host-{n}"))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(claimed) == sorted(ALL_JOBS)
    this_tick = ScheduledRun.objects.exclude(claimed_by="earlier")
    assert this_tick.count() == len(ALL_JOBS)
    assert sorted(enqueued) == sorted(this_tick.values_list("pk", flat=True))
