"""A request id on every log line and every response, and JSON logs as an option.

``RequestIdMiddleware`` gives each request an id: the one a trusted proxy sent
in ``X-Request-ID`` (nginx's ``$request_id``, a load balancer's trace id) when
it looks sane, otherwise a new random one. The id goes back in the response's
``X-Request-ID`` header, and ``RequestIdFilter`` puts it on every log record
written while the request runs, so one line in the access log leads to every
line the request wrote. An id from anyone else is ignored: a visitor must not
be able to forge log lines that look like someone else's request.

Which addresses are trusted proxies is ``settings.TRUSTED_PROXIES`` (addresses
or networks, the same list gunicorn's ``forwarded_allow_ips`` is built from).
"""

import contextvars
import ipaddress
import logging
import re
import uuid
from functools import lru_cache

from django.conf import settings

from rescue_restore.config import logformat
from rescue_restore.config.logformat import redact_path

__all__ = ["HEADER", "JsonFormatter", "RequestIdFilter", "RequestIdMiddleware", "current_request_id", "redact_path"]

HEADER = "X-Request-ID"
# Letters, digits and - _ . : only, 8 to 128 of them: enough for a UUID or a
# trace id, nothing that could break a log line.
SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

_current_request_id = contextvars.ContextVar("request_id", default="-")


def current_request_id():
    """The id of the request being handled, or "-" outside a request."""
    return _current_request_id.get()


@lru_cache(maxsize=8)
def _networks(trusted):
    networks = []
    for entry in trusted:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def from_trusted_proxy(remote_addr):
    """True when the connection comes from an address in ``TRUSTED_PROXIES``."""
    trusted = tuple(str(entry) for entry in getattr(settings, "TRUSTED_PROXIES", ()) or ())
    if not trusted or not remote_addr:
        return False
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in network for network in _networks(trusted))


_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")


def request_id_for(request):
    incoming = request.META.get(_META_KEY, "")  # not request.headers, which copies every header
    if incoming and SANE_ID.match(incoming) and from_trusted_proxy(request.META.get("REMOTE_ADDR")):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = _current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (never drops a record)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logformat.JsonFormatter):
    """One JSON object per line: time (UTC), level, logger, request_id, message, exception.

    The shape gunicorn's own lines have too (rescue_restore/config/logformat.py, gunicorn.conf.py).
    """

    def format(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return super().format(record)
