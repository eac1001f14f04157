"""Errors that reach a person: an email to ERROR_ALERT_EMAILS, through the outbox.

``ErrorAlertHandler`` sits on the root logger (settings ``LOGGING``) at level ERROR,
so it sees what every process logs as an error: an unhandled exception in a
request (``django.request``), a task that failed (``django.tasks``), a scheduled
job that failed. For each it enqueues
``send_error_alert``, and the worker writes one email through the outbox like every
other email the site sends (retries, delivery record, the admin's Outgoing emails).

One email per kind of error per ``ERROR_ALERT_REPEAT_SECONDS`` (an hour): the kind
is the logger, the message's template and, for an exception, its type and the line
that raised it; the counter is in the shared cache, so ten web workers hitting the
same bug send one email. The log keeps every occurrence, and the email names the
request id to look for. Left out: ``django.security.*`` (a scanner sending a bad
Host header is not an incident), ``rescue_restore.outbox.mail`` (mail that failed is the
deep health check's ``outbox_failed``, and an alert about mail must not need mail),
and whatever goes wrong while alerting (the handler never raises, and never
alerts about itself).

The email carries the message and the traceback (code lines, never local
variables or request bodies). A database that is down cannot take the task, so
that case reaches a person through the health check's alert instead
(docs/deploy.md, "Alerts to set").
"""

import hashlib
import logging
import socket
import sys
import threading
import traceback

from django.conf import settings
from django.core.cache import cache
from django.tasks import task

from rescue_restore.config.logformat import utc_time

IGNORED_LOGGERS = ("django.security", __name__, "rescue_restore.outbox.mail")
_alerting = threading.local()


def kind_of(record):
    """A short digest that is the same for every occurrence of one error."""
    where = ""
    if record.exc_info and record.exc_info[1] is not None:
        frames = traceback.extract_tb(record.exc_info[2])
        last = frames[-1] if frames else None
        where = type(record.exc_info[1]).__qualname__ + (f"@{last.filename}:{last.lineno}" if last else "")
    return hashlib.sha256(f"{record.name}|{record.msg}|{where}".encode()).hexdigest()[:32]


def summary_of(record):
    exception = ""
    if record.exc_info and record.exc_info[1] is not None:
        exception = "".join(traceback.format_exception(*record.exc_info))[-8000:]
    return {
        "time": utc_time(record.created),
        "level": record.levelname,
        "logger": record.name,
        "request_id": getattr(record, "request_id", None) or "-",
        "message": record.getMessage()[:2000],
        "exception": exception,
        "host": socket.gethostname(),
        "repeat_minutes": settings.ERROR_ALERT_REPEAT_SECONDS // 60,
    }


class ErrorAlertHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)

    def emit(self, record):
        if not settings.ERROR_ALERT_EMAILS or record.name.startswith(IGNORED_LOGGERS):
            return
        if getattr(_alerting, "active", False):
            return  # an error logged while alerting: never alert about alerting
        _alerting.active = True
        try:
            if cache.add(f"error-alert:{kind_of(record)}", 1, timeout=settings.ERROR_ALERT_REPEAT_SECONDS):
                send_error_alert.enqueue(summary_of(record))
        except Exception as error:  # the cache or the database is down: the log line is still written
            print(f"error alert not queued: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            _alerting.active = False


@task(queue_name="mail")
def send_error_alert(summary):
    """Write the alert email into the outbox (the worker delivers it like any other)."""
    from rescue_restore.outbox.mail import queue_email

    queue_email("emails/error_alert", {"alert": summary}, settings.ERROR_ALERT_EMAILS)
