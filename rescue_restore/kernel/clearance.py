"""What every app's clearance shares: drafts' moves, the email to reviewers, the dashboard's list of what waits.

The statuses and the two-person rule live in ``rescue_restore.kernel.workflow``
(``ClearanceWorkflow``); drafts of live content (pages, materials) share their
model shape (``rescue_restore.kernel.drafts.Draft``) and their moves (``DraftClearance``
here): an app names its draft model and what publishing does to the item. An
app lists its items waiting for review in ``dashboard.waiting_for_clearance(request)``,
and the staff dashboard shows them all, oldest first, with how long each has waited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rescue_restore.accounts.roles import CONTENT_APPROVERS
from rescue_restore.i18n.languages import in_staff_language
from rescue_restore.kernel.workflow import Clearance, InvalidTransitionError
from rescue_restore.outbox.mail import queue_email

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # a staff user, in the annotations below

    from rescue_restore.kernel.drafts import Draft


@dataclass(frozen=True)
class WaitingItem:
    """One line of the dashboard's "Waiting for clearance"."""

    kind: str  # "Page change (Español)", "Bulletin"
    title: str
    url: str  # its page in the admin
    since: datetime  # when it was sent for review
    author: str


def reviewer_emails(permission: str, exclude_ids: Iterable[int] = ()) -> list[str]:
    """Active staff who hold ``permission`` (through a role, directly, or as superusers), except the authors.

    The division's inbox when nobody may approve yet, so a change never waits unseen.
    """
    app_label, codename = permission.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=granted) | Q(user_permissions__in=granted))
        .exclude(email="")
        .exclude(pk__in=exclude_ids)
    )
    emails = sorted(set(users.values_list("email", flat=True)))
    return emails or list(settings.STAFF_NOTIFY_EMAILS)


@in_staff_language
def notify_reviewers(
    *, kind: str, title: str, admin_path: str, author: str, permission: str, exclude_ids: Iterable[int] = ()
) -> Any:
    """One email to everyone who may approve the item (never its authors): something waits for them.

    Stored in the outbox in the caller's transaction and delivered after it commits.
    """
    return queue_email(
        "emails/review_waiting",
        {
            "kind": kind,
            "title": title,
            "author": author,
            "admin_url": f"{settings.SITE_URL}{admin_path}",
            "role": CONTENT_APPROVERS,
        },
        reviewer_emails(permission, exclude_ids),
    )


def person_name(user: User | None) -> str:
    if user is None:
        return "someone no longer on staff"
    return user.get_full_name() or user.get_username()


class _HistoryNotes(Protocol):
    """What django-simple-history reads off an instance when it writes the instance's history row."""

    _change_reason: str
    _history_user: User


def note_change(instance: models.Model, reason: str, *, by: User | None = None) -> None:
    """The reason (and, when known, the staff user) that the next save's history row records."""
    notes = cast(_HistoryNotes, instance)
    notes._change_reason = reason
    if by is not None:
        notes._history_user = by


def run_schedules(now: datetime | None = None) -> dict[str, int]:
    """Every app's scheduled clearance work (``clearance.run_schedule(now)`` in each app): ``{what: count}``."""
    from rescue_restore.kernel.discovery import app_modules

    done: dict[str, int] = {}
    for _app, module in app_modules("clearance"):
        if hasattr(module, "run_schedule"):
            done.update(module.run_schedule(now))
    return done


@dataclass(frozen=True)
class DraftClearance[D: Draft, S: models.Model]:
    """The moves of one app's drafts (a ``rescue_restore.kernel.drafts.Draft`` subclass), from start to publication.

    ``publish_to(draft, subject)`` writes the approved draft onto its subject (the
    page or material, locked and re-read for this) and saves it; it runs in the
    same transaction as the move to published, so the public site shows the old
    version or the new one, never a draft. ``kind`` names the item in the
    reviewers' email and on the dashboard ("page change").
    """

    draft_model: type[D]
    kind: str
    publish_to: Callable[[D, S], None]

    @property
    def subject_model(self) -> type[S]:
        return cast(type[S], self.draft_model._meta.get_field(self.draft_model.SUBJECT_FIELD).related_model)

    def admin_url(self, draft: D) -> str:
        opts = self.draft_model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.pk])

    def live_text(self, subject: S, language: str) -> dict[str, str]:
        """The subject's public text in ``language`` (empty strings where that language has none yet)."""
        return {field: getattr(subject, f"{field}_{language}", "") or "" for field in self.draft_model.TEXT_FIELDS}

    def start_draft(
        self, subject: S, language: str, *, by: User | None, text: dict[str, str] | None = None, note: str = ""
    ) -> D:
        """The open draft of ``subject`` in ``language``, created from the live text (or ``text``) if there is none.

        Idempotent for the live text: asking twice opens the same draft. With
        ``text`` (a rollback) an open draft already there is refused, so nobody's
        work in progress is overwritten.
        """
        if language not in dict(settings.LANGUAGES):
            raise InvalidTransitionError(f"{language!r} is not one of the site's languages.")
        subject_field = self.draft_model.SUBJECT_FIELD
        with transaction.atomic():
            type(subject)._default_manager.select_for_update().get(pk=subject.pk)
            existing: D | None = (
                self.draft_model.objects.open().filter(**{subject_field: subject}, language=language).first()
            )
            if existing is not None:
                if text is not None:
                    raise InvalidTransitionError(
                        f"This {subject._meta.verbose_name} already has an open draft in this language. "
                        "Finish it or delete it, then roll back."
                    )
                return existing
            source = text if text is not None else self.live_text(subject, language)
            if not source["title"]:
                # No text in this language yet: the translator starts from the default language's.
                source = self.live_text(subject, settings.LANGUAGE_CODE)
            draft = cast(
                D,
                self.draft_model.objects.create(**{subject_field: subject}, language=language, created_by=by, **source),
            )
            if by is not None:
                draft.edited_by.add(by)
            self.draft_model.history_model()._default_manager.create(
                **{self.draft_model._history_subject_field(): draft},
                changed_by=by,
                from_status="",
                to_status=Clearance.DRAFT,
                note=note or "Draft started.",
            )
        return draft

    @staticmethod
    def record_edit(draft: Draft, *, by: User) -> None:
        """``by`` saved the draft: they are one of its authors and may no longer approve it."""
        draft.edited_by.add(by)

    def submit_for_review(self, draft: D, *, by: User | None) -> D:
        """Draft → in review; every approver except the authors gets one email (through the outbox)."""
        with transaction.atomic():
            draft.change_status(Clearance.IN_REVIEW, by=by, note="Sent for review.")
            notify_reviewers(
                kind=f"{self.kind} ({draft.get_language_display()})",
                title=draft.title,
                admin_path=self.admin_url(draft),
                author=person_name(by),
                permission=self.draft_model.APPROVE_PERMISSION,
                exclude_ids=draft.author_ids(),
            )
        return draft

    def approve(self, draft: D, *, by: User | None, note: str = "") -> D:
        """In review → approved, by a second person; published at once unless a later ``publish_at`` is set.

        Atomic: an approval that publishes moves twice (two history rows) and
        changes the subject in one transaction.
        """
        with transaction.atomic():
            draft.change_status(Clearance.APPROVED, by=by, note=note or "Approved.")
            if draft.publish_at is None or draft.publish_at <= timezone.now():
                self.publish(draft, by=by)
        return draft

    @staticmethod
    def send_back[T: Draft](draft: T, *, by: User | None, reason: str) -> T:
        """In review or approved → draft, with the reason the author reads."""
        return draft.change_status(Clearance.DRAFT, by=by, note=reason)

    def publish(self, draft: D, *, by: User | None = None, note: str = "") -> D:
        """Approved → published: the draft becomes the subject's public version, in one transaction.

        ``by`` is None when the scheduler publishes at the set time.
        """
        with transaction.atomic():
            draft.change_status(Clearance.PUBLISHED, by=by, note=note or "Published.")
            subject = self.subject_model._default_manager.select_for_update().get(pk=draft.subject.pk)
            note_change(subject, f"Published draft #{draft.pk} ({draft.get_language_display()})", by=by)
            self.publish_to(draft, subject)
        return draft

    @staticmethod
    def write_text(draft: Draft, subject: Any) -> list[str]:
        """The draft's text onto ``subject`` in the draft's language (not saved); returns the fields set.

        A draft in the default language of an item not yet on the site puts it on the
        site: a new page or material goes public only through a cleared draft.
        """
        fields = []
        for field, value in draft.text().items():
            setattr(subject, f"{field}_{draft.language}", value)
            fields.append(f"{field}_{draft.language}")
        if draft.language == settings.LANGUAGE_CODE and not subject.is_published:
            subject.is_published = True
            subject.publication_date = min(subject.publication_date, timezone.localdate())
            fields += ["is_published", "publication_date"]
        return fields

    def publish_due(self, now: datetime | None = None) -> int:
        """Publish every approved draft whose ``publish_at`` has come; returns how many (scheduler job).

        Each draft moves under its own row lock, so a second scheduler or a
        reviewer's click at the same moment finds it published and skips it.
        """
        published = 0
        for draft in self.draft_model.objects.due_for_publication(now).order_by("publish_at", "pk"):
            try:
                self.publish(draft, note="Published at the time set.")
            except InvalidTransitionError:
                continue  # published (or sent back) by someone else meanwhile
            published += 1
        return published

    def roll_back(self, subject: S, revision: Any, language: str, *, by: User | None) -> D:
        """A new draft holding ``revision``'s text (a row of the subject's history) in ``language``.

        The old text goes through the same clearance as any change: nothing is public until approved.
        """
        text = {field: getattr(revision, f"{field}_{language}", "") or "" for field in self.draft_model.TEXT_FIELDS}
        if not text["title"]:
            raise InvalidTransitionError("That revision has no text in this language.")
        when = timezone.localtime(revision.history_date).strftime("%B %-d, %Y %H:%M")
        return self.start_draft(subject, language, by=by, text=text, note=f"Rolled back to the revision of {when}.")

    def waiting(self, limit: int = 50) -> list[WaitingItem]:
        """Drafts waiting for a reviewer, oldest first."""
        drafts = (
            self.draft_model.objects.waiting_for_review().select_related("created_by").order_by("submitted_at")[:limit]
        )
        return [
            WaitingItem(
                kind=f"{self.kind.capitalize()} ({draft.get_language_display()})",
                title=draft.title,
                url=self.admin_url(draft),
                since=draft.submitted_at or draft.updated_at,
                author=person_name(draft.created_by),
            )
            for draft in drafts
        ]
