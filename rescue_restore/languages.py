"""The site's languages and the address of the same page in each of them.

Public pages live at the same path in every language, with a language prefix
for all but the default (``/materials/`` and ``/es/materials/``); slugs are not
translated, so switching language never needs a database look-up and works on
every page, a 404 included.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

# Paths outside i18n_patterns: one address whatever the language.
UNPREFIXED_PREFIXES = ("/admin/", "/anymail/", "/static/", "/media/", "/healthz", "/sitemap.xml", "/robots.txt")


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "English", "Español"
    url: str
    is_current: bool


def strip_language_prefix(path):
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


def path_in_language(path, code):
    """The same page's path in the language ``code``."""
    base = strip_language_prefix(path)
    if code == settings.LANGUAGE_CODE or base.startswith(UNPREFIXED_PREFIXES):
        return base
    return f"/{code}{base}"


def language_versions(request):
    """Every language's version of the page ``request`` asked for, query string kept."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, name in settings.LANGUAGES:
        url = path_in_language(request.path, code)
        if query:
            url = f"{url}?{query}"
        versions.append(LanguageVersion(code=code, name=name, url=url, is_current=code == current))
    return versions
