"""Real worker processes against the fake provider: start, kill -9, restart, count what arrived.

Shared by the crash test (tests/rescue_restore/test_worker_crash.py) and the
stall benchmark (bench/stalled_provider.py). The worker is the real
``manage.py run_worker`` in its own process, on the test's PostgreSQL database,
sending to ``bench/fake_provider.py`` through the project's Postmark backend.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from bench.fake_provider import message_id
from rescue_restore.outbox.provider import CLAIM_KEY, OUTBOX_KEY

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    """The address of the database this process uses (the test database under pytest)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(api_url, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_ENV")) and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="rescue_restore.settings",
        DATABASE_URL=database_url(),
        TASKS_BACKEND="database",
        EMAIL_PROVIDER="postmark",
        POSTMARK_SERVER_TOKEN="crash-test",  # noqa: S106 - the fake provider's, on loopback
        EMAIL_PROVIDER_API_URL=api_url,
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


class Worker:
    """One ``manage.py run_worker`` process; its output goes to ``log_path``."""

    def __init__(self, env, log_path, threads=4):
        self.log_path = log_path
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--queue-name",
                "default,mail,bulletins",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--verbosity",
                "0",
                "--threads",
                str(threads),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self):
        """SIGKILL: no clean-up of any kind, as out of memory or a lost host."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self.log.closed:
            self.log.close()

    def output(self):
        return Path(self.log_path).read_text(errors="replace")[-4000:]


def wait_until(condition, timeout, interval=0.2):
    """Poll ``condition`` until it is true or ``timeout`` seconds pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def copies(store):
    """(bulletin copies per recipient, outbox copies per Message-ID) of what the provider received."""
    with store.lock:
        messages = list(store.messages)
    bulletin = Counter(m["To"] for m in messages if CLAIM_KEY in (m.get("Metadata") or {}))
    outbox = Counter(message_id(m) for m in messages if OUTBOX_KEY in (m.get("Metadata") or {}))
    return bulletin, outbox
