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
