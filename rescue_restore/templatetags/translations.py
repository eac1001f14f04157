"""``{% load translations %}``: is this piece of staff-written content in the reader's language?"""

from django import template
from django.conf import settings
from django.utils import translation

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
