"""Changes to live pages: a draft per language, cleared by a second person, then published (docs/clearance.md).

The moves are the shared ones (``rescue_restore.kernel.clearance.DraftClearance``):
history rows, row lock, the two-person rule, the reviewers' email, scheduled
publication. What is the page's own is here: publishing copies the draft's text
onto the page (and an English draft puts a new page on the site), and a page can
leave the site at a set time. Publishing saves only the page's text fields, so
the page cache makes stale only the pages that show this page
(``campaign.pagecache``).
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaign.models import Page, PageDraft
from rescue_restore.kernel.clearance import DraftClearance, WaitingItem, note_change

TEXT_FIELDS = PageDraft.TEXT_FIELDS


def publish_fields() -> list[str]:
    """Every field a publication may write: the text in each language, its rendering, the dates, the flag."""
    localized = [f"{field}_{code}" for field in (*TEXT_FIELDS, "body_html") for code, _name in settings.LANGUAGES]
    return [*localized, "is_published", "publication_date", "updated_at"]


def _publish_to(draft: PageDraft, page: Page) -> None:
    """The draft's text becomes the page's text in its language; an English draft of a new page puts it on the site."""
    DraftClearance.write_text(draft, page)
    page.save(update_fields=publish_fields())  # the save renders every language's body again (body_html_*)


PAGES = DraftClearance(draft_model=PageDraft, kind="page change", publish_to=_publish_to)

live_text = PAGES.live_text
start_draft = PAGES.start_draft
record_edit = PAGES.record_edit
submit_for_review = PAGES.submit_for_review
approve = PAGES.approve
send_back = PAGES.send_back
publish = PAGES.publish
publish_due = PAGES.publish_due
roll_back = PAGES.roll_back


def waiting(limit: int = 50) -> list[WaitingItem]:
    """Page changes waiting for a reviewer, oldest first."""
    return PAGES.waiting(limit)


def unpublish_due(now: datetime | None = None) -> int:
    """Take off the site every page whose ``unpublish_at`` has come; returns how many (scheduler job)."""
    now = now or timezone.now()
    unpublished = 0
    for page_id in Page.objects.filter(is_published=True, unpublish_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            page = Page.objects.select_for_update().get(pk=page_id)
            if not page.is_published or page.unpublish_at is None or page.unpublish_at > now:
                continue
            page.is_published = False
            page.unpublish_at = None
            note_change(page, "Unpublished at the time set.")
            page.save()
            unpublished += 1
    return unpublished


def run_schedule(now: datetime | None = None) -> dict[str, int]:
    """The scheduler's clearance job for pages: approved changes due, then pages due to leave the site."""
    return {"page changes published": publish_due(now), "pages unpublished": unpublish_due(now)}
