"""One function per one-to-one email the listserv sends (bulletins go out through ``listserv.sending``)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from listserv import tokens
from rescue_restore.i18n.languages import in_language_of, in_staff_language
from rescue_restore.outbox.mail import queue_email
from rescue_restore.text.markdown import render_markdown


def _absolute(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def preferences_url(subscriber):
    """A new personal link to the preferences page (made now: every email carries its own)."""
    return _absolute("listserv:preferences", tokens.make_preferences_token(subscriber))


def unsubscribe_url(subscriber):
    """A new personal one-click unsubscribe link (works however old, RFC 8058)."""
    return _absolute("listserv:unsubscribe", tokens.make_preferences_token(subscriber))


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
        {"subscriber": subscriber, "preferences_url": preferences_url(subscriber)},
        [subscriber.email],
    )


@in_language_of()
def send_new_links(subscriber):
    """Asked for from a link or the preferences page: new personal links; the old ones no longer open preferences."""
    return queue_email(
        "listserv/emails/new_links",
        {
            "subscriber": subscriber,
            "preferences_url": preferences_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
        },
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
            "preferences_url": preferences_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
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


def bulletin_languages(bulletin):
    """The languages the bulletin is written in, the default one first (the one every reader can get)."""
    return [code for code, _name in settings.LANGUAGES if code == settings.LANGUAGE_CODE or bulletin.written_in(code)]


def bulletin_context(bulletin, reader_language):
    """The bulletin template's context for a reader of ``reader_language`` (render it in that language).

    ``version`` is the text they get; ``untranslated`` says it is the default
    language's, because the bulletin is not written in theirs.
    """
    version = bulletin.version_for(reader_language)
    return {
        "bulletin": bulletin,
        "version": version,
        "untranslated": version.language != reader_language,
        "body_html": bulletin_email_html(bulletin, version.language),
    }


@in_staff_language
def send_bulletin_test(bulletin, recipient):
    """The bulletin as subscribers will see it, to a staff member, marked as a test: one copy per language
    it is written in, each as that language's readers get it. Returns the stored emails."""
    copies = []
    for language in bulletin_languages(bulletin):
        with translation.override(language):
            context = {
                **bulletin_context(bulletin, language),
                "is_test": True,
                "preferences_url": _absolute("listserv:subscribe"),
                "unsubscribe_url": _absolute("listserv:subscribe"),
            }
            copies.append(queue_email("listserv/emails/bulletin", context, [recipient]))
    return copies


def bulletin_email_html(bulletin, language=None):
    """The body of ``bulletin.version_for(language)`` as email HTML (links absolute)."""
    return render_markdown(bulletin.version_for(language).body, absolute_base=settings.SITE_URL)
