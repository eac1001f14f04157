"""The guide's settings in site search (in the reader's language, accents optional)."""

from django.utils.translation import pgettext

from rescue_restore.site_search.search import SearchResult, snippet
from rescue_restore.site_search.text_search import every_word_in
from screening.models import Setting


def search(query, limit):
    condition = every_word_in(query, ["title", "intro"], model=Setting)
    settings_found = Setting.objects.published().filter(condition).order_by("order")[:limit]
    kind = pgettext("kind of search result", "Could this be trafficking?")
    return [SearchResult(item.title, item.get_absolute_url(), snippet(item.intro), kind) for item in settings_found]
