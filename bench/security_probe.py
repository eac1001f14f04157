"""Issue 20's two outside checks, production-like: gunicorn with production settings, PostgreSQL, Redis.

1. Sign-up timing: interleaved posts of the listserv sign-up form for addresses already on the list
   (confirmed subscribers) and for new ones, each from its own client address (through the trusted
   proxy header, as nginx sends it). Prints both medians and their ratio; the target is within 10 %.
2. Lockout: 20 wrong passwords for a staff username from one address, then the right password from
   another; prints where that lands (the second-factor step is the target).

Run: ``.venv/bin/python bench/security_probe.py`` (options: ``--port`` 8410, ``--pairs`` 40,
``--redis`` redis://127.0.0.1:6379/3, ``--pg``, ``--database`` rr_security_probe). The scratch database
is dropped at the end, whatever happens. Tasks are stored for a worker (TASKS_BACKEND=database), as in
production; none runs here, so what is timed is what a visitor waits for.
"""

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import PYTHON, _environments, _psql, _run, _stop, _wait_until_up, log  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="form_started" value="([^"]+)"')
TOPIC = re.compile(r'name="topics"[^>]*value="(\d+)"')
PASSWORD = "a-long-probe-password-1"  # noqa: S105 (a scratch account in a scratch database)

SETUP = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from listserv.models import Subscriber, Topic
topic = Topic.objects.create(name="Probe topic", slug="probe-topic")
for n in range({pairs} + 10):
    s = Subscriber.objects.create(
        email=f"known{{n}}@probe.example.org", status="confirmed", confirmed_at="2026-01-01T00:00Z"
    )
    s.topics.add(topic)
user = get_user_model().objects.create_superuser("probe-admin", "probe@example.gov", "{password}")
TOTPDevice.objects.create(user=user, name="Probe phone", confirmed=True)
"""


class Browser:
    """One keep-alive connection, the cookies the site set, and a client address (X-Forwarded-For)."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}

    def request(self, method, path, address, data=None):
        headers = {"X-Forwarded-For": address, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode(errors="replace")
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), content, elapsed


def sign_up_timings(port, pairs):
    browser = Browser(port)
    _status, _location, page, _ms = browser.request("GET", "/listserv/", "192.0.2.1")
    form = {
        "csrfmiddlewaretoken": CSRF.search(page)[1],
        "form_started": STARTED.search(page)[1],
        "website": "",
        "topics": TOPIC.search(page)[1],
        "language": "en",
    }
    time.sleep(2.5)  # FORM_MIN_FILL_SECONDS: the form was "read"
    known, unknown = [], []
    for n in range(pairs + 10):  # the first 10 pairs warm both workers up and are not counted
        pair = [("known", f"known{n}@probe.example.org"), ("unknown", f"new{n}@probe.example.org")]
        for kind, email in pair if n % 2 else reversed(pair):  # each kind goes first in half the pairs
            address = f"2001:db8:{n + 1:x}:{1 if kind == 'known' else 2}::1"
            status, location, _content, ms = browser.request("POST", "/listserv/", address, {**form, "email": email})
            if status != 302 or not location.endswith("/listserv/check-your-email/"):
                raise SystemExit(f"sign-up answered {status} {location} for a {kind} address")
            if n >= 10:
                (known if kind == "known" else unknown).append(ms)
    return known, unknown


def lockout_probe(port):
    attacker = Browser(port)
    answers = []
    for _ in range(20):
        _status, _location, page, _ms = attacker.request("GET", "/admin/login/", "198.51.100.66")
        data = {"csrfmiddlewaretoken": CSRF.search(page)[1], "username": "probe-admin", "password": "wrong-guess"}
        status, *_rest = attacker.request("POST", "/admin/login/?next=/admin/", "198.51.100.66", data)
        answers.append(status)
    real = Browser(port)
    _status, _location, page, _ms = real.request("GET", "/admin/login/", "203.0.113.10")
    data = {"csrfmiddlewaretoken": CSRF.search(page)[1], "username": "probe-admin", "password": PASSWORD}
    status, location, _content, ms = real.request("POST", "/admin/login/?next=/admin/", "203.0.113.10", data)
    return answers, status, location, ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8410)
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="rr_security_probe")
    args = parser.parse_args()
    development, production = _environments(args, f"{args.pg}/{args.database}")
    production = {**production, "CACHE_KEY_PREFIX": "rrsecprobe", "RELEASE": "probe"}
    server = None
    _psql(args.pg, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    _psql(args.pg, f'CREATE DATABASE "{args.database}"')
    try:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
        _run([PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"], development)
        _run(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c", SETUP.format(pairs=args.pairs, password=PASSWORD)],
            development,
        )
        _run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], production)
        log(f"starting gunicorn on 127.0.0.1:{args.port}")
        server = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "rescue_restore.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{args.port}",
            ],
            cwd=ROOT,
            env=production,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_until_up(f"http://127.0.0.1:{args.port}")
        known, unknown = sign_up_timings(args.port, args.pairs)
        answers, status, location, ms = lockout_probe(args.port)
    finally:
        if server is not None:
            _stop(server)
        _psql(args.pg, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    difference = abs(known_median - unknown_median) / max(known_median, unknown_median)
    print(f"sign-up, address on the list:  median {known_median:.1f} ms over {len(known)} posts")
    print(f"sign-up, new address:          median {unknown_median:.1f} ms over {len(unknown)} posts")
    print(f"difference {difference:.1%} (target: within 10 %): {'OK' if difference <= 0.10 else 'OVER'}")
    print(f"lockout: 20 wrong passwords from one address answered {sorted(set(answers))}")
    reached = status == 302 and "/admin/account/verify/" in location
    print(
        f"lockout: the right password from another address: {status} -> {location} ({ms:.0f} ms): "
        f"{'reaches the second factor' if reached else 'DOES NOT reach the second factor'}"
    )
    return 0 if difference <= 0.10 and reached else 1


if __name__ == "__main__":
    sys.exit(main())
