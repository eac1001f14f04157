"""Template filters for the plain-text part of bulletins."""

import re

from django import template
from django.conf import settings

register = template.Library()

# [text](url) or [text](url "title"): the link's text, then its address in brackets.
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")


@register.filter
def markdown_as_text(body):
    """A bulletin's Markdown, readable as plain text: links show their full address.

    Markdown already reads as text, except that a link's address hides in
    brackets and a site-relative one (``/materials/``) means nothing in a mail
    client; ``text (https://site/materials/)`` works everywhere.
    """

    def link(match):
        text, href = match.group(1), match.group(2)
        if href.startswith("/") and not href.startswith("//"):
            href = settings.SITE_URL + href
        return text if text == href else f"{text} ({href})"

    return MARKDOWN_LINK.sub(link, body or "")
