"""Published materials and the catalog in site search.

A language name in the query ("Spanish", "español") finds its editions.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from materials.models import Material
from materials.models.catalog import Language, languages_named
from rescue_restore.site_search.search import SearchResult, section_result, snippet
from rescue_restore.site_search.text_search import ranked

FIELDS = {"title": "A", "summary": "B", "description": "C"}
# A catalog item is something to order or download: it ranks above pages that only mention it.
CATALOG_ITEM_BOOST = 0.3


def _catalog_page():
    return {
        "title": gettext("Free materials"),
        "summary": gettext(
            "Posters, brochures, pocket cards and tool kits for the people most likely to meet victims of human "
            "trafficking. Download any of them, or order printed copies shipped free to any U.S. address."
        ),
        "keywords": pgettext("search keywords of the catalog", "materials catalog order print download"),
    }


def search(query, limit):
    kind = pgettext("kind of search result", "Catalog")
    catalog = section_result(query, url=reverse("materials:catalog"), kind=kind, **_catalog_page())
    results = [catalog] if catalog else []
    # As in the catalog: on /es/ the materials with a Spanish edition come first among equals.
    published = Material.objects.published()
    matching = Q(pk__in=published.matching(query).values("pk"))
    materials = published.in_reader_order().only("title", "slug", "summary", "description")
    codes, _rest = languages_named(query)
    named = ", ".join(str(Language(code).label) for code in sorted(codes))
    for material, score in ranked(materials, query, FIELDS, exact=matching, limit=limit):
        summary = snippet(material.summary)
        if named:
            summary = gettext("Editions in %(languages)s. %(summary)s") % {"languages": named, "summary": summary}
        results.append(
            SearchResult(
                material.title, material.get_absolute_url(), summary, gettext("Material"), score + CATALOG_ITEM_BOOST
            )
        )
    return results


def vocabulary():
    materials = Material.objects.published().only("title", "summary")
    return [*_catalog_page().values(), *(text for material in materials for text in (material.title, material.summary))]
