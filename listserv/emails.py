"""One function per one-to-one email the listserv sends (bulletins go out through ``listserv.sending``)."""

from django.conf import settings
from django.urls import reverse

from listserv import tokens
from rescue_restore.languages import in_language_of, in_staff_language
from rescue_restore.mail import queue_email
from rescue_restore.markdown import render_markdown


def _absolute(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def preferences_url(subscriber_id):
    return _absolute("listserv:preferences", tokens.make_preferences_token(subscriber_id))


def unsubscribe_url(subscriber_id):
    return _absolute("listserv:unsubscribe", tokens.make_preferences_token(subscriber_id))


@in_language_of()
def send_confirmation(subscriber):
    return queue_email(
        "listserv/emails/confirm",
        {
            "subscriber": subscriber,
            "topics": list(subscriber.topics.all()),
            "confirm_url": _absolute("listserv:confirm", tokens.make_confirm_token(subscriber)),
            "resend_url": _absolute("listserv:resend"),
        },
        [subscriber.email],
    )


@in_language_of()
def send_already_subscribed(subscriber):
    """A sign-up for an address that is already subscribed: remind the owner, change nothing."""
    return queue_email(
        "listserv/emails/already_subscribed",
        {"subscriber": subscriber, "preferences_url": preferences_url(subscriber.pk)},
        [subscriber.email],
    )


@in_language_of()
def send_welcome(subscriber):
    """After a confirmed sign-up: what to expect, with the subscriber's own preferences and unsubscribe links."""
    return queue_email(
        "listserv/emails/welcome",
        {
            "subscriber": subscriber,
            "topics": list(subscriber.topics.order_by("order", "name")),
            "preferences_url": preferences_url(subscriber.pk),
            "unsubscribe_url": unsubscribe_url(subscriber.pk),
            "archive_url": _absolute("listserv:archive"),
        },
        [subscriber.email],
    )


@in_language_of()
def send_address_confirmation(subscriber, new_email):
    return queue_email(
        "listserv/emails/change_address",
        {
            "old_email": subscriber.email,
            "confirm_url": _absolute("listserv:confirm_address", tokens.make_address_token(subscriber, new_email)),
        },
        [new_email],
    )


@in_staff_language
def send_bulletin_test(bulletin, recipient):
    """The bulletin as subscribers will see it, to a staff member, marked as a test."""
    return queue_email(
        "listserv/emails/bulletin",
        {
            "bulletin": bulletin,
            "body_html": bulletin_email_html(bulletin),
            "is_test": True,
            "preferences_url": _absolute("listserv:subscribe"),
            "unsubscribe_url": _absolute("listserv:subscribe"),
        },
        [recipient],
    )


def bulletin_email_html(bulletin):
    return render_markdown(bulletin.body, absolute_base=settings.SITE_URL)
