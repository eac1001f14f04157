"""Which public pages show which of this app's rows, for the page cache (rescue_restore.web.pagecache).

A sign-up, a confirmation, an unsubscribe, a bounce or a delivery changes no
public page: subscribers are never shown. Bulletins and topics are (the archive,
a bulletin's page, the sign-up form's topics): a save of one makes every page
stale, as before this declaration.
"""

from listserv.models import BulletinEvent, Delivery, ProviderEvent, Subscriber, SubscriberEvent

FORM_PAGES = {"listserv:subscribe"}
PRIVATE = (Subscriber, SubscriberEvent, BulletinEvent, Delivery, ProviderEvent)


def stale_tags(instance, update_fields):
    """The tags a save or delete of ``instance`` makes stale; None (every page) for a model not named here."""
    if isinstance(instance, PRIVATE) or instance._meta.model_name.startswith("historical"):
        return set()
    return None
