"""``{% load page_fragments %}``: a piece of a page made for each visitor, even when the page is cached.

``{% page_fragment "materials.order_summary" %}`` renders what the app's
``pagecache.FRAGMENTS`` function makes for this request, between markers. The
page cache (rescue_restore.web.pagecache) cuts the piece out before it stores the page
and makes it afresh for every answer from the cache, as it does with CSRF tokens:
the rest of the page is the same for everyone, so a visitor with something in
their session is answered from the cache too.
"""

from django import template
from django.utils.safestring import mark_safe

from rescue_restore.web import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def page_fragment(context, name):
    return mark_safe(pagecache.fragment_markup(name, context.get("request")))
