"""Links for the catalog's filters (plain GET addresses that keep the other filters), and covers' renditions."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from materials.images import RENDITION_WIDTHS

register = template.Library()


@register.simple_tag
def catalog_query(filters, **changes):
    """``?…`` for the catalog with ``changes`` applied (None or "" removes a filter); always page 1."""
    params = {**filters, **changes}
    params.pop("page", None)
    params = {name: value for name, value in params.items() if value}
    return "?" + urlencode(params) if params else "?"


@register.simple_tag
def page_query(filters, number):
    return "?" + urlencode({**filters, "page": number})


@register.simple_tag
def cover_srcset(edition):
    """``srcset`` of an edition's WebP cover renditions, versioned like its thumbnail's address ("" without one)."""
    version = edition.cover_url.partition("?")[2]
    if not version:
        return ""
    return ", ".join(
        f"{reverse('materials:cover_rendition', kwargs={'item_code': edition.item_code, 'width': width})}?{version} "
        f"{width}w"
        for width in RENDITION_WIDTHS
    )
