"""Staff session rules, checked on every request of a signed-in user.

- A session ends after ``STAFF_SESSION_IDLE_SECONDS`` without a request, and
  ``STAFF_SESSION_MAX_SECONDS`` after sign-in, whichever comes first.
- A deactivated account is signed out at its next request.
- A signed-in user who has not passed a second factor reaches only the
  verification and enrolment pages (and signing out).
- The session id (and the CSRF token) rotate when a second factor is
  verified, whichever view verified it (a code, a recovery code, a passkey
  ceremony in django-otp-webauthn's views), as Django rotates them at the
  password step: an id seen before the second factor is worth nothing after.

Anonymous visitors are untouched: nothing here writes to their session, so
they get no session cookie.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY

from rescue_restore.accounts import services

SIGNED_IN_AT = "rr_signed_in_at"
LAST_SEEN_AT = "rr_last_seen_at"
# Refreshing the idle clock writes the session; once a minute is precise enough.
SEEN_RESOLUTION_SECONDS = 60


def start_session_clock(session: SessionBase) -> None:
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def session_has_expired(session: SessionBase, now: int) -> bool:
    signed_in = session.get(SIGNED_IN_AT)
    seen = session.get(LAST_SEEN_AT)
    if not isinstance(signed_in, int) or not isinstance(seen, int):
        return True  # a session from before these rules, or tampered: sign in again
    idle_limit: int = settings.STAFF_SESSION_IDLE_SECONDS
    session_limit: int = settings.STAFF_SESSION_MAX_SECONDS
    return now - seen > idle_limit or now - signed_in > session_limit


def _open_to_unverified() -> set[str]:
    """Paths a signed-in but unverified user may request."""
    from django_otp_webauthn.utils import get_exempt_urls

    return {
        reverse("accounts:verify"),
        reverse("accounts:enrol"),
        reverse("accounts:enrol_app"),
        reverse("accounts:javascript_catalog"),
        reverse("accounts:sign_out"),
        reverse("admin:login"),
        reverse("admin:logout"),
        *get_exempt_urls(),
    }


def verification_url(user: User, next_url: str = "") -> str:
    name = (
        "accounts:verify"
        if services.has_primary_factor(user) or services.recovery_codes_left(user)
        else "accounts:enrol"
    )
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            if SESSION_KEY in request.session:
                # The session names a user who may no longer sign in (deactivated, deleted):
                # end it, so reactivating the account does not bring it back.
                request.session.flush()
            return self.get_response(request)
        now = int(time.time())
        if not user.is_active or session_has_expired(request.session, now):
            # The request goes on as an anonymous one: the admin then asks for a sign-in.
            logout(request)
            return self.get_response(request)
        if now - request.session[LAST_SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
            request.session[LAST_SEEN_AT] = now
        if not services.is_verified(user):
            if self._open_paths is None:
                self._open_paths = _open_to_unverified()
            if request.path not in self._open_paths:
                next_url = request.get_full_path() if request.method == "GET" else ""
                return redirect(verification_url(user, next_url))
            device_before = request.session.get(DEVICE_ID_SESSION_KEY)
            response = self.get_response(request)
            rotate_if_newly_verified(request, device_before)
            return response
        return self.get_response(request)


def rotate_if_newly_verified(request: HttpRequest, device_before: str | None) -> None:
    """A request that verified a second factor (django_otp.login stored a device): new session id and CSRF token."""
    device_after = request.session.get(DEVICE_ID_SESSION_KEY)
    if device_after and device_after != device_before and SESSION_KEY in request.session:
        request.session.cycle_key()
        rotate_token(request)
