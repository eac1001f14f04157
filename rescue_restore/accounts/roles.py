"""Staff roles: one group per job, each with only the permissions it needs.

The groups are created by a data migration (``rescue_restore/migrations``).
Which permissions each group holds is declared by the apps themselves: an
app's ``roles.py`` has ``ROLE_PERMISSIONS = {ROLE_NAME: ["app_label.codename", …]}``.
After every ``migrate``, ``sync_role_permissions`` gives each group exactly
the permissions the apps declare (adding new ones, removing withdrawn ones),
so a new model's permissions reach the right people without hand edits.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from rescue_restore.kernel.discovery import app_modules

FULFILMENT = "Fulfilment"
CONTENT_EDITORS = "Content editors"
COALITION_MODERATORS = "Coalition moderators"
LISTSERV_MANAGERS = "Listserv managers"
# Clear what goes public or out to subscribers: approve page changes and bulletins written by others.
CONTENT_APPROVERS = "Content approvers"

ROLES = [FULFILMENT, CONTENT_EDITORS, COALITION_MODERATORS, LISTSERV_MANAGERS, CONTENT_APPROVERS]


def member_emails(role):
    """Addresses of the role's active members; the division's inbox if the role has nobody yet."""
    addresses = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=role)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(addresses) or list(settings.STAFF_NOTIFY_EMAILS)


def declared_permissions():
    """``{role: {"app_label.codename", …}}`` gathered from every app's roles.py."""
    declared = {role: set() for role in ROLES}
    for app, module in app_modules("roles"):
        for role, permissions in module.ROLE_PERMISSIONS.items():
            if role not in declared:
                raise ValueError(f"{app}/roles.py names an unknown role {role!r}; known roles: {ROLES}")
            declared[role].update(permissions)
    return declared


def sync_role_permissions(**kwargs):
    """Make each role group hold exactly its declared permissions (post_migrate receiver)."""
    for role, names in declared_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for name in sorted(names):
            app_label, codename = name.split(".", 1)
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:
                # The model's migration has not run yet; the next migrate adds it.
                continue
            wanted.append(permission)
        group.permissions.set(wanted)
