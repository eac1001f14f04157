"""One function per email the campaign app sends."""

from django.conf import settings
from django.urls import reverse

from rescue_restore.i18n.languages import in_staff_language
from rescue_restore.outbox.mail import queue_email


@in_staff_language
def notify_staff_of_contact_message(message):
    admin_path = reverse("admin:campaign_contactmessage_change", args=[message.pk])
    return queue_email(
        "campaign/emails/contact_notification",
        {"message": message, "admin_url": f"{settings.SITE_URL}{admin_path}"},
        settings.STAFF_NOTIFY_EMAILS,
        reply_to=[message.email],
    )


@in_staff_language
def remind_editors_of_reviews(pages, today):
    """One email to the content editors listing the pages due for review, each with its staff-site link."""
    from rescue_restore.accounts.roles import CONTENT_EDITORS, member_emails

    due = [
        {
            "page": page,
            "admin_url": f"{settings.SITE_URL}{reverse('admin:campaign_page_change', args=[page.pk])}",
            "days_overdue": (today - page.next_review_due).days,
        }
        for page in pages
    ]
    return queue_email(
        "campaign/emails/review_reminder", {"due": due, "count": len(due)}, member_emails(CONTENT_EDITORS)
    )
