"""Sent bulletins in site search (the archive is public; nothing about recipients is searched)."""

from listserv.models import Bulletin
from rescue_restore.search import SearchResult, snippet
from rescue_restore.text_search import every_word_in


def search(query, limit):
    condition = every_word_in(query, ["subject", "body"], model=Bulletin)
    bulletins = Bulletin.objects.sent().filter(condition).only("subject", "slug", "body")[:limit]
    return [
        SearchResult(bulletin.subject, bulletin.get_absolute_url(), snippet(bulletin.body), "Email update")
        for bulletin in bulletins
    ]
