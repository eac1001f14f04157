"""Published materials in site search."""

from materials.models import Material
from rescue_restore.search import SearchResult


def search(query, limit):
    materials = Material.objects.published().matching(query).only("title", "slug", "summary")[:limit]
    return [SearchResult(m.title, m.get_absolute_url(), m.summary, "Material") for m in materials]
