"""Materials for a campaign audience page, gathered through ``rescue_restore.kernel.discovery``.

Apps never import each other: the campaign app asks every app with a
``related.py`` for its items. ``audience`` is the campaign's section value
("health-care", "social-service", "law-enforcement", "everyone"); each app
maps it to its own tags. One query, whatever the catalog's size.
"""

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from materials.models import Material

HEADING = gettext_lazy("Free materials")

# The campaign's audience sections, in the catalog's audience tags.
AUDIENCE_TAGS = {
    "health-care": ["health-care"],
    "social-service": ["social-service"],
    "law-enforcement": ["law-enforcement"],
    "everyone": ["general-public", "faith-community", "educators"],
}


def for_audience(audience, limit=6):
    """Up to ``limit`` published materials written for ``audience``: ``[{title, url, summary}]``."""
    tags = AUDIENCE_TAGS.get(audience)
    if not tags:
        return []
    materials = (
        Material.objects.published()
        .filter(audiences__slug__in=tags, is_synthetic=False)
        .distinct()
        .order_by("title")
        .only("title", "slug", "summary")[:limit]
    )
    return [{"title": m.title, "url": m.get_absolute_url(), "summary": m.summary} for m in materials]


def more_link(audience):
    """``(text, url)`` for everything the catalog holds for ``audience``, or None."""
    tags = AUDIENCE_TAGS.get(audience)
    if not tags:
        return None
    url = reverse("materials:catalog")
    if len(tags) == 1:
        url += f"?audience={tags[0]}"
    return (gettext("See all materials in the catalog"), url)
