"""Published materials in site search; a language name in the query ("Spanish", "español") finds its editions."""

from django.utils.translation import gettext

from materials.models import Material
from materials.models.catalog import Language, languages_named
from rescue_restore.search import SearchResult, snippet


def search(query, limit):
    # As in the catalog: on /es/ the materials with a Spanish edition come first.
    materials = Material.objects.published().matching(query).in_reader_order().only("title", "slug", "summary")
    codes, _rest = languages_named(query)
    named = ", ".join(str(Language(code).label) for code in sorted(codes))
    results = []
    for material in materials[:limit]:
        summary = snippet(material.summary)
        if named:
            summary = gettext("Editions in %(languages)s. %(summary)s") % {"languages": named, "summary": summary}
        results.append(SearchResult(material.title, material.get_absolute_url(), summary, gettext("Material")))
    return results
