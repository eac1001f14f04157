"""Which public pages show which of this app's rows, for the page cache (rescue_restore.web.pagecache).

Tags: ``page_tag(pk)`` is on a page's own address; ``section_tag(section)`` on every
page that lists a section's pages (the section's pages themselves, beside each other;
the home page; the Resources overview); ``"campaign"`` on the pages made with this
app's search (site search, "did you mean"), through ``rescue_restore.kernel.discovery``.

Contact messages, drafts and their history are never shown: a draft changes no
public page until it is published. Publishing saves only the page's text and
publication fields (``campaign.clearance.publish_fields``), which makes stale that
page, the pages listing its section and search. Any other save of a page (the
admin's form, which may move it to another section) makes every page stale.
"""

from collections.abc import Iterable

from django.db import models

from campaign.models import ContactMessage, Page, PageDraft, PageDraftEvent

FORM_PAGES = {"campaign:contact"}
# Admin steps whose every write is a model save (their signals say what changed): a POST to them
# does not make every page stale (rescue_restore.web.pagecache; the admin's own forms are treated so too).
SIGNALLED_ADMIN_VIEWS = {
    "admin:campaign_pagedraft_clearance",
    "admin:campaign_page_start_draft",
    "admin:campaign_page_roll_back",
}
PRIVATE = (ContactMessage, PageDraft, PageDraftEvent, PageDraft.edited_by.through)


def page_tag(page_id: int) -> str:
    return f"campaign.page:{page_id}"


def section_tag(section: str) -> str:
    return f"campaign.section:{section}"


def stale_tags(instance: models.Model, update_fields: Iterable[str] | None) -> set[str] | None:
    """The tags a save or delete of ``instance`` makes stale; None (every page) for a model not named here."""
    if isinstance(instance, PRIVATE) or (instance._meta.model_name or "").startswith("historical"):
        return set()
    if isinstance(instance, Page) and update_fields is not None and "section" not in update_fields:
        return {"campaign", page_tag(instance.pk), section_tag(instance.section)}
    return None
