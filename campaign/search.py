"""Campaign pages in site search (in the reader's language, accents optional)."""

from campaign.models import Page
from rescue_restore.search import SearchResult
from rescue_restore.search_language import matching


def search(query, limit):
    pages = matching(Page.objects.published(), ["title", "summary", "body"], query)
    pages = pages.only("title", "slug", "summary")[:limit]
    return [SearchResult(page.title, page.get_absolute_url(), page.summary, "Page") for page in pages]
