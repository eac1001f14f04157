"""Campaign pages in site search (in the reader's language, accents optional), and the search synonyms staff keep."""

from django.utils.translation import pgettext

from campaign.models import AUDIENCE_SECTIONS, Page, SearchSynonym
from rescue_restore.site_search.search import SearchResult, snippet
from rescue_restore.site_search.text_search import ranked

FIELDS = {"title": "A", "summary": "B", "body": "C"}
# An audience's own page is what a nurse or an officer is looking for, more than a page that mentions them.
AUDIENCE_PAGE_BOOST = 0.3


def search(query, limit):
    pages = Page.objects.published().only("title", "slug", "summary", "body", "section")
    kind = pgettext("kind of search result", "Page")
    results = []
    for page, score in ranked(pages, query, FIELDS, limit=limit):
        boost = AUDIENCE_PAGE_BOOST if page.section in AUDIENCE_SECTIONS else 0.0
        results.append(SearchResult(page.title, page.get_absolute_url(), snippet(page.summary), kind, score + boost))
    return results


def synonyms(language):
    """``[(what people type, what the site calls it), …]`` for readers of ``language``."""
    return list(SearchSynonym.objects.for_language(language).values_list("term", "means"))


def vocabulary():
    """The words of the published pages as the reader sees them, for "did you mean"."""
    pages = Page.objects.published().only("title", "summary", "body")
    return [text for page in pages for text in (page.title, page.summary, page.body)]
