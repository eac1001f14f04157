"""Campaign pages in site search."""

from django.db.models import Q

from campaign.models import Page
from rescue_restore.search import SearchResult


def search(query, limit):
    words = query.split()[:8]
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    pages = Page.objects.published().filter(condition).only("title", "slug", "summary")[:limit]
    return [SearchResult(page.title, page.get_absolute_url(), page.summary, "Page") for page in pages]
