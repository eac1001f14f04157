"""The per-word filter every search box uses (site search, the catalog, the directory).

Every word of the query must appear (case-insensitively) in at least one of
the fields; at most ``MAX_WORDS`` words count, so a pasted paragraph cannot
build an enormous query.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

MAX_WORDS = 8


def query_words(query):
    return (query or "").split()[:MAX_WORDS]


def every_word_in(query, fields, *, also=None):
    """A ``Q`` true when each word is in one of ``fields``; ``also(word)`` adds another way to match a word."""
    condition = Q()
    for word in query_words(query):
        matches = [Q(**{f"{field}__icontains": word}) for field in fields]
        if also is not None:
            matches.extend(also(word))
        condition &= reduce(or_, matches)
    return condition
