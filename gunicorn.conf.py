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
- ``GUNICORN_CHDIR``: the folder workers load the app from, kept as given (a
  symlink such as ``/srv/rescue-restore/current`` is followed anew by each new
  worker, so ``kill -HUP`` after switching the link serves the new release).
- ``LOG_FORMAT``: ``json`` or ``plain``, the same variable and the same shape as
  the app's own lines (rescue_restore/config/logformat.py), times in UTC.

The access log has no client addresses, user agents, referrers or query
strings, and token-like path segments are masked: a status link in a log is
as good as the link itself. Each line carries the request id Django answered
with, which leads to the application's own log lines for that request.

The master process imports nothing of the app or Django (``preload_app`` stays
off, and rescue_restore.config.logformat is standard library only): what the master
imports, every worker it forks keeps, and a graceful reload must load the new code.
"""

import contextlib
import importlib.util
import multiprocessing
import os
import select
import time
from pathlib import Path

from gunicorn.glogging import Logger


def _load_logformat():
    """rescue_restore/config/logformat.py, loaded by its path and not as ``rescue_restore.config.logformat``.

    Importing it by name would put the ``rescue_restore`` package, with its folder, into the
    master's modules; every worker forked after a reload would inherit that package and load
    the old release's submodules from the old folder. Loaded by path, no package is imported.
    """
    path = Path(__file__).with_name("rescue_restore") / "config" / "logformat.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf_logformat", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_logformat = _load_logformat()
JsonFormatter, PlainFormatter, redact_path = _logformat.JsonFormatter, _logformat.PlainFormatter, _logformat.redact_path


def _env(name, default):
    value = os.environ.get(name, "").strip()
    return value or default


def _default_bind():
    if os.environ.get("VCAP_APPLICATION") and os.environ.get("PORT"):
        return f"0.0.0.0:{os.environ['PORT']}"  # Cloud Foundry's router reaches the app on $PORT
    return "127.0.0.1:8000"


wsgi_app = "rescue_restore.wsgi:application"
if _env("GUNICORN_CHDIR", ""):
    chdir = os.environ["GUNICORN_CHDIR"].strip()
preload_app = False
# gunicorn 25+ opens a control socket at $HOME/.gunicorn/gunicorn.ctl by default: one path for every
# gunicorn of a user (two instances on a host fight over it) in a home the systemd unit makes
# read-only. Releases and restarts use signals (docs/deploy.md), so it stays off.
control_socket_disable = True
bind = [address.strip() for address in _env("GUNICORN_BIND", _default_bind()).split(",") if address.strip()]
workers = int(_env("GUNICORN_WORKERS", str(min(multiprocessing.cpu_count() * 2 + 1, 12))))
worker_class = "sync"
timeout = int(_env("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage, but rarely: a worker's
# boot costs about a second of CPU, and at 2,000 requests a worker (the first value) a busy day
# recycled each worker every few seconds, halving what the site could serve (p99 near 2 s). At
# 50,000 the cached pages (1,700 a second a worker) still recycled each worker every 30 s, each
# a half-second stall. A worker's memory stays flat over 220,000 requests (docs/performance.md,
# "gunicorn: access log and worker recycling"). The jitter is half that: each worker gets its own limit
# between 500,000 and 750,000, so that workers sharing the load evenly are not recycled together. With
# 50,000 both workers of the benchmark were recycled within 0.12 s: 1.5 s with no worker at all.
max_requests = 500_000
max_requests_jitter = 250_000
# Small forms only: a long request line or many headers is not a visitor.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

forwarded_allow_ips = _env("TRUSTED_PROXIES", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

accesslog = "-"
errorlog = "-"
loglevel = _env("GUNICORN_LOG_LEVEL", "info")
# Plain lines (LOG_FORMAT=plain) after the time, level and logger; JSON lines carry the same as fields.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'


LOG_FORMAT = _env("LOG_FORMAT", "plain")


class RedactingLogger(Logger):
    """gunicorn's logger with personal data and tokens left out, in the app's line shape (UTC)."""

    def setup(self, cfg):
        super().setup(cfg)
        formatter = JsonFormatter() if LOG_FORMAT == "json" else PlainFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict or self.cfg.syslog):
            return
        atoms = self.atoms(resp, req, environ, request_time)
        fields = {
            "method": atoms["m"],
            "path": atoms["U"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": atoms["M"],
        }
        request_id = atoms.get("{x-request-id}o") or "-"
        try:
            if LOG_FORMAT == "json":
                message = f"{atoms['m']} {atoms['U']} {atoms['s']}"
                self.access_log.info(message, extra={"request_id": request_id, "fields": fields})
            else:
                self.access_log.info(self.cfg.access_log_format, atoms, extra={"request_id": request_id})
        except Exception:
            self.error(f"Failed to log the request: {atoms['m']} {atoms['U']}")

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms less what identifies a visitor, made directly.

        gunicorn's own ``atoms`` first copies every request header ({…}i), response header and
        environ key ({…}e) and formats the time: about 6 % of a worker's time on a cached page
        (py-spy, docs/performance.md), for atoms this logger then drops. Request headers and the
        raw environ carry cookies, addresses and query strings; the time ``t`` is made only when
        ``access_log_format`` asks for it (each line has its own time already).
        """
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        path = redact_path(environ.get("PATH_INFO", ""))
        sent = getattr(resp, "sent", None)
        seconds, microseconds = request_time.seconds, request_time.microseconds
        atoms = {
            "h": "-",
            "l": "-",
            "u": "-",
            "t": self.now() if "%(t)" in self.cfg.access_log_format else "-",
            "r": f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}",
            "s": status,
            "m": environ.get("REQUEST_METHOD"),
            "U": path,
            "q": "",
            "H": environ.get("SERVER_PROTOCOL"),
            "b": str(sent) if sent is not None else "-",
            "B": sent,
            "f": "-",
            "a": "-",
            "T": seconds,
            "D": seconds * 1000000 + microseconds,
            "M": seconds * 1000 + microseconds // 1000,
            "L": f"{seconds}.{microseconds:06d}",
            "p": f"<{os.getpid()}>",
        }
        headers = resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
        atoms.update({f"{{{name.lower()}}}o": value for name, value in headers})
        return atoms


logger_class = RedactingLogger


# A reload (HUP) without a gap. gunicorn's own HUP starts the new workers and stops the old ones
# at once, so until the new ones have imported Django and the app (a second or two; far longer
# on a busy host) requests wait in the socket's queue. on_reload runs before that: it starts the
# new release's workers itself and returns once each has loaded the app (post_worker_init writes
# a byte to a pipe) or RELOAD_READY_SECONDS passed; gunicorn then starts no more workers (the
# setting is 0 until the next reload reads this file again) and stops the old ones, oldest first,
# each after the request it holds.
RELOAD_READY_SECONDS = int(_env("GUNICORN_RELOAD_READY_SECONDS", "120"))
_ready_pipe = {}


def on_reload(server):
    read_end, write_end = os.pipe()
    _ready_pipe.update(read=read_end, write=write_end)
    old_ages = [worker.age for worker in server.WORKERS.values()]
    count = server.num_workers
    for _ in range(count):
        server.spawn_worker()
    os.close(write_end)
    ready, deadline = 0, time.monotonic() + RELOAD_READY_SECONDS
    while ready < count and time.monotonic() < deadline:
        readable, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        if readable:
            data = os.read(read_end, 64)
            if not data:
                break
            ready += len(data)
    os.close(read_end)
    _ready_pipe.clear()
    log = server.log.info if ready == count else server.log.warning
    log("Reload: %s of %s new workers loaded the app; stopping the old ones", ready, count)
    # gunicorn stops the oldest workers first and then waits until every remaining worker is
    # younger than its own count at this point: the new ones must count as younger than that.
    for worker in server.WORKERS.values():
        if worker.age not in old_ages:
            worker.age += server.worker_age + count
    server.cfg.set("workers", 0)


def post_worker_init(worker):
    """In a worker started by on_reload: tell the master the app is loaded (a byte on the pipe)."""
    if "write" in _ready_pipe:
        with contextlib.suppress(OSError):
            os.write(_ready_pipe["write"], b"1")
        for end in (_ready_pipe["write"], _ready_pipe["read"]):
            with contextlib.suppress(OSError):
                os.close(end)
        _ready_pipe.clear()
