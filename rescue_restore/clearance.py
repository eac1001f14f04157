"""What every app's clearance shares: the email to reviewers and the dashboard's list of what waits.

The statuses and the two-person rule live in ``rescue_restore.workflow``
(``ClearanceWorkflow``); each app's services move its own items. An app lists
its items waiting for review in ``dashboard.waiting_for_clearance(request)``,
and the staff dashboard shows them all, oldest first, with how long each has waited.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from rescue_restore.languages import in_staff_language
from rescue_restore.mail import queue_email
from rescue_restore.roles import CONTENT_APPROVERS


@dataclass(frozen=True)
class WaitingItem:
    kind: str  # "Page change (Español)", "Bulletin"
    title: str
    url: str  # its page in the admin
    since: datetime  # when it was sent for review
    author: str


def reviewer_emails(permission, exclude_ids=()):
    """Active staff who hold ``permission`` (through a role, directly, or as superusers), except the authors.

    The division's inbox when nobody may approve yet, so a change never waits unseen.
    """
    app_label, codename = permission.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=granted) | Q(user_permissions__in=granted))
        .exclude(email="")
        .exclude(pk__in=exclude_ids)
    )
    emails = sorted(set(users.values_list("email", flat=True)))
    return emails or list(settings.STAFF_NOTIFY_EMAILS)


@in_staff_language
def notify_reviewers(*, kind, title, admin_path, author, permission, exclude_ids=()):
    """One email to everyone who may approve the item (never its authors): something waits for them.

    Stored in the outbox in the caller's transaction and delivered after it commits.
    """
    return queue_email(
        "emails/review_waiting",
        {
            "kind": kind,
            "title": title,
            "author": author,
            "admin_url": f"{settings.SITE_URL}{admin_path}",
            "role": CONTENT_APPROVERS,
        },
        reviewer_emails(permission, exclude_ids),
    )


def person_name(user):
    if user is None:
        return "someone no longer on staff"
    return user.get_full_name() or user.get_username()


def run_schedules(now=None):
    """Every app's scheduled clearance work (``clearance.run_schedule(now)`` in each app): ``{what: count}``."""
    from rescue_restore.discovery import app_modules

    done = {}
    for _app, module in app_modules("clearance"):
        if hasattr(module, "run_schedule"):
            done.update(module.run_schedule(now))
    return done
