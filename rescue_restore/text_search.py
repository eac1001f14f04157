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
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import Func, Q, TextField
from django.db.models.lookups import Contains
from django.utils import translation

MAX_WORDS = 8
SPANISH_SEARCH_CONFIG = "rr_spanish"


def query_words(query):
    return (query or "").split()[:MAX_WORDS]


def fold(text):
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


def register_sqlite_unaccent(sender, connection, **kwargs):
    """``connection_created`` receiver: teach SQLite ``UNACCENT`` (``fold`` above)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)


def reader_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def translated_columns(model, field, language=None):
    """The columns to search for ``field``: the reader's language first, then English.

    A field that is not translated is its own column.
    """
    if model is None:
        return [field]
    names = {column.name for column in model._meta.get_fields()}
    languages = dict.fromkeys([language or reader_language(), settings.LANGUAGE_CODE])
    columns = [f"{field}_{code}" for code in languages if f"{field}_{code}" in names]
    return columns or [field]


def every_word_in(query, fields, *, model=None, also=None):
    """A ``Q`` true when each word is in one of ``fields``; ``also(word)`` adds other ways to match a word."""
    columns = [column for field in fields for column in translated_columns(model, field)]
    condition = Q()
    for word in query_words(query):
        matches = [Q(Contains(Unaccent(column), fold(word))) for column in columns]
        if also is not None:
            matches.extend(also(word))
        condition &= reduce(or_, matches)
    if model is not None and query_words(query) and reader_language() == "es" and connection.vendor == "postgresql":
        condition |= _spanish_full_text(query, fields, model)
    return condition


def _spanish_full_text(query, fields, model):
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    columns = [translated_columns(model, field, "es")[0] for field in fields]
    vector = SearchVector(*columns, config=SPANISH_SEARCH_CONFIG)
    return Q(SearchVectorExact(vector, SearchQuery(query, config=SPANISH_SEARCH_CONFIG, search_type="websearch")))
