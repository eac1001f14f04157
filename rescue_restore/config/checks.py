"""System checks of the project's own (``manage.py check --deploy`` runs the deploy ones).

Registered from ``RescueRestoreConfig.ready``.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string


@register(Tags.compatibility, deploy=True)
def email_backend_loads(app_configs, **kwargs):
    """The configured email backend can be imported: otherwise no mail leaves, and nothing else says so."""
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    try:
        import_string(backend)
    except Exception as error:  # ImportError, anymail's AnymailImproperlyInstalled, a typo in the path
        return [
            Error(
                f"The email backend for EMAIL_PROVIDER={settings.EMAIL_PROVIDER!r} cannot be loaded: {error}",
                hint="Install the provider's package beside the project, or choose another EMAIL_PROVIDER.",
                id="rescue_restore.E001",
            )
        ]
    return []


@register(Tags.compatibility)
def mail_lease_outlasts_provider_calls(app_configs, **kwargs):
    """A claim must outlast the longest provider call, or a live worker's rows would be taken back and sent twice."""
    from rescue_restore.outbox.postmark import batch_timeout

    timeout = settings.ANYMAIL.get("REQUESTS_TIMEOUT", (3, 10))
    connect, read = timeout if isinstance(timeout, tuple) else (0, timeout)
    longest = connect + batch_timeout(read)
    if longest >= settings.MAIL_LEASE_SECONDS:
        return [
            Error(
                f"MAIL_LEASE_SECONDS={settings.MAIL_LEASE_SECONDS} is not longer than the longest provider call "
                f"({longest} s: EMAIL_CONNECT_TIMEOUT + 3 x EMAIL_READ_TIMEOUT).",
                hint="Raise MAIL_LEASE_SECONDS or lower the timeouts.",
                id="rescue_restore.E002",
            )
        ]
    return []
