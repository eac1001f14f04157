"""What the campaign app does."""

from django.db import transaction

from campaign import emails
from campaign.forms import ContactForm
from campaign.models import ContactMessage


@transaction.atomic
def receive_contact_message(form: ContactForm) -> ContactMessage:
    """Store a valid contact message and queue the staff notification.

    Atomic: the message and its notification are stored together or not at
    all; the email is delivered by a task after commit.
    """
    message: ContactMessage = form.save()
    emails.notify_staff_of_contact_message(message)
    return message
