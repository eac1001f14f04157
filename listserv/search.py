"""Sent bulletins in site search (the archive is public; nothing about recipients is searched)."""

from django.utils.translation import get_language, gettext

from listserv.models import Bulletin
from rescue_restore.search import SearchResult, snippet
from rescue_restore.text_search import every_word_in


def search(query, limit):
    condition = every_word_in(query, ["subject", "body"], model=Bulletin)
    bulletins = Bulletin.objects.sent().filter(condition).only("subject", "slug", "body")[:limit]
    kind = gettext("Email update")
    results = []
    for bulletin in bulletins:
        # The reader's version as a whole, as the archive shows it (never a Spanish subject over English text).
        version = bulletin.version_for(get_language())
        results.append(SearchResult(version.subject, bulletin.get_absolute_url(), snippet(version.body), kind))
    return results
