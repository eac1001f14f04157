from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


def _sync_roles_after_last_app(sender: AppConfig, **kwargs: object) -> None:
    from django.apps import apps

    from rescue_restore.accounts.roles import sync_role_permissions

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        sync_role_permissions()


class RescueRestoreConfig(AppConfig):
    """The project itself: the mail outbox and the shared mechanisms."""

    default = True
    name = "rescue_restore"
    verbose_name = "Site"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from rescue_restore.accounts.account_history import register_account_history
        from rescue_restore.config import checks  # noqa: F401 (registers the project's system checks)
        from rescue_restore.site_search import search_suggestions
        from rescue_restore.site_search.text_search import register_sqlite_unaccent
        from rescue_restore.web import pagecache

        register_account_history()
        # After every migrate and flush, once all apps' permissions exist: post_migrate is sent once per
        # app, in INSTALLED_APPS order, so the groups are synced on the last app's signal only.
        post_migrate.connect(_sync_roles_after_last_app, dispatch_uid="rescue_restore.sync_role_permissions")
        # Accent-insensitive search runs the same SQL on SQLite as on PostgreSQL.
        connection_created.connect(register_sqlite_unaccent, dispatch_uid="rescue_restore.sqlite_unaccent")
        pagecache.connect_signals()  # a staff edit empties the page cache at once
        search_suggestions.connect_signals()  # and "did you mean" learns its words again


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the division's branded site as the default."""

    default = False
    default_site = "rescue_restore.admin.RescueRestoreAdminSite"
