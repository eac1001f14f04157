"""Sent bulletins in site search (the archive is public; nothing about recipients is searched)."""

from listserv.models import Bulletin
from rescue_restore.search import SearchResult
from rescue_restore.search_language import matching


def search(query, limit):
    bulletins = matching(Bulletin.objects.sent(), ["subject", "body"], query).only("subject", "slug", "body")[:limit]
    return [
        SearchResult(bulletin.subject, bulletin.get_absolute_url(), bulletin.body[:200], "Email update")
        for bulletin in bulletins
    ]
