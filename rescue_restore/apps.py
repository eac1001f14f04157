from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RescueRestoreConfig(AppConfig):
    """The project itself: the mail outbox and the shared mechanisms."""

    default = True
    name = "rescue_restore"
    verbose_name = "Site"


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the division's branded site as the default."""

    default = False
    default_site = "rescue_restore.admin.RescueRestoreAdminSite"
