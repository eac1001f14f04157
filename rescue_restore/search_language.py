"""Search that reads Spanish as well as English: accents optional, word forms on PostgreSQL.

``matching(queryset, fields, query)`` keeps the rows in which every word of
the query appears in one of ``fields``, in the language being read or in
English (staff-written content falls back to English until it is
translated), ignoring case and accents: "informacion" finds "información",
"TRATA" finds "trata". Reading Spanish on PostgreSQL, a row whose Spanish
text matches the query by full-text search (the ``rr_spanish`` configuration:
Spanish stemming over ``unaccent``, created by ``rescue_restore`` migration
0003) is kept too, so "víctima" finds "víctimas".

SQLite has no ``unaccent``: ``register_sqlite_unaccent`` gives every SQLite
connection one written in Python, so the same queries run on both.
"""

import unicodedata

from django.conf import settings
from django.db.models import Func, Q, TextField
from django.utils import translation

SPANISH_SEARCH_CONFIG = "rr_spanish"
MAX_WORDS = 8


def fold(text):
    """Lower case without accents: ``"Información"`` -> ``"informacion"``."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Unaccent(Func):
    """``UNACCENT(LOWER(text))``: PostgreSQL's extension, or the Python function on SQLite."""

    function = "UNACCENT"
    template = "%(function)s(LOWER(%(expressions)s))"
    output_field = TextField()


def register_sqlite_unaccent(sender, connection, **kwargs):
    """``connection_created`` receiver: teach SQLite ``UNACCENT`` (the fold above)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)


def translated_columns(model, field, language=None):
    """The columns to search for ``field``: the reader's language first, then English.

    A field django-modeltranslation does not translate is its own column.
    """
    column_names = {column.name for column in model._meta.get_fields()}
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    columns = [f"{field}_{code}" for code in dict.fromkeys([language, settings.LANGUAGE_CODE])]
    columns = [column for column in columns if column in column_names]
    return columns or [field]


def matching(queryset, fields, query, *, language=None):
    """Rows in which every word of ``query`` appears in one of ``fields`` (accents and case ignored)."""
    words = [fold(word) for word in query.split()[:MAX_WORDS]]
    if not words:
        return queryset.none()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    columns = [column for field in fields for column in translated_columns(queryset.model, field, language)]
    aliases = {f"_folded_{column}": Unaccent(column) for column in columns}
    condition = Q()
    for word in words:
        any_column = Q()
        for alias in aliases:
            any_column |= Q(**{f"{alias}__contains": word})
        condition &= any_column
    queryset = queryset.alias(**aliases)
    if language == "es" and queryset.db == "default" and _is_postgresql(queryset):
        queryset, spanish = _spanish_full_text(queryset, fields, query)
        condition |= spanish
    return queryset.filter(condition)


def _is_postgresql(queryset):
    from django.db import connections

    return connections[queryset.db].vendor == "postgresql"


def _spanish_full_text(queryset, fields, query):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    columns = [translated_columns(queryset.model, field, "es")[0] for field in fields]
    queryset = queryset.alias(_spanish_vector=SearchVector(*columns, config=SPANISH_SEARCH_CONFIG))
    search_query = SearchQuery(query, config=SPANISH_SEARCH_CONFIG, search_type="websearch")
    return queryset, Q(_spanish_vector=search_query)
