"""Public coalition listings and the directory in site search."""

from django.urls import reverse
from django.utils.translation import gettext, pgettext

from coalitions.models import Coalition
from rescue_restore.site_search.search import SearchResult, section_result
from rescue_restore.site_search.text_search import ranked

FIELDS = {"name": "A", "city": "B", "area_served": "B", "description": "C"}


def _directory_page():
    return {
        "title": gettext("Find a coalition near you"),
        "summary": gettext(
            "Rescue &amp; Restore coalitions are local groups that work as a team. Police, local government, faith and "
            "community groups, health care and social services all take part. They find victims of human trafficking "
            "and help them get care."
        ).replace("&amp;", "&"),
        "keywords": pgettext("search keywords of the coalition directory", "coalitions directory map near me"),
    }


def search(query, limit):
    directory = section_result(
        query, url=reverse("coalitions:directory"), kind=gettext("Coalition"), **_directory_page()
    )
    results = [directory] if directory else []
    listings = Coalition.objects.public().only("name", "slug", "city", "state", "area_served", "description")
    kind = gettext("Coalition")
    for coalition, score in ranked(listings, query, FIELDS, title_field="name", limit=limit):
        summary = gettext("Coalition: %(place)s") % {"place": coalition.place}
        results.append(SearchResult(coalition.name, coalition.get_absolute_url(), summary, kind, score))
    return results


def vocabulary():
    listings = Coalition.objects.public().filter(is_synthetic=False).only("name", "city", "area_served")
    texts = [*_directory_page().values()]
    for coalition in listings:
        texts.extend([coalition.name, coalition.city, coalition.area_served])
    return texts
