"""gunicorn's configuration for the web process (the Procfile's ``web``).

Read by ``gunicorn --config gunicorn.conf.py``; every knob has a safe default
and an environment variable:

- ``GUNICORN_BIND``: where to listen. Default: loopback, port 8000, for a proxy
  on the same host (nginx, see deploy/nginx/); on Cloud Foundry ``0.0.0.0:$PORT``.
  A Unix socket works too: ``unix:/run/rescue-restore/gunicorn.sock``.
- ``GUNICORN_WORKERS``: default 2 x CPUs + 1, at most 12.
- ``GUNICORN_TIMEOUT``: seconds before a stuck worker is replaced (default 30).
- ``TRUSTED_PROXIES``: comma-separated addresses or networks of the reverse
  proxies in front; only their ``X-Forwarded-*`` headers are believed (the
  Django setting of the same name reads the same variable). Default: loopback.

The access log has no client addresses, user agents, referrers or query
strings, and token-like path segments are masked: a status link in a log is
as good as the link itself. Each line carries the request id Django answered
with, which leads to the application's own log lines for that request.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

from rescue_restore.requestlog import redact_path


def _env(name, default):
    value = os.environ.get(name, "").strip()
    return value or default


def _default_bind():
    if os.environ.get("VCAP_APPLICATION") and os.environ.get("PORT"):
        return f"0.0.0.0:{os.environ['PORT']}"  # Cloud Foundry's router reaches the app on $PORT
    return "127.0.0.1:8000"


wsgi_app = "rescue_restore.wsgi:application"
bind = [address.strip() for address in _env("GUNICORN_BIND", _default_bind()).split(",") if address.strip()]
workers = int(_env("GUNICORN_WORKERS", str(min(multiprocessing.cpu_count() * 2 + 1, 12))))
worker_class = "sync"
timeout = int(_env("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage, but rarely: a worker's
# boot costs about a second of CPU, and at 2,000 requests a worker (the old value) a busy day
# recycled each worker every few seconds. Under load that halved what the site could serve and
# put p99 near 2 s (docs/performance.md, "Worker recycling").
max_requests = 50_000
max_requests_jitter = 5_000
# Small forms only: a long request line or many headers is not a visitor.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

forwarded_allow_ips = _env("TRUSTED_PROXIES", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

accesslog = "-"
errorlog = "-"
loglevel = _env("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'


class RedactingLogger(Logger):
    """gunicorn's logger with personal data and tokens left out of every atom."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        atoms.update({"h": "-", "u": "-", "a": "-", "f": "-", "q": "", "U": path})
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        # Request headers ({…}i) and the raw environ ({…}e) carry cookies, addresses and query strings.
        return {key: value for key, value in atoms.items() if not key.endswith(("}i", "}e"))}


logger_class = RedactingLogger
