"""What an audience page lists below its text: related materials and coalitions from the other apps.

Apps never import each other; each app that has something for an audience
offers ``related.py`` with ``for_audience(audience, limit)`` (plain items:
title, url, summary), a ``HEADING`` and ``more_link(audience)``. This module
gathers them through ``rescue_restore.kernel.discovery``: one or two queries per app,
whatever the size of the catalog or the directory.
"""

from collections.abc import Collection
from typing import Any

from campaign.models import AUDIENCE_SECTIONS, Page, Section
from rescue_restore.kernel.discovery import app_modules

RESOURCES_SLUG = "resources"
PAGE_LIMIT = 6
OVERVIEW_LIMIT = 4
# How many items are asked for to count them: a list says "6 of 8 shown" when it is partial.
COUNT_LIMIT = 100


def related_groups(audience: str, limit: int = PAGE_LIMIT, apps: Collection[str] | None = None) -> list[dict[str, Any]]:
    """``[{"heading", "items", "total", "more"}]`` for ``audience`` (a campaign section value); empty groups left out.

    ``items`` holds at most ``limit``; ``total`` counts every item (up to ``COUNT_LIMIT``), so a
    partial list can say so. ``apps`` limits the lookup to those app labels (None: every app with
    a ``related.py``).
    """
    if audience not in AUDIENCE_SECTIONS:
        return []
    groups: list[dict[str, Any]] = []
    for app, module in app_modules("related"):
        if apps is not None and app not in apps:
            continue
        items = module.for_audience(str(audience), max(limit, COUNT_LIMIT))
        if items:
            groups.append(
                {
                    "heading": module.HEADING,
                    "items": items[:limit],
                    "total": len(items),
                    "more": module.more_link(str(audience)),
                }
            )
    return groups


def resources_overview() -> list[dict[str, Any]]:
    """For the Resources page: each audience with its pages and its materials.

    Coalitions serve every audience alike, so the page links the directory once instead of
    listing the same coalitions under each audience.
    """
    pages = list(
        Page.objects.published().filter(section__in=AUDIENCE_SECTIONS).only("title", "slug", "section", "summary")
    )
    overview: list[dict[str, Any]] = []
    for section in AUDIENCE_SECTIONS:
        overview.append(
            {
                "section": Section(section),
                "pages": [page for page in pages if page.section == section],
                "groups": related_groups(section, OVERVIEW_LIMIT, apps={"materials"}),
            }
        )
    return overview
