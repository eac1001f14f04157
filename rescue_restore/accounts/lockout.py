"""Answers to too many sign-in attempts, built so that nobody can lock a colleague out.

Four measures, each counted where it cannot be turned against the real user
(NIST SP 800-63B §5.2.2; the product decision "a username is locked at an
address, never everywhere"):

- **username at an address** (django-axes, ``AXES_LOCKOUT_PARAMETERS``): after
  ``AXES_FAILURE_LIMIT`` wrong passwords from one address, that username is
  refused from that address until the cool-off ends or a superuser deletes the
  attempt in the admin. The same person at another address still signs in;
- **address** (``STAFF_SIGN_IN_RATE``): sign-in and code attempts per address,
  across usernames;
- **username alone, slowed**: once a username has had
  ``STAFF_SIGN_IN_SLOWDOWN_AFTER`` failures in 15 minutes, from any addresses,
  every attempt at it waits a little before the password is checked (longer as
  failures mount, at most ``STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS``). It is never
  refused: the pause comes before the check, so cutting the connection early
  tells a guesser nothing;
- **username ceiling** (``STAFF_SIGN_IN_USERNAME_CEILING``): the failure that
  goes past it emails the division (``STAFF_NOTIFY_EMAILS``, through the
  outbox) and logs a security event, once per window. Nothing is locked.

The lock and the busy address answer 429 with the same page, which says
neither whether the username exists nor whether the last password was right.
"""

import logging
import time
from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from rescue_restore.web.antiabuse import add_to_count, client_ip, count_attempt, parse_rate

log = logging.getLogger("rescue_restore.security")

USERNAME_FAILURES = "rescue_restore.accounts.username-failures"
USERNAME_CEILING = "rescue_restore.accounts.username-ceiling"
SLOWDOWN_WINDOW_SECONDS = 15 * 60
# Seconds of pause per failure beyond the slowdown threshold (up to the maximum).
SLOWDOWN_STEP_SECONDS = 0.1

# The pause itself; tests replace it to record what would have been waited.
pause = time.sleep


def _too_many_attempts(request: HttpRequest) -> HttpResponse:
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": _("Too many sign-in attempts")}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Cache-Control"] = "no-store"
    return response


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Mapping[str, object] | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the username is locked at this address (cool-off, or a superuser unlocks it)."""
    return _too_many_attempts(request)


def address_throttled(request: HttpRequest) -> HttpResponse | None:
    """Count this sign-in or code POST against the address; return the 429 page once the address is over its rate."""
    if request.method != "POST":
        return None
    if count_attempt("rescue_restore.accounts.sign-in", client_ip(request), settings.STAFF_SIGN_IN_RATE):
        return _too_many_attempts(request)
    return None


def slowdown_seconds(failures: int) -> float:
    """How long an attempt at a username waits, given its failures in the last 15 minutes from anywhere."""
    beyond = failures - settings.STAFF_SIGN_IN_SLOWDOWN_AFTER
    if beyond < 0:
        return 0.0
    return min(float(settings.STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS), SLOWDOWN_STEP_SECONDS * float(beyond + 1))


def throttle_sign_in(request: HttpRequest) -> HttpResponse | None:
    """Before the password step checks anything: the address throttle (a 429 page), then the username's pause.

    Returns the 429 response, or None once the request may go on to the password check.
    """
    throttled = address_throttled(request)
    if throttled is not None:
        return throttled
    if request.method == "POST" and settings.RATELIMIT_ENABLE:
        username = request.POST.get("username", "")
        if username:
            failures = add_to_count(USERNAME_FAILURES, _username_key(username), SLOWDOWN_WINDOW_SECONDS, 0)
            wait = slowdown_seconds(failures)
            if wait:
                pause(wait)
    return None


def record_failure(request: HttpRequest | None, username: str, digest: str) -> None:
    """Count a wrong password for ``username`` from anywhere; past the ceiling, alert the division once per window."""
    if not settings.RATELIMIT_ENABLE:
        return
    key = _username_key(username)
    add_to_count(USERNAME_FAILURES, key, SLOWDOWN_WINDOW_SECONDS)
    limit, period = parse_rate(settings.STAFF_SIGN_IN_USERNAME_CEILING)
    # Exactly one request sees the count go from the limit to one more (the count is atomic).
    if add_to_count(USERNAME_CEILING, key, period) == limit + 1:
        address = client_ip(request) if request is not None else "-"
        log.warning(
            "sign-in username-ceiling username_digest=%s failures=%s period_seconds=%s address=%s",
            digest,
            limit + 1,
            period,
            address,
        )
        from rescue_restore.accounts.emails import send_sign_in_ceiling_alert

        send_sign_in_ceiling_alert(username, digest=digest, failures=limit + 1, period_seconds=period)


def _username_key(username: object) -> str:
    return str(username).strip().lower()
