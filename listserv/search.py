"""Sent bulletins in site search (the archive is public; nothing about recipients is searched)."""

from django.db.models import Q

from listserv.models import Bulletin
from rescue_restore.search import SearchResult


def search(query, limit):
    condition = Q()
    for word in query.split()[:8]:
        condition &= Q(subject__icontains=word) | Q(body__icontains=word)
    bulletins = Bulletin.objects.sent().filter(condition).only("subject", "slug", "body")[:limit]
    return [
        SearchResult(bulletin.subject, bulletin.get_absolute_url(), bulletin.body[:200], "Email update")
        for bulletin in bulletins
    ]
