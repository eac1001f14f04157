"""Public coalition listings in site search."""

from django.db.models import Q

from coalitions.models import Coalition
from rescue_restore.search import SearchResult


def search(query, limit):
    condition = Q()
    for word in query.split()[:8]:
        condition &= (
            Q(name__icontains=word)
            | Q(city__icontains=word)
            | Q(area_served__icontains=word)
            | Q(description__icontains=word)
        )
    listings = Coalition.objects.public().filter(condition).only("name", "slug", "city", "state")[:limit]
    return [
        SearchResult(c.name, c.get_absolute_url(), f"Coalition in {c.city}, {c.get_state_display()}", "Coalition")
        for c in listings
    ]
