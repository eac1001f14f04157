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
SNIPPET_LENGTH = 200

# Markdown that reads as punctuation in plain text, in the order it is removed.
_MARKDOWN = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>]*>"), " "),  # raw HTML tags (shown as text on the page, noise in a snippet)
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # headings, quotes, list markers
    (re.compile(r"(\*\*|__|~~|`+)(.+?)\1"), r"\2"),  # bold, strikethrough, code
    (re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),  # emphasis
]


def snippet(markdown_text, length=SNIPPET_LENGTH):
    """Plain text of staff-written Markdown for a search result: no ``**``, no ``[text](/url/)``, cut at a word."""
    text = markdown_text or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…"


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
