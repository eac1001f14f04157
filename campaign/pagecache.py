"""Which public pages show which of this app's rows, for the page cache (rescue_restore.pagecache).

Contact messages are never shown; a page's own history rows neither. A save of a
page makes every page stale (menus and audience pages link pages everywhere).
"""

from campaign.models import ContactMessage

FORM_PAGES = {"campaign:contact"}


def stale_tags(instance, update_fields):
    """The tags a save or delete of ``instance`` makes stale; None (every page) for a model not named here."""
    if isinstance(instance, ContactMessage) or instance._meta.model_name.startswith("historical"):
        return set()
    return None
