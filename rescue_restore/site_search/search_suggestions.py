""" "Did you mean": a word of the query that the site never uses, replaced by the closest word it does use.

The site's words are those of the published titles, summaries and pages in
every language, gathered from each app's ``vocabulary()`` in its search.py
(kept for ``VOCABULARY_SECONDS`` per process), plus the synonyms' terms. On PostgreSQL the closest word is chosen by
``pg_trgm`` similarity, then (for swapped letters, which trigrams score low)
the standard library's ``difflib``; SQLite, which has no trigram extension,
uses ``difflib`` alone. Words of fewer than ``MIN_WORD_LENGTH`` letters and
numbers are left alone.
"""

import difflib
import re
import time
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import translation

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.site_search.text_search import fold

MIN_WORD_LENGTH = 4
# pg_trgm similarity from which a known word is offered: "trafficing" / "trafficking" 0.64,
# "hotlne" / "hotline" 0.5.
SIMILARITY = 0.45
DIFFLIB_CUTOFF = 0.8
_WORD = re.compile(r"[^\W\d_]+")
# The site's words change when staff publish: each process keeps them for this long (per language), and
# forgets them at once when a content model is saved or deleted in it. A search then costs no extra query.
VOCABULARY_SECONDS = 60
# "words" -> (monotonic time it expires, {folded word: word as written}).
_vocabulary: dict[str, tuple[float, dict[str, str]]] = {}


def forget_vocabulary(sender: type[Model] | None = None, **_signal_arguments: object) -> None:
    """``post_save`` / ``post_delete`` receiver: content changed, gather the words again."""
    if sender is None or sender._meta.app_label in settings.PROJECT_APPS:
        _vocabulary.clear()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(forget_vocabulary, dispatch_uid=f"rescue_restore.site_search.search_suggestions.{signal!r}")


def _app_words() -> dict[str, str]:
    """The words of every app's searchable text in every language: "trata" typed on the English site is a
    word of the site (its Spanish pages), not a misspelling of "treat"."""
    now = time.monotonic()
    kept = _vocabulary.get("words")
    if kept is not None and kept[0] > now:
        return kept[1]
    words: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for _app, module in app_modules("search"):
                offer = getattr(module, "vocabulary", None)
                if offer is not None:
                    for text in offer():
                        words.update(_words_of(text))
    _vocabulary["words"] = (now + VOCABULARY_SECONDS, words)
    return words


def _words_of(text: str | None) -> dict[str, str]:
    """``{folded word: the word as written, in lower case}``: matched without accents, suggested with them."""
    return {fold(word): word.lower() for word in _WORD.findall(text or "") if len(word) >= 3}


def site_words(extra_phrases: Iterable[str] = ()) -> dict[str, str]:
    """Every folded word of the site's searchable text, and of ``extra_phrases``."""
    words = dict(_app_words())
    for phrase in extra_phrases:
        words.update(_words_of(phrase))
    return words


def _is_known(word: str, words: Mapping[str, str]) -> bool:
    # A word the site uses, or the start of one ("traffick" is not a typo of "trafficking").
    return word in words or any(known.startswith(word) for known in words)


def closest_word(word: str, words: Mapping[str, str]) -> str | None:
    """The known word (as written) closest to the folded ``word``, or None when none is close enough."""
    candidates = sorted(words)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT candidate FROM unnest(%s::text[]) AS candidate"
                " WHERE similarity(candidate, %s) >= %s"
                " ORDER BY similarity(candidate, %s) DESC, candidate LIMIT 1",
                [candidates, word, SIMILARITY, word],
            )
            row = cursor.fetchone()
        if row:
            return words[row[0]]
        # Trigrams miss swapped letters ("vitcimas" / "víctimas" 0.38); difflib's ratio does not.
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=DIFFLIB_CUTOFF)
    return words[matches[0]] if matches else None


def suggestion_for(query: str, known_phrases: Iterable[str] = ()) -> str:
    """The query with each unknown word replaced by the closest known one, or '' when there is nothing to suggest."""
    words = query.split()
    checkable = [word for word in words if len(word) >= MIN_WORD_LENGTH and _WORD.fullmatch(word)]
    if not checkable:
        return ""
    vocabulary = site_words(known_phrases)
    changed = False
    suggested: list[str] = []
    for word in words:
        folded = fold(word)
        if word in checkable and not _is_known(folded, vocabulary):
            replacement = closest_word(folded, vocabulary)
            if replacement:
                suggested.append(replacement)
                changed = True
                continue
        suggested.append(word)
    return " ".join(suggested) if changed else ""
