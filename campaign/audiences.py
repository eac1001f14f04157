"""What an audience page lists below its text: related materials and coalitions from the other apps.

Apps never import each other; each app that has something for an audience
offers ``related.py`` with ``for_audience(audience, limit)`` (plain items:
title, url, summary), a ``HEADING`` and ``more_link(audience)``. This module
gathers them through ``rescue_restore.discovery``: one or two queries per app,
whatever the size of the catalog or the directory.
"""

from campaign.models import AUDIENCE_SECTIONS, Page, Section
from rescue_restore.discovery import app_modules

RESOURCES_SLUG = "resources"
PAGE_LIMIT = 6
OVERVIEW_LIMIT = 4


def related_groups(audience, limit=PAGE_LIMIT):
    """``[{"heading", "items", "more"}]`` for ``audience`` (a campaign section value); empty groups left out."""
    if audience not in AUDIENCE_SECTIONS:
        return []
    groups = []
    for _app, module in app_modules("related"):
        items = module.for_audience(str(audience), limit)
        if items:
            groups.append({"heading": module.HEADING, "items": items, "more": module.more_link(str(audience))})
    return groups


def resources_overview():
    """For the Resources page: each audience with its pages and its materials and coalitions."""
    pages = list(
        Page.objects.published().filter(section__in=AUDIENCE_SECTIONS).only("title", "slug", "section", "summary")
    )
    overview = []
    for section in AUDIENCE_SECTIONS:
        overview.append(
            {
                "section": Section(section),
                "pages": [page for page in pages if page.section == section],
                "groups": related_groups(section, OVERVIEW_LIMIT),
            }
        )
    return overview
