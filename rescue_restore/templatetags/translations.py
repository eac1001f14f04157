"""``{% load translations %}``: is this piece of staff-written content in the reader's language?"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def untranslated(instance, field):
    """True when the page is read in a language ``instance.<field>`` has not been written in yet.

    Such content is shown in the default language (modeltranslation's
    fallback), so the template marks it ``lang="en"`` and says so.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    return not getattr(instance, f"{field}_{language.replace('-', '_')}", "")


@register.filter
def in_language(text, language):
    """``text`` wrapped in ``<span lang="…">`` when it is written in another language than the page.

    For a person's own words inside a translated sentence (a coalition's area
    served in a Spanish line), so a screen reader pronounces each part in its
    language. Escaped as any value; unchanged when the languages agree or are unknown.
    """
    page_language = translation.get_language() or settings.LANGUAGE_CODE
    if not text or not language or language == page_language:
        return text
    return format_html('<span lang="{}">{}</span>', language, text)
