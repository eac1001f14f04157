"""The one workflow kernel: every status in every app moves through ``StatusWorkflow.change_status``.

A model with a status declares three things and nothing else of the mechanism::

    class Order(StatusWorkflow, models.Model):
        ALLOWED_TRANSITIONS = {Status.RECEIVED: {Status.APPROVED, Status.CANCELLED}, ...}
        HISTORY_MODEL = "OrderStatusChange"          # a StatusHistory subclass with a FK to Order

        def on_status_change(self, old_status, new_status, now):
            ...                                          # side effects on the locked row
            return ["shipped_at"]                        # the extra fields it set

    class OrderStatusChange(StatusHistory):
        order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
        from_status, to_status = status_columns(Order.Status)

``change_status`` locks the row (``select_for_update``), checks the table,
runs the hook, saves with ``update_fields`` and writes exactly one history row,
all in one transaction; a move the table forbids raises ``InvalidTransitionError``
and changes nothing. A model may also refuse a move the table allows, under the
same lock, in ``check_status_change`` (who is asking, whether a reason was given).

Clearance (``ClearanceWorkflow``) is the shared rule for content that goes public
or out to subscribers: draft → in review → approved → published (or sent), back
to draft with a reason, and approval by a second person: someone holding the
model's approve permission who neither created nor edited the item.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models.fields.related_descriptors import ManyRelatedManager
    from django_stubs_ext import StrOrPromise

    # For the type checker the mixins are what they always join: a model (every user writes
    # ``class Order(StatusWorkflow, models.Model)``), so ``self.pk``, ``self._meta`` and ``save`` are known.
    _ModelMixinBase = models.Model
else:
    _ModelMixinBase = object

# ``by``: the staff user who acts, or None for the person, the provider or a scheduled job.
type Actor = User | None

STATUS_MAX_LENGTH = 30


class InvalidTransitionError(ValueError):
    """A status change the model's transition table does not allow (or a rule of the app refuses)."""


def status_columns(
    status_choices: type[models.TextChoices],
) -> tuple[models.CharField[str, str], models.CharField[str, str]]:
    """``from_status`` and ``to_status`` for a history model, showing the subject's labels."""
    return (
        models.CharField(max_length=STATUS_MAX_LENGTH, choices=status_choices.choices, blank=True),
        models.CharField(max_length=STATUS_MAX_LENGTH, choices=status_choices.choices),
    )


class StatusHistory(models.Model):
    """One row per status change (or note): who, when, from, to, why.

    ``changed_by`` is empty when the person themselves, the provider or a
    scheduled job made the change. An empty ``from_status`` is the row's
    creation; ``from_status == to_status`` is a note without a move.
    """

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=STATUS_MAX_LENGTH, blank=True)
    to_status = models.CharField(max_length=STATUS_MAX_LENGTH)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    if TYPE_CHECKING:  # each concrete history model gives the two columns its subject's choices

        def get_from_status_display(self) -> str: ...
        def get_to_status_display(self) -> str: ...

    def __str__(self) -> str:
        before = self.get_from_status_display() or "new"
        return f"{before} → {self.get_to_status_display()}"


class StatusWorkflow(_ModelMixinBase):
    """Mixin for a model whose status moves along ``ALLOWED_TRANSITIONS``."""

    STATUS_FIELD: ClassVar[str] = "status"
    ALLOWED_TRANSITIONS: ClassVar[Mapping[str, Iterable[str]]] = {}
    # The history model's name (in the same app) or "app_label.ModelName".
    HISTORY_MODEL: ClassVar[str] = ""
    # Fields a caller may set in the same locked write as the status (``updates=``).
    SET_WITH_STATUS: ClassVar[Iterable[str]] = frozenset()
    # A move to the status the row already has does nothing (no history row) instead of raising.
    UNCHANGED_IS_NOOP: ClassVar[bool] = False

    def on_status_change(self, old_status: str, new_status: str, now: datetime.datetime) -> Iterable[str]:
        """Hook: side effects on the locked row before it is saved; returns the extra fields it set."""
        return ()

    def check_status_change(self, old_status: str, new_status: str, *, by: Actor, note: StrOrPromise) -> None:
        """Hook, called on the locked row: raise ``InvalidTransitionError`` to refuse a move the table allows."""

    @property
    def current_status(self) -> str:
        return cast(str, getattr(self, self.STATUS_FIELD))

    def allowed_next_statuses(self) -> list[str]:
        return sorted(self.ALLOWED_TRANSITIONS[self.current_status])

    def can_become(self, new_status: str) -> bool:
        return new_status in self.ALLOWED_TRANSITIONS[self.current_status]

    def change_status(
        self, new_status: str, *, by: Actor = None, note: StrOrPromise = "", updates: Mapping[str, object] | None = None
    ) -> Self:
        """Move to ``new_status`` or raise ``InvalidTransitionError``; returns ``self``, refreshed.

        Atomic, under a row lock, so two people (or workers) acting at once
        cannot both make the move. ``by`` is the staff user (None for the
        person, the provider or a job); ``note`` says why; ``updates`` sets
        fields named in ``SET_WITH_STATUS`` in the same write.
        """
        updates = self._checked_updates(updates)
        with transaction.atomic():
            locked = self._locked()
            old_status = getattr(locked, self.STATUS_FIELD)
            if new_status == old_status and self.UNCHANGED_IS_NOOP:
                return self._copy_from(locked, [self.STATUS_FIELD])
            if new_status not in self.ALLOWED_TRANSITIONS[old_status]:
                raise InvalidTransitionError(self._refusal(locked, old_status, new_status))
            locked.check_status_change(old_status, new_status, by=by, note=note)
            setattr(locked, self.STATUS_FIELD, new_status)
            now = timezone.now()
            fields = [self.STATUS_FIELD, *self._apply(locked, updates)]
            fields += [field for field in locked.on_status_change(old_status, new_status, now) if field not in fields]
            locked.save(update_fields=[*fields, *self._auto_now_fields()])
            self._write_history(locked, old_status, new_status, by, note)
        return self._copy_from(locked, [*fields, *self._auto_now_fields()])

    change_status.alters_data = True  # type: ignore[attr-defined]

    def record_note(self, note: StrOrPromise, *, by: Actor = None, updates: Mapping[str, object] | None = None) -> Self:
        """A history row without a move (``from_status == to_status``), under the same row lock."""
        updates = self._checked_updates(updates)
        with transaction.atomic():
            locked = self._locked()
            fields = self._apply(locked, updates)
            if fields:
                locked.save(update_fields=[*fields, *self._auto_now_fields()])
            status = getattr(locked, self.STATUS_FIELD)
            self._write_history(locked, status, status, by, note)
        return self._copy_from(locked, [*fields, *self._auto_now_fields()])

    record_note.alters_data = True  # type: ignore[attr-defined]

    # The mechanism's parts.

    @classmethod
    def history_model(cls) -> type[StatusHistory]:
        return cls._history_relation()[0]

    @classmethod
    def _history_subject_field(cls) -> str:
        return cls._history_relation()[1]

    @classmethod
    def _history_relation(cls) -> tuple[type[StatusHistory], str]:
        """The history model and the name of its foreign key to this model, found once per model class."""
        relation = _HISTORY_RELATIONS.get(cls)
        if relation is None:
            name = cls.HISTORY_MODEL
            history = apps.get_model(name) if "." in name else apps.get_model(cls._meta.app_label, name)
            subject_field = next(
                (f.name for f in history._meta.concrete_fields if f.is_relation and f.related_model is cls), None
            )
            if subject_field is None:
                raise LookupError(f"{cls.HISTORY_MODEL} has no foreign key to {cls.__name__}")
            relation = _HISTORY_RELATIONS[cls] = (cast(type[StatusHistory], history), subject_field)
        return relation

    def _locked(self) -> Self:
        return type(self)._default_manager.select_for_update().get(pk=self.pk)

    def _checked_updates(self, updates: Mapping[str, object] | None) -> Mapping[str, object]:
        updates = updates or {}
        if not set(updates) <= set(self.SET_WITH_STATUS):
            raise ValueError(f"A status change cannot set {sorted(set(updates) - set(self.SET_WITH_STATUS))}")
        return updates

    @staticmethod
    def _apply(locked: models.Model, updates: Mapping[str, object]) -> list[str]:
        for field, value in updates.items():
            setattr(locked, field, value)
        return list(updates)

    def _auto_now_fields(self) -> list[str]:
        return [field.name for field in self._meta.concrete_fields if getattr(field, "auto_now", False)]

    def _write_history(self, locked: Self, old_status: str, new_status: str, by: Actor, note: StrOrPromise) -> None:
        self.history_model()._default_manager.create(
            **{self._history_subject_field(): locked},
            changed_by=by,
            from_status=old_status,
            to_status=new_status,
            note=str(note),
        )

    def _refusal(self, locked: Self, old_status: str, new_status: str) -> str:
        labels = dict(cast("models.Field[str, str]", self._meta.get_field(self.STATUS_FIELD)).flatchoices)
        allowed = sorted(self.ALLOWED_TRANSITIONS[old_status])
        allowed_text = ", ".join(str(labels[status]).lower() for status in allowed) or "nothing"
        return (
            f"{str(self._meta.verbose_name).capitalize()} {locked} is {str(labels[old_status]).lower()} and cannot be "
            f"{str(labels.get(new_status, new_status)).lower()} (it can become: {allowed_text})."
        )

    def _copy_from(self, locked: Self, fields: Iterable[str]) -> Self:
        for field in fields:
            setattr(self, field, getattr(locked, field))
        return self


class Clearance(models.TextChoices):
    """The statuses of content that needs a second person's approval before it goes public."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


# Filled by ``StatusWorkflow._history_relation``: model class -> (history model, its foreign key's name).
_HISTORY_RELATIONS: dict[type[StatusWorkflow], tuple[type[StatusHistory], str]] = {}


CLEARANCE_TRANSITIONS: dict[str, set[str]] = {
    Clearance.DRAFT: {Clearance.IN_REVIEW},
    Clearance.IN_REVIEW: {Clearance.APPROVED, Clearance.DRAFT},
    Clearance.APPROVED: {Clearance.PUBLISHED, Clearance.DRAFT},
    Clearance.PUBLISHED: set(),
}


class ClearanceWorkflow(StatusWorkflow):
    """A ``StatusWorkflow`` whose approval needs a second person (docs/clearance.md).

    The model declares ``APPROVE_PERMISSION`` ("app.codename"), has a
    ``created_by`` foreign key and an ``edited_by`` many-to-many of users
    (everyone who saved its text). Moving to ``APPROVED_STATUS`` needs ``by``
    to hold the permission and to be none of those people, even when they also
    hold the approver's role; moving back to ``DRAFT_STATUS`` needs a reason.
    """

    APPROVE_PERMISSION: ClassVar[str] = ""
    APPROVED_STATUS: ClassVar[str] = Clearance.APPROVED
    DRAFT_STATUS: ClassVar[str] = Clearance.DRAFT

    if TYPE_CHECKING:  # what every clearance model declares
        created_by_id: int | None
        edited_by: ManyRelatedManager[User, Any]  # the through model differs per model

    def author_ids(self) -> set[int]:
        """Everyone who wrote or edited this item: they may not approve it."""
        ids = set(self.edited_by.values_list("pk", flat=True))
        if self.created_by_id:
            ids.add(self.created_by_id)
        return ids

    def may_approve(self, user: User | AnonymousUser | None) -> bool:
        """Whether ``user`` may approve: the approver's permission, and not one of the authors."""
        return (
            user is not None
            and user.is_active
            and user.has_perm(self.APPROVE_PERMISSION)
            and user.pk not in self.author_ids()
        )

    def check_status_change(self, old_status: str, new_status: str, *, by: Actor, note: StrOrPromise) -> None:
        if new_status == self.APPROVED_STATUS:
            if by is None or not by.has_perm(self.APPROVE_PERMISSION):
                raise InvalidTransitionError("Only a content approver can approve this.")
            if by.pk in self.author_ids():
                raise InvalidTransitionError(
                    "You wrote or edited this, so a second person must approve it (the two-person rule)."
                )
        if new_status == self.DRAFT_STATUS and old_status != self.DRAFT_STATUS and not (note or "").strip():
            raise InvalidTransitionError("Say why it goes back to draft: the author reads this reason.")
