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
  the app's own lines (rescue_restore/logformat.py), times in UTC.

The access log has no client addresses, user agents, referrers or query
strings, and token-like path segments are masked: a status link in a log is
as good as the link itself. Each line carries the request id Django answered
with, which leads to the application's own log lines for that request.

The master process imports nothing of the app or Django (``preload_app`` stays
off, and rescue_restore.logformat is standard library only): what the master
imports, every worker it forks keeps, and a graceful reload must load the new code.
"""

import importlib.util
import multiprocessing
import os
from pathlib import Path

from gunicorn.glogging import Logger


def _load_logformat():
    """rescue_restore/logformat.py, loaded by its path and not as ``rescue_restore.logformat``.

    Importing it by name would put the ``rescue_restore`` package, with its folder, into the
    master's modules; every worker forked after a reload would inherit that package and load
    the old release's submodules from the old folder. Loaded by path, no package is imported.
    """
    path = Path(__file__).with_name("rescue_restore") / "logformat.py"
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
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        atoms.update({"h": "-", "u": "-", "a": "-", "f": "-", "q": "", "U": path})
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        # Request headers ({…}i) and the raw environ ({…}e) carry cookies, addresses and query strings.
        return {key: value for key, value in atoms.items() if not key.endswith(("}i", "}e"))}


logger_class = RedactingLogger
