"""The security log: sign-ins, failures, lockouts, factor changes.

Records go to the ``rescue_restore.security`` logger. They name an account by
its id, or, for a username that was typed, by a keyed digest of it (the same
name gives the same digest, so a run of failures can be followed, but the
log never holds what was typed: people type email addresses as usernames).
Passwords and codes are never logged.
"""

import logging
from collections.abc import Mapping

from axes.signals import user_locked_out
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django_otp.models import Device

from rescue_restore.accounts.middleware import start_session_clock
from rescue_restore.web.antiabuse import client_ip

log = logging.getLogger("rescue_restore.security")


def username_digest(username: object) -> str:
    return salted_hmac("rescue_restore.security.username", str(username or "").lower(), algorithm="sha256").hexdigest()[
        :16
    ]


def _address(request: HttpRequest | None) -> str:
    return client_ip(request) if request is not None else "-"


@receiver(user_logged_in, dispatch_uid="rescue_restore.accounts.signed_in")
def signed_in(sender: type[User], request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session)
    log.info("sign-in password-accepted user_id=%s address=%s", user.pk, _address(request))


@receiver(user_logged_out, dispatch_uid="rescue_restore.accounts.signed_out")
def signed_out(sender: type[User], request: HttpRequest | None, user: User | None, **kwargs: object) -> None:
    log.info("sign-out user_id=%s address=%s", getattr(user, "pk", None), _address(request))


@receiver(user_login_failed, dispatch_uid="rescue_restore.accounts.sign_in_failed")
def sign_in_failed(
    sender: str, credentials: Mapping[str, str], request: HttpRequest | None = None, **kwargs: object
) -> None:
    from rescue_restore.accounts.lockout import record_failure

    username = credentials.get("username")
    digest = username_digest(username)
    log.warning("sign-in failed username_digest=%s address=%s", digest, _address(request))
    if username:
        record_failure(request, username, digest)


@receiver(user_locked_out, dispatch_uid="rescue_restore.accounts.locked_out")
def locked_out(
    sender: str,
    request: HttpRequest | None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: object,
) -> None:
    """A username locked at one address (django-axes): a security event; a superuser clears it in the admin."""
    log.warning("sign-in locked-out username_digest=%s address=%s", username_digest(username), _address(request))


def factor_event(event: str, request: HttpRequest | None, user: User, device: Device | None = None) -> None:
    """Log a second-factor event: verified, failed, enrolled, removed, reset."""
    kind = type(device).__name__ if device is not None else "-"
    log.info("mfa %s user_id=%s device=%s address=%s", event, user.pk, kind, _address(request))
