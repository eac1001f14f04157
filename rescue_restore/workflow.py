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

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATUS_MAX_LENGTH = 30


class InvalidTransitionError(ValueError):
    """A status change the model's transition table does not allow (or a rule of the app refuses)."""


def status_columns(status_choices):
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

    def __str__(self):
        before = self.get_from_status_display() or "new"
        return f"{before} → {self.get_to_status_display()}"


class StatusWorkflow:
    """Mixin for a model whose status moves along ``ALLOWED_TRANSITIONS``."""

    STATUS_FIELD = "status"
    ALLOWED_TRANSITIONS = {}
    # The history model's name (in the same app) or "app_label.ModelName".
    HISTORY_MODEL = ""
    # Fields a caller may set in the same locked write as the status (``updates=``).
    SET_WITH_STATUS = frozenset()
    # A move to the status the row already has does nothing (no history row) instead of raising.
    UNCHANGED_IS_NOOP = False

    def on_status_change(self, old_status, new_status, now):
        """Hook: side effects on the locked row before it is saved; returns the extra fields it set."""
        return ()

    def check_status_change(self, old_status, new_status, *, by, note):
        """Hook, called on the locked row: raise ``InvalidTransitionError`` to refuse a move the table allows."""

    @property
    def current_status(self):
        return getattr(self, self.STATUS_FIELD)

    def allowed_next_statuses(self):
        return sorted(self.ALLOWED_TRANSITIONS[self.current_status])

    def can_become(self, new_status):
        return new_status in self.ALLOWED_TRANSITIONS[self.current_status]

    def change_status(self, new_status, *, by=None, note="", updates=None):
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

    change_status.alters_data = True

    def record_note(self, note, *, by=None, updates=None):
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

    record_note.alters_data = True

    # The mechanism's parts.

    @classmethod
    def history_model(cls):
        name = cls.HISTORY_MODEL
        return apps.get_model(name) if "." in name else apps.get_model(cls._meta.app_label, name)

    @classmethod
    def _history_subject_field(cls):
        for field in cls.history_model()._meta.concrete_fields:
            if field.is_relation and field.related_model is cls:
                return field.name
        raise LookupError(f"{cls.HISTORY_MODEL} has no foreign key to {cls.__name__}")

    def _locked(self):
        return type(self)._default_manager.select_for_update().get(pk=self.pk)

    def _checked_updates(self, updates):
        updates = updates or {}
        if not set(updates) <= set(self.SET_WITH_STATUS):
            raise ValueError(f"A status change cannot set {sorted(set(updates) - set(self.SET_WITH_STATUS))}")
        return updates

    @staticmethod
    def _apply(locked, updates):
        for field, value in updates.items():
            setattr(locked, field, value)
        return list(updates)

    def _auto_now_fields(self):
        return [field.name for field in self._meta.concrete_fields if getattr(field, "auto_now", False)]

    def _write_history(self, locked, old_status, new_status, by, note):
        self.history_model().objects.create(
            **{self._history_subject_field(): locked},
            changed_by=by,
            from_status=old_status,
            to_status=new_status,
            note=note,
        )

    def _refusal(self, locked, old_status, new_status):
        labels = dict(self._meta.get_field(self.STATUS_FIELD).flatchoices)
        allowed = sorted(self.ALLOWED_TRANSITIONS[old_status])
        allowed_text = ", ".join(str(labels[status]).lower() for status in allowed) or "nothing"
        return (
            f"{self._meta.verbose_name.capitalize()} {locked} is {str(labels[old_status]).lower()} and cannot be "
            f"{str(labels.get(new_status, new_status)).lower()} (it can become: {allowed_text})."
        )

    def _copy_from(self, locked, fields):
        for field in fields:
            setattr(self, field, getattr(locked, field))
        return self


class Clearance(models.TextChoices):
    """The statuses of content that needs a second person's approval before it goes public."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


CLEARANCE_TRANSITIONS = {
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

    APPROVE_PERMISSION = ""
    APPROVED_STATUS = Clearance.APPROVED
    DRAFT_STATUS = Clearance.DRAFT

    def author_ids(self):
        """Everyone who wrote or edited this item: they may not approve it."""
        ids = set(self.edited_by.values_list("pk", flat=True))
        if self.created_by_id:
            ids.add(self.created_by_id)
        return ids

    def may_approve(self, user):
        """Whether ``user`` may approve: the approver's permission, and not one of the authors."""
        return (
            user is not None
            and user.is_active
            and user.has_perm(self.APPROVE_PERMISSION)
            and user.pk not in self.author_ids()
        )

    def check_status_change(self, old_status, new_status, *, by, note):
        if new_status == self.APPROVED_STATUS:
            if by is None or not by.has_perm(self.APPROVE_PERMISSION):
                raise InvalidTransitionError("Only a content approver can approve this.")
            if by.pk in self.author_ids():
                raise InvalidTransitionError(
                    "You wrote or edited this, so a second person must approve it (the two-person rule)."
                )
        if new_status == self.DRAFT_STATUS and old_status != self.DRAFT_STATUS and not (note or "").strip():
            raise InvalidTransitionError("Say why it goes back to draft: the author reads this reason.")
