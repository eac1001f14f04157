"""Public coalition listings in site search."""

from django.utils.translation import gettext

from coalitions.models import Coalition
from rescue_restore.search import SearchResult
from rescue_restore.text_search import every_word_in


def search(query, limit):
    condition = every_word_in(query, ["name", "city", "area_served", "description"])
    listings = Coalition.objects.public().filter(condition).only("name", "slug", "city", "state")[:limit]
    kind = gettext("Coalition")
    return [
        SearchResult(
            c.name,
            c.get_absolute_url(),
            gettext("Coalition in %(city)s, %(state)s") % {"city": c.city, "state": c.get_state_display()},
            kind,
        )
        for c in listings
    ]
