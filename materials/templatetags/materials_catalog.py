"""Links for the catalog's filters: plain GET addresses that keep the other filters."""

from urllib.parse import urlencode

from django import template

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
