"""Changes to live pages: a draft per language, cleared by a second person, then published (docs/clearance.md).

Every move goes through the workflow kernel (``PageDraft.change_status``):
history rows, row lock, the two-person rule. The page itself changes only in
``publish``, which copies the draft's text onto it in the same transaction as
the move, so the public site shows either the old text or the new, never a
draft. Saving the page empties the page cache (``rescue_restore.pagecache``
listens to every save), so the public sees the change at once.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign.models import Page, PageDraft
from rescue_restore.clearance import WaitingItem, notify_reviewers, person_name
from rescue_restore.workflow import Clearance, InvalidTransitionError

TEXT_FIELDS = ("title", "summary", "body")


def live_text(page, language):
    """The page's public text in ``language`` (empty strings where that language has none yet)."""
    return {field: getattr(page, f"{field}_{language}", "") or "" for field in TEXT_FIELDS}


def start_draft(page, language, *, by, text=None, note=""):
    """The open draft of ``page`` in ``language``, created from the live text (or ``text``) if there is none.

    Idempotent for the live text: asking twice opens the same draft. With
    ``text`` (a rollback) an open draft already there is refused, so nobody's
    work in progress is overwritten.
    """
    if language not in dict(settings.LANGUAGES):
        raise InvalidTransitionError(f"{language!r} is not one of the site's languages.")
    with transaction.atomic():
        Page.objects.select_for_update().get(pk=page.pk)
        existing = page.drafts.open().filter(language=language).first()
        if existing is not None:
            if text is not None:
                raise InvalidTransitionError(
                    "This page already has an open draft in this language. Finish it or delete it, then roll back."
                )
            return existing
        source = text if text is not None else live_text(page, language)
        if not source["title"]:
            # No text in this language yet: the translator starts from the default language's.
            source = live_text(page, settings.LANGUAGE_CODE)
        draft = PageDraft.objects.create(page=page, language=language, created_by=by, **source)
        if by is not None:
            draft.edited_by.add(by)
        PageDraft.history_model().objects.create(
            draft=draft, changed_by=by, from_status="", to_status=Clearance.DRAFT, note=note or "Draft started."
        )
    return draft


def record_edit(draft, *, by):
    """``by`` saved the draft's text: they are one of its authors and may no longer approve it."""
    draft.edited_by.add(by)


def submit_for_review(draft, *, by):
    """Draft → in review; every approver except the authors gets one email (through the outbox)."""
    with transaction.atomic():
        draft.change_status(Clearance.IN_REVIEW, by=by, note="Sent for review.")
        notify_reviewers(
            kind=f"page change ({draft.get_language_display()})",
            title=draft.title,
            admin_path=reverse("admin:campaign_pagedraft_change", args=[draft.pk]),
            author=person_name(by),
            permission=PageDraft.APPROVE_PERMISSION,
            exclude_ids=draft.author_ids(),
        )
    return draft


def approve(draft, *, by, note=""):
    """In review → approved, by a second person; published at once unless a later ``publish_at`` is set.

    Atomic: an approval that publishes moves twice (two history rows) and
    changes the page in one transaction.
    """
    with transaction.atomic():
        draft.change_status(Clearance.APPROVED, by=by, note=note or "Approved.")
        if draft.publish_at is None or draft.publish_at <= timezone.now():
            publish(draft, by=by)
    return draft


def send_back(draft, *, by, reason):
    """In review or approved → draft, with the reason the author reads."""
    return draft.change_status(Clearance.DRAFT, by=by, note=reason)


def publish(draft, *, by=None, note=""):
    """Approved → published: the draft's text becomes the page's text in its language, in one transaction.

    An English draft of a page not yet on the site puts it on the site.
    ``by`` is None when the scheduler publishes at the set time.
    """
    with transaction.atomic():
        draft.change_status(Clearance.PUBLISHED, by=by, note=note or "Published.")
        page = Page.objects.select_for_update().get(pk=draft.page_id)
        for field in TEXT_FIELDS:
            setattr(page, f"{field}_{draft.language}", getattr(draft, field))
        if draft.language == settings.LANGUAGE_CODE and not page.is_published:
            page.is_published = True
            page.publication_date = min(page.publication_date, timezone.localdate())
        page._change_reason = f"Published draft #{draft.pk} ({draft.get_language_display()})"
        if by is not None:
            page._history_user = by
        page.save()
    return draft


def publish_due(now=None):
    """Publish every approved draft whose ``publish_at`` has come; returns how many (scheduler job).

    Each draft moves under its own row lock, so a second scheduler or a
    reviewer's click at the same moment finds it published and skips it.
    """
    published = 0
    for draft in PageDraft.objects.due_for_publication(now).order_by("publish_at", "pk"):
        try:
            publish(draft, note="Published at the time set.")
        except InvalidTransitionError:
            continue  # published (or sent back) by someone else meanwhile
        published += 1
    return published


def unpublish_due(now=None):
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
            page._change_reason = "Unpublished at the time set."
            page.save()
            unpublished += 1
    return unpublished


def roll_back(page, revision, language, *, by):
    """A new draft holding ``revision``'s text (a row of the page's history) in ``language``.

    The old text goes through the same clearance as any change: nothing is public until approved.
    """
    text = {field: getattr(revision, f"{field}_{language}", "") or "" for field in TEXT_FIELDS}
    if not text["title"]:
        raise InvalidTransitionError("That revision has no text in this language.")
    when = timezone.localtime(revision.history_date).strftime("%B %-d, %Y %H:%M")
    return start_draft(page, language, by=by, text=text, note=f"Rolled back to the revision of {when}.")


def waiting(limit=50):
    """Page changes waiting for a reviewer, oldest first."""
    drafts = PageDraft.objects.waiting_for_review().select_related("created_by").order_by("submitted_at")[:limit]
    return [
        WaitingItem(
            kind=f"Page change ({draft.get_language_display()})",
            title=draft.title,
            url=reverse("admin:campaign_pagedraft_change", args=[draft.pk]),
            since=draft.submitted_at or draft.updated_at,
            author=person_name(draft.created_by),
        )
        for draft in drafts
    ]


def run_schedule(now=None):
    """The scheduler's clearance job for pages: approved changes due, then pages due to leave the site."""
    return {"page changes published": publish_due(now), "pages unpublished": unpublish_due(now)}
