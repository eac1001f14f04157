"""Campaign pages in site search (in the reader's language, accents optional)."""

from django.utils.translation import pgettext

from campaign.models import Page
from rescue_restore.search import SearchResult, snippet
from rescue_restore.text_search import every_word_in


def search(query, limit):
    condition = every_word_in(query, ["title", "summary", "body"], model=Page)
    pages = Page.objects.published().filter(condition).only("title", "slug", "summary")[:limit]
    kind = pgettext("kind of search result", "Page")
    return [SearchResult(page.title, page.get_absolute_url(), snippet(page.summary), kind) for page in pages]
