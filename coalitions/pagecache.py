"""Which public pages show which of this app's rows, for the page cache (rescue_restore.web.pagecache).

Requests to join, their history and "this listing is out of date" reports are
never shown on a public page; a listing's own history rows neither. A save of a
listing makes every page stale, as before this declaration.
"""

from coalitions.models import AffiliationRequest, ListingHistory, OutdatedReport, RequestHistory

# The request form, and a listing's page with its "report out-of-date information" form.
FORM_PAGES = {"coalitions:request", "coalitions:detail"}
PRIVATE = (AffiliationRequest, RequestHistory, OutdatedReport, ListingHistory)


def stale_tags(instance, update_fields):
    """The tags a save or delete of ``instance`` makes stale; None (every page) for a model not named here."""
    if isinstance(instance, PRIVATE) or instance._meta.model_name.startswith("historical"):
        return set()
    return None
