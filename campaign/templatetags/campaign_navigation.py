"""The primary navigation's current section, worked out from the address of the page being shown."""

from django import template

from campaign.models import AUDIENCE_SECTIONS, Section

register = template.Library()

RESOURCES_SLUG = "resources"

# URL namespaces that are one menu item each.
_NAMESPACE_ITEMS = {"materials": "materials", "coalitions": "coalitions", "listserv": "listserv"}
_VIEW_ITEMS = {"campaign:contact": "contact", "campaign:contact_thanks": "contact"}


def _item_for_section(section):
    if section == Section.ABOUT_TRAFFICKING:
        return "about"
    if section in AUDIENCE_SECTIONS:
        return "resources"
    return ""


@register.simple_tag(takes_context=True)
def nav_current(context):
    """The menu item ("about", "resources", "materials", …) the current page belongs to, or ""."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace in _NAMESPACE_ITEMS:
        return _NAMESPACE_ITEMS[match.namespace]
    if match.view_name in _VIEW_ITEMS:
        return _VIEW_ITEMS[match.view_name]
    if match.view_name == "campaign:page":
        if match.kwargs.get("slug") == RESOURCES_SLUG:
            return "resources"
        page = context.get("page")
        return _item_for_section(getattr(page, "section", ""))
    return ""
