"""The shape every clearance draft shares: a proposed change to one language of a public item.

A concrete draft (``campaign.PageDraft``, ``materials.MaterialDraft``) subclasses
``Draft``, adds a foreign key to what it changes (named in ``SUBJECT_FIELD``) and
its text fields (named in ``TEXT_FIELDS``), and declares its history model and
approve permission. The statuses, the two-person rule and the history rows are the
workflow kernel's (``rescue_restore.kernel.workflow.ClearanceWorkflow``); what a draft does
when it is published is its app's (``rescue_restore.kernel.clearance.DraftClearance``).
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rescue_restore.kernel.revisions import normalize_line_endings
from rescue_restore.kernel.workflow import CLEARANCE_TRANSITIONS, Clearance, ClearanceWorkflow


class DraftQuerySet(models.QuerySet[Any]):  # shared by every concrete draft model
    def open(self) -> "DraftQuerySet":
        """Drafts not yet published: being written, waiting for review, or approved and waiting to go out."""
        return self.exclude(status=Clearance.PUBLISHED)

    def waiting_for_review(self) -> "DraftQuerySet":
        return self.filter(status=Clearance.IN_REVIEW)

    def due_for_publication(self, now: datetime | None = None) -> "DraftQuerySet":
        return self.filter(status=Clearance.APPROVED, publish_at__lte=now or timezone.now())


class Draft(ClearanceWorkflow, models.Model):
    """A proposed change to one language of an item; the item stays as it is until the draft is published.

    Each language has its own draft and its own status, so the Spanish text can
    wait for review while the English one is public (docs/clearance.md).
    """

    ALLOWED_TRANSITIONS = CLEARANCE_TRANSITIONS
    SET_WITH_STATUS = frozenset({"publish_at"})
    SUBJECT_FIELD = ""  # the foreign key to the page or material the draft changes
    TEXT_FIELDS: tuple[str, ...] = ()  # the subject's translated fields the draft proposes
    MULTILINE_FIELDS: tuple[str, ...] = ()  # stored with LF line endings whatever the browser posted
    if TYPE_CHECKING:
        title: str  # every concrete draft's first text field

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Clearance.choices, default=Clearance.DRAFT, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    edited_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("edited by"), related_name="+", blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True, editable=False)
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Once approved, the change goes public at this time. Empty: a reviewer publishes it."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_language_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        for field in self.MULTILINE_FIELDS:
            setattr(self, field, normalize_line_endings(getattr(self, field)))
        super().save(*args, **kwargs)

    @property
    def subject(self) -> models.Model:
        """The page or material this draft changes."""
        subject: models.Model = getattr(self, self.SUBJECT_FIELD)
        return subject

    def text(self) -> dict[str, str]:
        """The draft's proposed text, ``{field: value}`` in ``TEXT_FIELDS`` order."""
        return {field: getattr(self, field) or "" for field in self.TEXT_FIELDS}

    def on_status_change(self, old_status: str, new_status: str, now: datetime) -> list[str]:
        if new_status == Clearance.IN_REVIEW:
            self.submitted_at = now
            return ["submitted_at"]
        if new_status == Clearance.PUBLISHED:
            self.published_at = now
            return ["published_at"]
        return []
