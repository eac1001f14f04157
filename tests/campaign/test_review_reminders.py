"""Content editors are emailed the pages whose review date has come, through the outbox."""

import datetime

import pytest
from django.core.management import call_command

from campaign.models import Page
from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture(autouse=True)
def _only_these_tests_pages():
    # The required pages (privacy, accessibility…) come from a data migration already due for
    # review, on purpose: staff check them before launch. These tests count their own pages.
    Page.objects.all().delete()


def test_editors_get_one_email_listing_the_pages_due(staff_editor, mailoutbox, django_capture_on_commit_callbacks):
    overdue = PageFactory(
        title="Signs in health care",
        last_reviewed=datetime.date(2026, 1, 5),
        next_review_due=datetime.date(2026, 11, 30),
    )
    due_today = PageFactory(title="Working with law enforcement", next_review_due=TODAY)
    PageFactory(title="Reviewed recently", next_review_due=datetime.date(2027, 6, 1))
    PageFactory(title="No review date", next_review_due=None)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")

    [email] = mailoutbox
    assert email.to == ["editor@rescue-restore.example.gov"]
    assert email.subject == "Campaign pages due for review: 2"
    text = email.body
    assert text.index("Signs in health care") < text.index("Working with law enforcement")
    assert "7 days ago" in text
    assert f"https://rescue-restore.example.gov/admin/campaign/page/{overdue.pk}/change/" in text
    assert "Reviewed recently" not in text
    assert "No review date" not in text
    html = email.alternatives[0].content
    assert f'href="https://rescue-restore.example.gov/admin/campaign/page/{due_today.pk}/change/"' in html
    assert "Working with law enforcement" in html


def test_nothing_due_sends_nothing(staff_editor, mailoutbox, django_capture_on_commit_callbacks):
    PageFactory(next_review_due=datetime.date(2027, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")
    assert mailoutbox == []


def test_without_editors_the_division_inbox_hears(mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.STAFF_NOTIFY_EMAILS = ["division@rescue-restore.example.gov"]
    PageFactory(next_review_due=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")
    assert mailoutbox[0].to == ["division@rescue-restore.example.gov"]
