from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in: no models of its own (django-otp, django-otp-webauthn and django-axes keep the data)."""

    name = "rescue_restore.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from rescue_restore.accounts import signals  # noqa: F401 (connects the security log)
