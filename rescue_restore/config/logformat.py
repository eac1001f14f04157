"""The one shape of a log line, shared by the app (settings LOGGING) and gunicorn (gunicorn.conf.py).

Standard library only, on purpose: gunicorn's master process imports this module
for its own log lines, and a master that imported Django or the app would hand
its copies to every worker it forks, so a graceful reload (HUP) would keep serving
the old release's code (docs/deploy.md, "Releasing a new version").

A JSON line is one object: ``time`` (UTC, ISO 8601, milliseconds), ``level``,
``logger``, ``request_id`` ("-" outside a request), ``message``, then any extra
fields (an access line adds method, path, status, bytes, duration_ms) and
``exception`` when there is one. Plain lines carry the same facts, times in UTC.
"""

import json
import logging
import re
import time
from datetime import UTC, datetime

# A path segment this long that is not a lowercase slug is a token (an order's
# status link, a signed confirmation link): access logs show "[token]" instead.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOKEN_MIN_LENGTH = 20


def redact_path(path):
    """The path with every token-like segment replaced by ``[token]`` (query strings are never logged)."""
    return "/".join(
        "[token]" if len(segment) >= TOKEN_MIN_LENGTH and not _SLUG.match(segment) else segment
        for segment in (path or "").split("/")
    )


def utc_time(created):
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """One JSON object per line (see the module's docstring)."""

    def format(self, record):
        entry = {
            "time": utc_time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or "-",
            "message": record.getMessage(),
            **(getattr(record, "fields", None) or {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """``<UTC time> <level> <logger> [<request id>] <message>``."""

    converter = staticmethod(time.gmtime)  # UTC; a builtin binds no self either way

    def __init__(self):
        line = "%(asctime)s.%(msecs)03dZ %(levelname)s %(name)s [%(request_id)s] %(message)s"
        super().__init__(line, "%Y-%m-%dT%H:%M:%S")

    def format(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = "-"
        return super().format(record)
