"""``{% load languages %}``: the language switcher and hreflang alternates.

A draft's preview (``rescue_restore.kernel.clearance_drafts_admin``) lives under /admin/, which has
no language versions: it puts its own in the context (``preview_language_versions``, the
other languages' drafts), and has no hreflang alternates (it is never indexed).
"""

from django import template
from django.conf import settings

from rescue_restore.i18n.languages import LanguageVersion, language_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context: template.Context) -> list[LanguageVersion]:
    """The versions of this page in the languages the visitor is not reading."""
    request = context.get("request")
    if request is None:
        return []
    versions = context.get("preview_language_versions")
    if versions is None:
        versions = language_versions(request)
    return [version for version in versions if not version.is_current]


@register.simple_tag(takes_context=True)
def alternate_languages(context: template.Context) -> list[tuple[str, str]]:
    """Every language's version, for ``<link rel="alternate" hreflang>``, with absolute URLs."""
    request = context.get("request")
    if request is None or context.get("preview_language_versions") is not None:
        return []
    return [(version.code, settings.SITE_URL + version.url) for version in language_versions(request)]
