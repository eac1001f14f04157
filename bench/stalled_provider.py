"""One slow provider call never holds up the rest: copies and waits with a provider that stalls 60 s.

Run: ``.venv/bin/python bench/stalled_provider.py`` (options: ``--emails 200``,
``--stall-every 10``, ``--stall-seconds 60``, ``--threads 8``, ``--pg
postgres://postgres@127.0.0.1:5432``, ``--database rr_bench_stall_<pid>``).

It creates a scratch PostgreSQL database (dropped at the end, whatever
happens), migrates it, stores ``--emails`` outbox emails (one delivery task
each), and starts bench/fake_provider.py stalling every Nth send call for S
seconds *after* accepting its message (the provider has it; the answer comes
late, past the read timeout), then one real ``manage.py run_worker`` with the
production defaults (EMAIL_READ_TIMEOUT 5 s, MAIL_LEASE_SECONDS 30,
WORKER_THREADS 8). When every email is sent it prints: copies per message, how
long the mail that did not stall waited (stored → sent), and how long the
stalled mail took to be settled (its lease, then a search at the provider).

``measure`` is also what tests/rescue_restore/test_stalled_provider.py runs, scaled down.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class StalledMailError(AssertionError):
    """Mail that should have gone out did not within the deadline."""


def measure(emails, stalls, env_extra, log_dir, threads=4, deadline=600, on_all_others_sent=None):
    """Store ``emails`` emails, run one worker against a stalling fake provider, return the figures.

    Needs Django set up on a PostgreSQL database with the database task backend.
    ``on_all_others_sent(rows)`` is called once every email outside a stalled call is sent;
    the stalled calls are then released (without it they answer after their stall).
    """
    from datetime import UTC, datetime

    from bench.fake_provider import serve
    from bench.worker_processes import Worker, wait_until, worker_env
    from rescue_restore.models import OutgoingEmail
    from rescue_restore.outbox import mail

    stored = []
    for n in range(emails):
        email = OutgoingEmail.objects.create(
            purpose="bench/stall", recipients=[f"person{n}@example.org"], subject=f"Order {n}", body_text="Hello"
        )
        mail.deliver_email.enqueue(email.pk)
        stored.append(email.pk)
    server, store = serve(0, stalls=stalls)
    worker = Worker(worker_env(f"http://127.0.0.1:{server.server_port}/", **env_extra), log_dir / "worker.log", threads)
    rows = OutgoingEmail.objects.filter(pk__in=stored)
    try:
        if on_all_others_sent is not None:

            def others_sent():
                stalled = set(stalls.stalled_message_ids)
                return stalls.began and not rows.exclude(status="sent").exclude(message_id__in=stalled).exists()

            if not wait_until(others_sent, deadline):
                raise StalledMailError(f"mail waited on the stalled calls:\n{worker.output()}")
            on_all_others_sent(rows)
            stalls.release()  # the held calls answer now
        everything_sent = wait_until(lambda: not rows.exclude(status="sent").exists(), deadline)
        if not everything_sent:
            raise StalledMailError(f"not all sent after {deadline} s:\n{worker.output()}")
    finally:
        stalls.release()
        worker.stop()
        server.shutdown()
        server.server_close()
    copies = store.copies()
    stalled = set(stalls.stalled_message_ids)
    # From the first message the provider received: the worker's own start-up is not mail waiting.
    started = datetime.fromtimestamp(min(message["_received_at"] for message in store.messages), tz=UTC)
    waits = {
        message_id: (sent_at - started).total_seconds()
        for message_id, sent_at in rows.values_list("message_id", "sent_at")
    }
    others = sorted(wait for message_id, wait in waits.items() if message_id not in stalled)
    stalled_waits = sorted(wait for message_id, wait in waits.items() if message_id in stalled)
    return {
        "emails": emails,
        "copies": sum(copies.values()),
        "most_copies_of_one_message": max(copies.values()),
        "stalled_calls": stalls.began,
        "others_wait_p50_s": round(statistics.median(others), 2),
        "others_wait_max_s": round(others[-1], 2),
        "stalled_settled_max_s": round(stalled_waits[-1], 2) if stalled_waits else None,
        "provider_searches": store.searches,
    }


def print_figures(label, figures):
    print(
        f"{label}: {figures['emails']} emails, {figures['copies']} copies received "
        f"(at most {figures['most_copies_of_one_message']} of one message); {figures['stalled_calls']} stalled calls; "
        f"other mail sent within {figures['others_wait_p50_s']} s (median) / {figures['others_wait_max_s']} s (max) "
        f"of the first send; stalled mail settled within {figures['stalled_settled_max_s']} s; "
        f"{figures['provider_searches']} provider searches",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--emails", type=int, default=200)
    parser.add_argument("--stall-every", type=int, default=10)
    parser.add_argument("--stall-seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default=f"rr_bench_stall_{os.getpid()}")
    args = parser.parse_args()
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{args.database}"')
    try:
        os.environ.update(
            DATABASE_URL=f"{args.pg}/{args.database}",
            TASKS_BACKEND="database",
            EMAIL_PROVIDER="console",
            LOG_LEVEL="WARNING",
            DJANGO_SETTINGS_MODULE="rescue_restore.settings",
        )
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from django.db import connections

        from bench.fake_provider import Stalls

        with tempfile.TemporaryDirectory() as log_dir:
            figures = measure(
                args.emails,
                Stalls(every=args.stall_every, seconds=args.stall_seconds),
                {},  # the production defaults: read timeout 5 s, lease 30 s
                Path(log_dir),
                threads=args.threads,
                deadline=args.stall_seconds * 3 + 120,
            )
        connections.close_all()
        stalled = (
            f"every {args.stall_every}th call answers after {args.stall_seconds:.0f} s"
            if args.stall_every
            else "no call stalls (the baseline)"
        )
        print_figures(f"stalled provider ({stalled}, {args.threads} threads)", figures)
    finally:
        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
