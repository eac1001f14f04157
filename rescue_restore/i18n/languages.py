"""The site's languages and the address of the same page in each of them.

Public pages live at the same path in every language, with a language prefix
for all but the default (``/materials/`` and ``/es/materials/``); slugs are not
translated, so switching language never needs a database look-up and works on
every page, a 404 included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db import models
    from django.http import HttpRequest

# Paths outside i18n_patterns: one address whatever the language.
UNPREFIXED_PREFIXES = ("/admin/", "/anymail/", "/static/", "/media/", "/healthz", "/sitemap.xml", "/robots.txt")


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "English", "Español"
    url: str
    is_current: bool


def strip_language_prefix(path: str) -> str:
    """``/es/materials/`` -> ``/materials/``; a path without a prefix comes back unchanged."""
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
        if path == f"/{code}":
            return "/"
    return path


def path_in_language(path: str, code: str) -> str:
    """The same page's path in the language ``code``."""
    base = strip_language_prefix(path)
    if code == settings.LANGUAGE_CODE or base.startswith(UNPREFIXED_PREFIXES):
        return base
    return f"/{code}{base}"


def language_versions(request: HttpRequest) -> list[LanguageVersion]:
    """Every language's version of the page ``request`` asked for, query string kept."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    versions: list[LanguageVersion] = []
    for code, name in settings.LANGUAGES:
        url = path_in_language(request.path, code)
        if query:
            url = f"{url}?{query}"
        versions.append(LanguageVersion(code=code, name=name, url=url, is_current=code == current))
    return versions


def current_language() -> str:
    """The language the site is speaking now, as one of ``settings.LANGUAGES``' codes.

    The default of every model's ``language`` field: a row created while a
    visitor reads ``/es/`` remembers Spanish, and the emails it causes later
    (sent by staff, or by a worker with no request at all) are in Spanish.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


def language_field(**kwargs: Any) -> models.CharField[str, str]:  # any CharField option
    """The ``language`` column every app uses for the person's language."""
    from django.db import models  # here, so importing this module needs no app registry

    return models.CharField(
        max_length=8,
        default=current_language,
        help_text=_("The language this person used on the site; their emails are written in it."),
        **kwargs,
    )


def in_language_of[**P, R](person_argument: int = 0) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate an email function so it renders in its recipient's language.

    The recipient's row (an order, a request, a subscriber…) is the function's
    argument at position ``person_argument``; its ``language`` decides. While
    the function runs, templates, ``gettext`` and ``reverse()`` (so the links,
    ``/es/…``) all speak that language, whoever triggered the email.
    """

    def decorator(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            person = args[person_argument]
            with translation.override(getattr(person, "language", None) or settings.LANGUAGE_CODE):
                return function(*args, **kwargs)

        return wrapper

    return decorator


def in_staff_language[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Decorate an email to staff: always in the site's default language, whatever page caused it."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper
