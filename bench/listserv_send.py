"""Time and memory of sending one bulletin to 10,000 and 100,000 subscribers.

Run: ``.venv/bin/python bench/listserv_send.py`` (optionally ``--sizes 10000 100000``,
``--delay-ms 50``, ``--provider test``, ``--json``). ``make bench`` runs it after the pages
(bench/run.py) and prints the targets: memory, linearity and rate against the code before batching.

Each size runs in its own process (so ru_maxrss, a process-wide peak, is per
size) against a fresh SQLite file in /tmp. By default the provider is
bench/fake_provider.py, a local HTTP server that answers like Postmark's API
after ``--delay-ms`` (50 ms: a realistic round trip to a provider), started
in its own process on ``--port`` (8926), and the site's real Postmark backend
talks to it over HTTP (``EMAIL_PROVIDER_API_URL``). ``--provider test`` uses
the anymail test backend instead (no network; it keeps every message in
``django.core.mail.outbox``, which the bench empties after every batch). The
send runs through the real task code (``create_delivery_rows`` then
``send_batches``), one batch per call, synchronously.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from io import StringIO
from pathlib import Path

RESULT_PREFIX = "result: "
DB_PATH = Path(f"/tmp/rr_bench_send_{os.getpid()}.sqlite3")  # noqa: S108 (a throwaway benchmark database)
ROOT = Path(__file__).resolve().parents[1]


def _fake_stats(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats", timeout=10) as answer:
        return json.load(answer)


def run_one(size, provider, port):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    if provider == "fake":
        os.environ["EMAIL_PROVIDER"] = "postmark"
        os.environ["POSTMARK_SERVER_TOKEN"] = "benchmark-placeholder"  # noqa: S105 (the fake provider takes any)
        os.environ["EMAIL_PROVIDER_API_URL"] = f"http://127.0.0.1:{port}/"
    else:
        os.environ["EMAIL_PROVIDER"] = "console"
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings

    django.setup()
    if provider == "test":
        settings.MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}

    from django.core import mail
    from django.core.management import call_command

    from listserv import demo, sending
    from listserv.models import Bulletin, Delivery, Topic

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    demo.seed({"subscribers": size}, StringIO())
    seeded_in = time.perf_counter() - started

    # Created as approved: the benchmark measures sending, not the second person's clearance (docs/clearance.md).
    bulletin = Bulletin.objects.create(
        subject="Benchmark bulletin", slug="benchmark", body="Hello **subscribers**.", status=Bulletin.Status.APPROVED
    )
    bulletin.topics.set(Topic.objects.all())
    bulletin.change_status(Bulletin.Status.SENDING)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    before = _fake_stats(port) if provider == "fake" else {"messages": 0, "requests": {}}
    tracemalloc.start()
    started = time.perf_counter()
    sending.create_delivery_rows(bulletin.pk)
    prepared_in = time.perf_counter() - started
    sent = 0
    while True:
        mail.outbox = []
        claimed = sending.send_batches.call(bulletin.pk, max_batches=1, chain=False)
        sent += len(getattr(mail, "outbox", []))
        if not claimed:
            break
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    if provider == "fake":
        stats = _fake_stats(port)
        sent = stats["messages"] - before["messages"]
        calls = sum(stats["requests"].values()) - sum(before["requests"].values())
    else:
        calls = sent
    bulletin.refresh_from_db()
    recorded = Delivery.objects.filter(status="sent").count()
    if bulletin.status != Bulletin.Status.SENT or not sent == size == recorded:
        raise SystemExit(f"Wrong result: status {bulletin.status}, {sent} sent, {recorded} recorded, {size} wanted")
    print(
        f"{size:>7} subscribers: seeded in {seeded_in:.1f} s; send {elapsed:.1f} s "
        f"(rows prepared in {prepared_in:.1f} s), {size / elapsed:,.0f} messages/s; "
        f"tracemalloc peak {peak / 1e6:.1f} MB; ru_maxrss {rss_before / 1024:.0f} MB before send, "
        f"{rss_after / 1024:.0f} MB after; {calls} API calls"
    )
    result = {
        "recipients": size,
        "seconds": round(elapsed, 2),
        "per_second": round(size / elapsed, 1),
        "peak_rss_mb": round(rss_after / 1024, 1),
        "tracemalloc_peak_mb": round(peak / 1e6, 1),
        "api_calls": calls,
    }
    print(f"{RESULT_PREFIX}{json.dumps(result)}", flush=True)


def _fake_arguments(args):
    return ["--port", str(args.port), "--delay-ms", str(args.delay_ms)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--provider", choices=["fake", "test"], default="fake")
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--port", type=int, default=8926)
    parser.add_argument("--json", action="store_true", help="end with one JSON line: every size's figures")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.provider, args.port)
        return
    # With --json, stdout is for the machine (the last line); progress goes to stderr.
    progress = sys.stderr if args.json else sys.stdout
    fake = None
    if args.provider == "fake":
        fake = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "bench" / "fake_provider.py"),
                *("--port", str(args.port)),
                "--delay-ms",
                str(args.delay_ms),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                _fake_stats(args.port)
                break
            except OSError:
                time.sleep(0.2)
        print(f"fake provider on 127.0.0.1:{args.port}, {args.delay_ms} ms per API call", file=progress)
    results = []
    try:
        for size in args.sizes:
            command = [sys.executable, __file__, "--one", str(size), "--provider", args.provider]
            output = subprocess.run(  # noqa: S603
                [*command, "--port", str(args.port)], check=True, timeout=3600, stdout=subprocess.PIPE, text=True
            ).stdout
            for line in output.splitlines():
                if line.startswith(RESULT_PREFIX):
                    results.append({**json.loads(line.removeprefix(RESULT_PREFIX)), "delay_ms": args.delay_ms})
                else:
                    print(line, file=progress, flush=True)
        if args.json:
            print(json.dumps(results))
    finally:
        if fake is not None:
            fake.terminate()
            fake.wait(timeout=10)


if __name__ == "__main__":
    main()
