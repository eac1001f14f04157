"""Time and memory of sending one bulletin to 10,000 and 100,000 subscribers.

Run: ``.venv/bin/python bench/listserv_send.py`` (optionally ``--sizes 10000 100000``).

Each size runs in its own process (so ru_maxrss, a process-wide peak, is per
size) against a fresh SQLite file, ``/tmp/rr_bench.sqlite3``. The anymail
test backend stands in for the provider. It keeps every message it "sends"
in ``django.core.mail.outbox`` and looks each one up there again, which is
the stand-in provider's memory and time, not ours, so the bench empties the
outbox after every batch. The send runs through the real task code
(``create_delivery_rows`` then ``send_batches``), one batch per call,
synchronously.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from io import StringIO
from pathlib import Path

DB_PATH = Path("/tmp/rr_bench.sqlite3")  # noqa: S108 (a throwaway benchmark database)
ROOT = Path(__file__).resolve().parents[1]


def run_one(size):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    os.environ["EMAIL_PROVIDER"] = "console"
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings

    django.setup()
    settings.MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}

    from django.core import mail
    from django.core.management import call_command

    from listserv import demo, sending
    from listserv.models import Bulletin, Delivery, Topic

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    demo.seed({"subscribers": size}, StringIO())
    seeded_in = time.perf_counter() - started

    bulletin = Bulletin.objects.create(subject="Benchmark bulletin", slug="benchmark", body="Hello **subscribers**.")
    bulletin.topics.set(Topic.objects.all())
    bulletin.change_status(Bulletin.Status.SENDING)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    tracemalloc.start()
    started = time.perf_counter()
    sending.create_delivery_rows(bulletin.pk)
    prepared_in = time.perf_counter() - started
    sent = 0
    while True:
        mail.outbox = []
        claimed = sending.send_batches.call(bulletin.pk, max_batches=1, chain=False)
        sent += len(mail.outbox)
        if not claimed:
            break
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    bulletin.refresh_from_db()
    recorded = Delivery.objects.filter(status="sent").count()
    if bulletin.status != Bulletin.Status.SENT or not sent == size == recorded:
        raise SystemExit(f"Wrong result: status {bulletin.status}, {sent} sent, {recorded} recorded, {size} wanted")
    print(
        f"{size:>7} subscribers: seeded in {seeded_in:.1f} s; send {elapsed:.1f} s "
        f"(rows prepared in {prepared_in:.1f} s), {size / elapsed:,.0f} messages/s; "
        f"tracemalloc peak {peak / 1e6:.1f} MB; ru_maxrss {rss_before / 1024:.0f} MB before send, "
        f"{rss_after / 1024:.0f} MB after"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one)
        return
    for size in args.sizes:
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
