"""``{% load languages %}``: the language switcher and hreflang alternates."""

from django import template
from django.conf import settings

from rescue_restore.languages import language_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context):
    """The versions of this page in the languages the visitor is not reading."""
    request = context.get("request")
    if request is None:
        return []
    return [version for version in language_versions(request) if not version.is_current]


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """Every language's version, for ``<link rel="alternate" hreflang>``, with absolute URLs."""
    request = context.get("request")
    if request is None:
        return []
    return [(version.code, settings.SITE_URL + version.url) for version in language_versions(request)]
