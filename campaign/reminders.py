"""Review-date reminders: content editors hear about pages whose review has come due.

Every page carries ``next_review_due``; ``send_review_reminders`` (weekly, from
the scheduler) emails the content editors one list of the pages whose date has
come, oldest first, with a link to each in the staff site. A week with nothing
due sends nothing. A page stays on the list until an editor reviews it and
moves the date on.
"""

from django.utils import timezone

from campaign import emails
from campaign.models import Page


def pages_due_for_review(on=None):
    return Page.objects.review_due(on or timezone.localdate()).order_by("next_review_due", "title")


def send_review_reminders(on=None):
    """Queue one email to the content editors listing the pages due; returns how many pages it named."""
    pages = list(pages_due_for_review(on))
    if pages:
        emails.remind_editors_of_reviews(pages, on or timezone.localdate())
    return len(pages)
