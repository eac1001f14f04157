"""The admin's user and group pages with field history (who changed a role or an account, and when).

Only superusers manage accounts, so only they see this history. Loaded from
``RescueRestoreConfig.ready``, after the admin has registered auth's own pages.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, User
from simple_history.admin import SimpleHistoryAdmin

from rescue_restore.accounts.admin import StaffUserAdmin


class UserHistoryAdmin(SimpleHistoryAdmin, StaffUserAdmin):
    """The staff user page (sign-in factors, their reset) with its field history."""


class GroupHistoryAdmin(SimpleHistoryAdmin, GroupAdmin):
    pass


def register_account_history():
    for model, model_admin in [(User, UserHistoryAdmin), (Group, GroupHistoryAdmin)]:
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)
