"""Sent bulletins and the sign-up page in site search (the archive is public; nothing about recipients is searched)."""

from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext

from listserv.models import Bulletin
from rescue_restore.site_search.search import SearchResult, section_result, snippet
from rescue_restore.site_search.text_search import ranked

FIELDS = {"subject": "A", "body": "C"}
# A bulletin is dated news that mentions many things in passing: it ranks below the pages about them.
BULLETIN_WEIGHT = 0.8


def _sign_up_page():
    return {
        "title": gettext("Get email updates"),
        "summary": gettext(
            "News from the Division of Anti-Trafficking in Persons, a few times a month at most. Choose the topics "
            "you want."
        ),
        # Words people use for the list, in the reader's language; "newsletter" reaches it through a synonym.
        "keywords": pgettext("search keywords of the sign-up page", "email updates bulletins listserv subscribe"),
    }


def search(query, limit):
    sign_up = section_result(query, url=reverse("listserv:subscribe"), kind=gettext("Email updates"), **_sign_up_page())
    results = [sign_up] if sign_up else []
    bulletins = Bulletin.objects.sent().only("subject", "slug", "body")
    kind = gettext("Email update")
    for bulletin, score in ranked(bulletins, query, FIELDS, title_field="subject", limit=limit):
        # The reader's version as a whole, as the archive shows it (never a Spanish subject over English text).
        version = bulletin.version_for(get_language())
        result = SearchResult(
            version.subject, bulletin.get_absolute_url(), snippet(version.body), kind, score * BULLETIN_WEIGHT
        )
        results.append(result)
    return results


def vocabulary():
    return [*_sign_up_page().values(), *Bulletin.objects.sent().values_list("subject", flat=True)]
