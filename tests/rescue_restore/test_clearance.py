"""Who hears that something waits for clearance, and the scheduled job that publishes what is due."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from rescue_restore.kernel.clearance import reviewer_emails

pytestmark = pytest.mark.django_db


def test_reviewers_are_the_approvers_and_superusers_but_never_the_authors(
    staff_approver, staff_editor_approver, staff_editor, superuser, django_user_model, settings
):
    direct = django_user_model.objects.create_user("direct", "direct@example.gov", is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="approve_pagedraft"))
    django_user_model.objects.create_user("gone", "gone@example.gov", is_staff=True, is_active=False).groups.add(
        *staff_approver.groups.all()
    )
    emails = reviewer_emails("campaign.approve_pagedraft", exclude_ids={staff_editor_approver.pk})
    assert emails == sorted([staff_approver.email, superuser.email, direct.email])
    assert staff_editor.email not in reviewer_emails("campaign.approve_pagedraft")
    approvers = {staff_approver.pk, staff_editor_approver.pk}
    assert reviewer_emails("listserv.approve_bulletin", exclude_ids=approvers) == [superuser.email]


def test_with_nobody_to_approve_the_division_hears_of_it(settings):
    settings.STAFF_NOTIFY_EMAILS = ["division@rescue-restore.example.gov"]
    assert reviewer_emails("campaign.approve_pagedraft") == ["division@rescue-restore.example.gov"]


def test_the_scheduled_job_reports_what_it_did():
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    assert output.getvalue().splitlines() == [
        "page changes published: 0",
        "pages unpublished: 0",
        "material changes published: 0",
        "bulletins started sending: 0",
    ]
