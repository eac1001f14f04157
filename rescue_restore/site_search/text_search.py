"""The per-word filter every search box uses (site search, the catalog, the directory).

Every word of the query must appear in at least one of the fields, ignoring
case and accents ("informacion" finds "información", "TRATA" finds "trata");
at most ``MAX_WORDS`` words count, so a pasted paragraph cannot build an
enormous query. Given the ``model``, a field staff write in several languages
(django-modeltranslation, docs/i18n.md) is searched in the reader's language
and in English, which untranslated content falls back to.

Reading Spanish on PostgreSQL, a row whose Spanish text matches the whole
query by full-text search also counts (the ``rr_spanish`` configuration:
Spanish stemming over ``unaccent``, created by rescue_restore migration
``0006_spanish_search``), so "víctima" finds "víctimas".

SQLite has no ``unaccent``: ``register_sqlite_unaccent`` gives each SQLite
connection one written in Python, so the same SQL runs on both databases.
"""

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import reduce
from operator import add, or_
from typing import Protocol, cast, overload

from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, FloatField, Func, Model, Q, QuerySet, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.lookups import Contains
from django.utils import translation

MAX_WORDS = 8
SPANISH_SEARCH_CONFIG = "rr_spanish"


def query_words(query: str | None) -> list[str]:
    return (query or "").split()[:MAX_WORDS]


@overload
def fold(text: str) -> str: ...
@overload
def fold(text: None) -> None: ...


def fold(text: str | None) -> str | None:
    """Lower case without accents: ``"Información"`` -> ``"informacion"``."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Unaccent(Func):
    """``UNACCENT(LOWER(text))``: PostgreSQL's extension, or ``fold`` on SQLite."""

    function = "UNACCENT"
    template = "%(function)s(LOWER(%(expressions)s))"
    output_field = TextField()


def register_sqlite_unaccent(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """``connection_created`` receiver: teach SQLite ``UNACCENT`` (``fold`` above)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)


def reader_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def translated_columns(model: type[Model] | None, field: str, language: str | None = None) -> list[str]:
    """The columns to search for ``field``: the reader's language first, then English.

    A field that is not translated is its own column.
    """
    if model is None:
        return [field]
    names = {column.name for column in model._meta.get_fields()}
    languages = dict.fromkeys([language or reader_language(), settings.LANGUAGE_CODE])
    columns = [f"{field}_{code}" for code in languages if f"{field}_{code}" in names]
    return columns or [field]


def every_word_in(
    query: str | None,
    fields: Iterable[str],
    *,
    model: type[Model] | None = None,
    also: Callable[[str], Iterable[Q]] | None = None,
) -> Q:
    """A ``Q`` true when each word is in one of ``fields``; ``also(word)`` adds other ways to match a word."""
    columns = [column for field in fields for column in translated_columns(model, field)]
    condition = Q()
    for word in query_words(query):
        matches = [Q(Contains(Unaccent(column), fold(word))) for column in columns]
        if also is not None:
            matches.extend(also(word))
        condition &= reduce(or_, matches)
    if model is not None and query_words(query) and reader_language() == "es" and connection.vendor == "postgresql":
        condition |= _spanish_full_text(query or "", fields, model)
    return condition


def _spanish_full_text(query: str, fields: Iterable[str], model: type[Model]) -> Q:
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    columns = [translated_columns(model, field, "es")[0] for field in fields]
    vector = SearchVector(*columns, config=SPANISH_SEARCH_CONFIG)
    return Q(SearchVectorExact(vector, SearchQuery(query, config=SPANISH_SEARCH_CONFIG, search_type="websearch")))


# Ranking for site search ------------------------------------------------------------------------------------------

# How much a match counts by where it is: the title most, a passing mention in the body least.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
FULL_TEXT_CONFIGS = {"en": "english", "es": SPANISH_SEARCH_CONFIG}
# pg_trgm word similarity from which a title is taken to be what a misspelled query meant:
# "hotlne" / "Hotline clue card" 0.57, "trafficing" / "…of human trafficking" 0.64,
# but "pocket card" / "Hotline clue card" 0.42.
TYPO_SIMILARITY = 0.5
POSTGRES_REFINEMENT = 0.5


def word_variants(word: str) -> list[str]:
    """A folded word and its singular, cheaply ("posters" -> "poster", "boletines" -> "boletin")."""
    variants = [word]
    if len(word) > 4 and word.endswith("es"):
        variants.append(word[:-2])
    if len(word) > 3 and word.endswith("s"):
        variants.append(word[:-1])
    return variants


def every_word_in_text(query: str | None, text: str | None) -> bool:
    """True when each word of the query (or its singular) is in ``text``, ignoring case and accents."""
    folded = fold(text or "")
    words = [fold(word) for word in query_words(query)]
    return bool(words) and all(any(variant in folded for variant in word_variants(word)) for word in words)


def _column_language(model: type[Model] | None, field: str, column: str) -> str:
    return column.removeprefix(f"{field}_") if column != field else reader_language()


def placement_score(row: object, query: str | None, fields: Mapping[str, str]) -> float:
    """Where the query's words are in the row as the reader sees it: a title match counts most.

    The same on both databases; PostgreSQL adds its full-text rank and trigram similarity to it.
    """
    words = [fold(word) for word in query_words(query)]
    if not words:
        return 0.0
    # The reader's version and the English one it falls back to, as every_word_in matches them.
    model = cast(type[Model], row.__class__) if hasattr(row, "_meta") else None
    texts = {
        field: fold(" ".join(str(getattr(row, column, "") or "") for column in translated_columns(model, field)))
        for field in fields
    }
    score = 0.0
    for word in words:
        found = [
            WEIGHTS[weight]
            for field, weight in fields.items()
            if any(variant in texts[field] for variant in word_variants(word))
        ]
        score += max(found, default=0.0)
    return score / len(words)


def _postgres_relevance(
    query: str, fields: Mapping[str, str], model: type[Model], title_field: str
) -> tuple[Q, Combinable, Combinable]:
    """(condition, score) on PostgreSQL: full-text match and rank per language, and trigram similarity of the title."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        SearchVectorExact,
        TrigramWordSimilarity,
    )
    from django.db.models.functions import Coalesce, Greatest

    vectors: dict[str, list[SearchVector]] = {}
    for field, weight in fields.items():
        for column in translated_columns(model, field):
            language = _column_language(model, field, column)
            config = FULL_TEXT_CONFIGS.get(language, "simple")
            vectors.setdefault(config, []).append(SearchVector(column, config=config, weight=weight))
    condition = Q()
    rank: Combinable = Value(0.0, output_field=FloatField())
    for config, parts in vectors.items():
        vector = reduce(add, parts)
        search_query = SearchQuery(query, config=config, search_type="websearch")
        condition |= Q(SearchVectorExact(vector, search_query))
        rank = rank + Coalesce(SearchRank(vector, search_query), Value(0.0, output_field=FloatField()))
    titles = [
        Coalesce(TrigramWordSimilarity(fold(query), Unaccent(column)), Value(0.0, output_field=FloatField()))
        for column in translated_columns(model, title_field)
    ]
    similarity = titles[0] if len(titles) == 1 else Greatest(*titles)
    return condition, rank, similarity


def ranked[M: Model](
    queryset: QuerySet[M],
    query: str,
    fields: Mapping[str, str],
    *,
    exact: Q | None = None,
    title_field: str = "title",
    limit: int = 20,
) -> list[tuple[M, float]]:
    """The rows of ``queryset`` that match ``query``, best first, as ``[(row, score), …]``.

    ``fields`` maps each searched field to its weight ("A" title … "C" body).
    A row matches when every word (or its singular) is in one of the fields,
    or when it matches ``exact`` (the app's own test: item codes, language names). On PostgreSQL it also
    matches by full-text search in the reader's language (English stemming,
    Spanish stemming over unaccent) and, for a misspelled query, by pg_trgm
    word similarity of its title; the score adds the full-text rank and that
    similarity. Ties keep the queryset's own order.
    """
    model = queryset.model
    exact = words_or_singulars(query, list(fields), model) | (exact or Q())
    if connection.vendor == "postgresql":
        condition, rank, similarity = _postgres_relevance(query, fields, model, title_field)
        rows = list(
            queryset.annotate(rr_rank=rank, rr_similarity=similarity)
            .filter(exact | condition | Q(rr_similarity__gte=TYPO_SIMILARITY))
            .order_by((F("rr_rank") + F("rr_similarity")).desc(), *queryset.query.order_by)[: limit * 3]
        )
        scored = [(row, placement_score(row, query, fields) + _refinement(cast(_Refined, row))) for row in rows]
    else:
        rows = list(queryset.filter(exact)[: limit * 3])
        scored = [(row, placement_score(row, query, fields)) for row in rows]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


class _Refined(Protocol):
    """A row as ``ranked`` annotates it on PostgreSQL."""

    rr_rank: float
    rr_similarity: float


def words_or_singulars(query: str | None, fields: Iterable[str], model: type[Model] | None) -> Q:
    """``every_word_in``, where a word also matches by its singular ("cards" finds "card")."""
    return every_word_in(query, fields, model=model, also=_singular_matcher(fields, model))


def _refinement(row: _Refined) -> float:
    """PostgreSQL's full-text rank and title similarity, as at most ``POSTGRES_REFINEMENT``: they order rows
    that match alike, but never lift a row over one whose words are in a better place, or over a section page."""
    return min(row.rr_rank + row.rr_similarity, 1.0) * POSTGRES_REFINEMENT


def _singular_matcher(fields: Iterable[str], model: type[Model] | None) -> Callable[[str], list[Q]]:
    columns = [column for field in fields for column in translated_columns(model, field)]

    def singular(word: str) -> list[Q]:
        folded = fold(word)
        return [Q(Contains(Unaccent(column), variant)) for variant in word_variants(folded)[1:] for column in columns]

    return singular
