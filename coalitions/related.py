"""Coalitions for a campaign audience page, gathered through ``rescue_restore.kernel.discovery``.

``audience`` is the campaign's section value; it is matched against the
sectors a coalition's partners come from. Coalitions are few, but synthetic
benchmark listings can be many: at most ``SCAN`` public listings are read
(one query) and filtered here, because a JSON "contains" lookup is not
available on every database the site runs on.
"""

from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_lazy

from coalitions.models import Coalition, Sector

HEADING = gettext_lazy("Rescue & Restore coalitions")
SCAN = 200

AUDIENCE_SECTORS = {
    "health-care": {Sector.HEALTH},
    "social-service": {Sector.SOCIAL_SERVICE},
    "law-enforcement": {Sector.LAW_ENFORCEMENT},
    "everyone": None,  # every coalition welcomes neighbors, faith and civic groups
}


def _summary(coalition):
    # The area only in the reader's language: this plain-text line cannot mark a passage in another one.
    if coalition.area_served and coalition.area_served_language == get_language():
        return gettext("%(place)s. Area served: %(area)s.") % {"place": coalition.place, "area": coalition.area_served}
    return f"{coalition.place}."


def for_audience(audience, limit=6):
    """Up to ``limit`` public coalitions with partners from ``audience``'s sector: ``[{title, url, summary}]``."""
    if audience not in AUDIENCE_SECTORS:
        return []
    sectors = AUDIENCE_SECTORS[audience]
    listings = (
        Coalition.objects.public()
        .filter(is_synthetic=False)
        .order_by("name")
        .only("name", "slug", "city", "state", "area_served", "partner_sectors", "language")[:SCAN]
    )
    items = []
    for coalition in listings:
        # A listing that names no partner sectors (as the demo listings, which invent none) is shown to every audience.
        recorded = set(coalition.partner_sectors or [])
        if sectors is None or not recorded or sectors & recorded:
            items.append({"title": coalition.name, "url": coalition.get_absolute_url(), "summary": _summary(coalition)})
        if len(items) >= limit:
            break
    return items


def more_link(audience):
    if audience not in AUDIENCE_SECTORS:
        return None
    return (gettext("Find a coalition near you"), reverse("coalitions:directory"))
