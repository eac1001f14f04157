"""Published materials in site search; a language name in the query ("Spanish", "español") finds its editions."""

from materials.models import Material
from materials.models.catalog import Language, languages_named
from rescue_restore.search import SearchResult, snippet


def search(query, limit):
    materials = Material.objects.published().matching(query).only("title", "slug", "summary")[:limit]
    codes, _rest = languages_named(query)
    named = ", ".join(str(Language(code).label) for code in sorted(codes))
    results = []
    for material in materials:
        summary = snippet(material.summary)
        if named:
            summary = f"Editions in {named}. {summary}"
        results.append(SearchResult(material.title, material.get_absolute_url(), summary, "Material"))
    return results
