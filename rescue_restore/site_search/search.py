"""Site search: ask each app's ``search(query, limit)`` and merge the results, best first.

An app's ``search.py`` returns a list of ``SearchResult``, each with a score
(``rescue_restore.site_search.text_search.ranked``: a title match counts more than a
passing mention; audience pages and catalog items get a boost). Results from
all apps are sorted by score; equal scores keep the order of
``settings.PROJECT_APPS`` (pages first).

Before searching, the query is widened with the synonyms staff keep in the
admin (``synonyms(language)`` in an app's search.py: "nurse" also searches
"health care"), and a word the site never uses gets a "did you mean"
(``rescue_restore.site_search.search_suggestions``). Nothing here logs the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.site_search.search_suggestions import suggestion_for
from rescue_restore.site_search.text_search import every_word_in_text, fold, placement_score, reader_language

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_QUERY_LENGTH = 200
RESULTS_PER_APP = 20


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    kind: str  # shown to the reader: "Page", "Material", "Coalition"…
    score: float = 0.0  # higher first; see rescue_restore.site_search.text_search.ranked


@dataclass
class SearchOutcome:
    query: str
    results: list[SearchResult] = field(default_factory=list)
    # A spelling the site uses, when the query had a word it never uses ("trafficing" -> "trafficking").
    suggestion: str = ""
    # True when the query itself found nothing and the results are the suggestion's.
    showing_suggestion: bool = False


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


def snippet(markdown_text: str | None, length: int = SNIPPET_LENGTH) -> str:
    """Plain text of staff-written Markdown for a search result: no ``**``, no ``[text](/url/)``, cut at a word."""
    text = markdown_text or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…"


def clean_query(raw: str | None) -> str:
    """Drop control characters (PostgreSQL refuses NUL), collapse whitespace, cut overlong input.

    '' means no search.
    """
    return " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


MAX_ALTERNATIVES = 6
SECTION_FIELDS = {"title": "A", "keywords": "B"}
# A section's own page (the catalog, the sign-up page) is where someone typing its name wants to go.
SECTION_BOOST = 0.6


def section_result(
    query: str, *, title: StrOrPromise, summary: StrOrPromise, url: str, kind: StrOrPromise, keywords: StrOrPromise = ""
) -> SearchResult | None:
    """A fixed page of an app as a result, when every word of the query is in its title or keywords.

    Its summary is shown, not searched: the catalog's summary says "trafficking", as every page does.
    """
    page = SimpleNamespace(title=str(title), summary=str(summary), keywords=str(keywords))
    text = " ".join([page.title, page.keywords])
    if not every_word_in_text(query, text):
        return None
    return SearchResult(
        page.title, url, page.summary, str(kind), placement_score(page, query, SECTION_FIELDS) + SECTION_BOOST
    )


def synonym_pairs(language: str | None = None) -> list[tuple[str, str]]:
    """``[(term, means), …]`` from every app that offers ``synonyms(language)`` in its search.py."""
    language = language or reader_language()
    pairs: list[tuple[str, str]] = []
    for _app, module in app_modules("search"):
        offer = getattr(module, "synonyms", None)
        if offer is not None:
            pairs.extend(offer(language))
    return pairs


def alternatives(query: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The query, then the query with each synonym's term replaced by what it means (folded, word for word).

    "wallet card order" with ("wallet card", "pocket card") gives "pocket card order" as well;
    several matching synonyms also give one query with all of them replaced.
    """
    words = [fold(word) for word in query.split()]
    found: list[tuple[int, int, str]] = []
    for term, means in pairs:
        term_words = fold(term).split()
        length = len(term_words)
        for start in range(len(words) - length + 1):
            if words[start : start + length] == term_words:
                found.append((start, length, means))
                break
    queries = [query]
    for start, length, means in found:
        queries.append(" ".join([*words[:start], means, *words[start + length :]]))
    if len(found) > 1:
        combined: list[str] = list(words)
        taken: set[int] = set()
        for start, length, means in sorted(found, key=lambda item: -item[0]):
            span = set(range(start, start + length))
            if span & taken:
                continue
            taken |= span
            combined[start : start + length] = [means]
        queries.append(" ".join(combined))
    return list(dict.fromkeys(queries))[:MAX_ALTERNATIVES]


def _search_apps(queries: Iterable[str]) -> list[SearchResult]:
    """Every app's results for every query, one result per address at its best score, best first."""
    # In app order, then query order: the stable sort in _merge keeps it among equal scores.
    return _merge(
        *(module.search(query, limit=RESULTS_PER_APP) for _app, module in app_modules("search") for query in queries)
    )


def search_site(query: str | None) -> SearchOutcome:
    """A ``SearchOutcome``: results for the query and its synonyms, and a suggestion for a misspelled word."""
    query = clean_query(query)
    outcome = SearchOutcome(query=query)
    if not query:
        return outcome
    pairs = synonym_pairs()
    outcome.suggestion = suggestion_for(query, known_phrases=[term for term, _means in pairs])
    if not outcome.suggestion:
        outcome.results = _search_apps(alternatives(query, pairs))
        return outcome
    # A word the site never uses: what the query finds (on PostgreSQL, trigram matches) and what its
    # closest spelling finds, merged, so "trafficing" ranks the page about trafficking first.
    found = _search_apps(alternatives(query, pairs))
    corrected = _search_apps(alternatives(outcome.suggestion, pairs))
    outcome.results = _merge(found, corrected)
    outcome.showing_suggestion = not found and bool(corrected)
    return outcome


def _merge(*result_lists: Iterable[SearchResult]) -> list[SearchResult]:
    best: dict[str, SearchResult] = {}
    for results in result_lists:
        for result in results:
            if result.url not in best or result.score > best[result.url].score:
                best[result.url] = result
    return sorted(best.values(), key=lambda result: -result.score)
