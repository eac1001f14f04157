"""``{% load campaign_languages %}``: mark a page's title, summary or body that is shown in another language.

A page read on ``/es/`` whose Spanish text staff have not written yet falls back
to English (modeltranslation), field by field: a page can have its Spanish title
and still an English body. Screen readers pronounce each piece correctly only
when the piece in the other language carries its own ``lang``.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from rescue_restore.templatetags.translations import untranslated

register = template.Library()


def _shown_in(instance, field):
    """The language ``instance.<field>`` is read in now: the reader's, or the default one it fell back to.

    No field: the language of the page around it, the reader's.
    """
    if field is not None and untranslated(instance, field):
        return settings.LANGUAGE_CODE
    return translation.get_language() or settings.LANGUAGE_CODE


@register.simple_tag
def lang_attribute(instance, field, within=None):
    """`` lang="en"`` when ``instance.<field>`` is in another language than the element around it, else ``""``.

    ``within`` names the field whose element encloses this one (the page's body
    around its title); without it the enclosing element is the page itself.
    """
    language = _shown_in(instance, field)
    if language == _shown_in(instance, within):
        return ""
    return format_html(' lang="{}"', language)
