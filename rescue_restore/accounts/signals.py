"""The security log: sign-ins, failures, lockouts, factor changes.

Records go to the ``rescue_restore.security`` logger. They name an account by
its id, or, for a username that was typed, by a keyed digest of it (the same
name gives the same digest, so a run of failures can be followed, but the
log never holds what was typed: people type email addresses as usernames).
Passwords and codes are never logged.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

from rescue_restore.accounts.middleware import start_session_clock
from rescue_restore.antiabuse import client_ip

log = logging.getLogger("rescue_restore.security")


def username_digest(username):
    return salted_hmac("rescue_restore.security.username", str(username or "").lower(), algorithm="sha256").hexdigest()[
        :16
    ]


def _address(request):
    return client_ip(request) if request is not None else "-"


@receiver(user_logged_in, dispatch_uid="rescue_restore.accounts.signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session)
    log.info("sign-in password-accepted user_id=%s address=%s", user.pk, _address(request))


@receiver(user_logged_out, dispatch_uid="rescue_restore.accounts.signed_out")
def signed_out(sender, request, user, **kwargs):
    log.info("sign-out user_id=%s address=%s", getattr(user, "pk", None), _address(request))


@receiver(user_login_failed, dispatch_uid="rescue_restore.accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    from rescue_restore.accounts.lockout import record_failure

    username = credentials.get("username")
    digest = username_digest(username)
    log.warning("sign-in failed username_digest=%s address=%s", digest, _address(request))
    if username:
        record_failure(request, username, digest)


@receiver(user_locked_out, dispatch_uid="rescue_restore.accounts.locked_out")
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    """A username locked at one address (django-axes): a security event; a superuser clears it in the admin."""
    log.warning("sign-in locked-out username_digest=%s address=%s", username_digest(username), _address(request))


def factor_event(event, request, user, device=None):
    """Log a second-factor event: verified, failed, enrolled, removed, reset."""
    kind = type(device).__name__ if device is not None else "-"
    log.info("mfa %s user_id=%s device=%s address=%s", event, user.pk, kind, _address(request))
