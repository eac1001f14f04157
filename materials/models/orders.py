"""Orders for printed copies, their items, and the history of every status change.

The status moves only along ``Order.ALLOWED_TRANSITIONS`` and only through
``change_status`` (``rescue_restore.kernel.workflow``), which locks the row, writes a
history row and runs ``Order.on_status_change``: when an order is cancelled or
declined its reserved copies go back to stock.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from materials.models.catalog import Edition
from rescue_restore.i18n.languages import language_field
from rescue_restore.kernel.workflow import StatusHistory, StatusWorkflow, status_columns

# What the order form's one-time submission token looks like (secrets.token_urlsafe(24) makes one).
SUBMISSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


class OrganizationType(models.TextChoices):
    HEALTH_CARE = "health-care", _("Health care")
    SOCIAL_SERVICE = "social-service", _("Social service")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    FAITH_BASED = "faith-based", _("Faith-based")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class OrderQuerySet(models.QuerySet["Order"]):
    def held_for_review(self) -> OrderQuerySet:
        return self.filter(status=Order.Status.HELD_FOR_REVIEW)

    def to_ship(self) -> OrderQuerySet:
        return self.filter(status=Order.Status.APPROVED)

    def open(self) -> OrderQuerySet:
        return self.filter(status__in=Order.RESERVING_STATUSES)


class Order(StatusWorkflow, models.Model):
    # A context of their own: the catalogues merge, and other apps' "Approved" (a request) is feminine in Spanish.
    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("order status", "Received")
        HELD_FOR_REVIEW = "held-for-review", pgettext_lazy("order status", "Held for review")
        APPROVED = "approved", pgettext_lazy("order status", "Approved")
        SHIPPED = "shipped", pgettext_lazy("order status", "Shipped")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")
        DECLINED = "declined", pgettext_lazy("order status", "Declined")

    ALLOWED_TRANSITIONS = {
        Status.RECEIVED: {Status.APPROVED, Status.CANCELLED},
        Status.HELD_FOR_REVIEW: {Status.APPROVED, Status.DECLINED},
        Status.APPROVED: {Status.SHIPPED, Status.CANCELLED},
        Status.SHIPPED: set(),
        Status.CANCELLED: set(),
        Status.DECLINED: set(),
    }
    # Copies stay promised to an order in these statuses.
    RESERVING_STATUSES = {Status.RECEIVED, Status.HELD_FOR_REVIEW, Status.APPROVED}
    # Moving to these puts the order's copies back on the shelf.
    RETURNS_STOCK = {Status.CANCELLED, Status.DECLINED}

    # Written with the insert where the id comes from a sequence (PostgreSQL: place_order draws it
    # first); elsewhere NULL between the insert and the write of the reference inside place_order's
    # transaction. Unique allows many NULLs.
    reference = models.CharField(max_length=20, unique=True, null=True, editable=False)  # noqa: DJ001
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    submission_token = models.CharField(
        max_length=64, unique=True, editable=False, help_text=_("From the order form; a resubmission finds this order.")
    )
    name = models.CharField(max_length=100)
    organization = models.CharField(max_length=150, blank=True)
    organization_type = models.CharField(max_length=20, choices=OrganizationType.choices)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30)
    address_line1 = models.CharField(_("address line 1"), max_length=100)
    address_line2 = models.CharField(_("address line 2"), max_length=100, blank=True)
    city = models.CharField(max_length=60)
    state = models.CharField(_("state or territory"), max_length=2)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    intended_use = models.TextField(max_length=1000)
    language = language_field()
    needed_by = models.DateField(null=True, blank=True)
    review_reasons = models.TextField(blank=True, help_text=_("Why the order was held for review."))
    stock_returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    shipping_carrier = models.CharField(max_length=50, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by manage.py purge_personal_data (materials/retention.py) when the requester's details are erased.
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="order_status_created"),
            models.Index(fields=["shipped_at"], name="order_shipped_at"),
        ]
        permissions = [("view_distribution_report", "Can see the report of items shipped by month and state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["received", "held-for-review", "approved", "shipped", "cancelled", "declined"]),
                name="order_status_known",
            ),
            models.CheckConstraint(
                condition=Q(stock_returned_at__isnull=True) | Q(status__in=["cancelled", "declined"]),
                name="order_stock_returned_only_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(shipped_at__isnull=True) | Q(status="shipped"), name="order_shipped_at_only_when_shipped"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Order {self.pk}"

    def get_absolute_url(self) -> str:
        """The requester's private status page."""
        return reverse("materials:order_status", kwargs={"token": self.status_token})

    def reference_for_id(self) -> str:
        """The reference staff and requesters quote: RR-<year placed>-<id, six digits or more>."""
        return f"RR-{timezone.localdate(self.created_at).year}-{self.pk:06d}"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD_FOR_REVIEW

    # Fields a status change (or a correction) may set in the same locked write: shipping details.
    SET_WITH_STATUS = frozenset({"shipping_carrier", "tracking_number"})
    HISTORY_MODEL = "OrderStatusChange"

    def on_status_change(self, old_status: str, new_status: str, now: datetime) -> list[str]:
        """Shipping stamps ``shipped_at``; cancelling or declining returns the reserved copies, once."""
        if new_status == self.Status.SHIPPED:
            self.shipped_at = now
            return ["shipped_at"]
        if new_status in self.RETURNS_STOCK and self.stock_returned_at is None:
            from materials import stock  # stock.py works on these models: imported when first needed

            stock.give_back(dict(self.items.values_list("edition_id", "quantity")))
            self.stock_returned_at = now
            return ["stock_returned_at"]
        return []


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.PositiveIntegerField(help_text=_("Copies reserved for this order when it was placed."))

    class Meta:
        ordering = ["order", "edition__material__title", "edition__language"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_item_quantity_at_least_one"),
            models.UniqueConstraint(fields=["order", "edition"], name="order_item_one_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.edition.item_code}"


class OrderStatusChange(StatusHistory):
    """One row per status change, the order's creation included (from_status is empty)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status, to_status = status_columns(Order.Status)

    class Meta(StatusHistory.Meta):
        ordering = ["order", "changed_at", "pk"]
        verbose_name = _("order status change")

    def __str__(self) -> str:
        return f"{self.order}: {super().__str__()}"
