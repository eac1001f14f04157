"""Site search: ask each app's ``search(query, limit)`` and merge the results.

An app's ``search.py`` returns a list of ``SearchResult``. Results keep the
order of ``settings.PROJECT_APPS`` (pages first), each app's own order
within it.
"""

import re
from dataclasses import dataclass

from rescue_restore.discovery import app_modules

MAX_QUERY_LENGTH = 200
RESULTS_PER_APP = 20


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    kind: str  # shown to the reader: "Page", "Material", "Coalition"…


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """Drop control characters (PostgreSQL refuses NUL), collapse whitespace, cut overlong input.

    '' means no search.
    """
    return " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def search_site(query):
    query = clean_query(query)
    if not query:
        return []
    results = []
    for _app, module in app_modules("search"):
        results.extend(module.search(query, limit=RESULTS_PER_APP))
    return results
