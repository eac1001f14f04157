"""Orders for printed copies, their items, and the history of every status change.

The status moves only along ``Order.ALLOWED_TRANSITIONS`` and only through
``Order.change_status``, which locks the row, writes a history row and, when
an order is cancelled or declined, returns its reserved copies to stock.
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from materials.models.catalog import Edition
from rescue_restore.languages import language_field


def new_status_token():
    return secrets.token_urlsafe(32)


class InvalidTransitionError(ValueError):
    """A status change the transition table does not allow."""


class OrganizationType(models.TextChoices):
    HEALTH_CARE = "health-care", "Health care"
    SOCIAL_SERVICE = "social-service", "Social service"
    LAW_ENFORCEMENT = "law-enforcement", "Law enforcement"
    FAITH_BASED = "faith-based", "Faith-based"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


class OrderQuerySet(models.QuerySet):
    def held_for_review(self):
        return self.filter(status=Order.Status.HELD_FOR_REVIEW)

    def to_ship(self):
        return self.filter(status=Order.Status.APPROVED)

    def open(self):
        return self.filter(status__in=Order.RESERVING_STATUSES)


class Order(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        HELD_FOR_REVIEW = "held-for-review", "Held for review"
        APPROVED = "approved", "Approved"
        SHIPPED = "shipped", "Shipped"
        CANCELLED = "cancelled", "Cancelled"
        DECLINED = "declined", "Declined"

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

    # NULL only between the insert and the write of the reference (it needs the
    # primary key) inside place_order's transaction; unique allows many NULLs.
    reference = models.CharField(max_length=20, unique=True, null=True, editable=False)  # noqa: DJ001
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    submission_token = models.CharField(
        max_length=64, unique=True, editable=False, help_text="From the order form; a resubmission finds this order."
    )
    name = models.CharField(max_length=100)
    organization = models.CharField(max_length=150, blank=True)
    organization_type = models.CharField(max_length=20, choices=OrganizationType.choices)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30)
    address_line1 = models.CharField("address line 1", max_length=100)
    address_line2 = models.CharField("address line 2", max_length=100, blank=True)
    city = models.CharField(max_length=60)
    state = models.CharField("state or territory", max_length=2)
    zip_code = models.CharField("ZIP code", max_length=10)
    intended_use = models.TextField(max_length=1000)
    language = language_field()
    needed_by = models.DateField(null=True, blank=True)
    review_reasons = models.TextField(blank=True, help_text="Why the order was held for review.")
    stock_returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    shipping_carrier = models.CharField(max_length=50, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

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

    def __str__(self):
        return self.reference or f"Order {self.pk}"

    def get_absolute_url(self):
        """The requester's private status page."""
        return reverse("materials:order_status", kwargs={"token": self.status_token})

    @property
    def is_held(self):
        return self.status == self.Status.HELD_FOR_REVIEW

    def allowed_next_statuses(self):
        return sorted(self.ALLOWED_TRANSITIONS[self.Status(self.status)])

    # Fields a status change may set in the same locked write (shipping details).
    SET_WITH_STATUS = {"shipping_carrier", "tracking_number"}

    def change_status(self, new_status, *, by=None, note="", updates=None):
        """Move the order to ``new_status`` or raise ``InvalidTransitionError``.

        Atomic, under a row lock on the order (two staff clicking at once
        cannot both ship it). Cancelling or declining returns the reserved
        copies to stock, once. Shipping stamps ``shipped_at``. ``updates``
        (only fields in ``SET_WITH_STATUS``) are saved in the same write.
        Writes an ``OrderStatusChange``.
        """
        new_status = self.Status(new_status)
        updates = updates or {}
        if not set(updates) <= self.SET_WITH_STATUS:
            raise ValueError(f"change_status cannot set {sorted(set(updates) - self.SET_WITH_STATUS)}")
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=self.pk)
            old_status = self.Status(locked.status)
            if new_status not in self.ALLOWED_TRANSITIONS[old_status]:
                allowed_now = sorted(self.ALLOWED_TRANSITIONS[old_status])
                allowed = ", ".join(status.label.lower() for status in allowed_now) or "nothing"
                raise InvalidTransitionError(
                    f"Order {locked} is {old_status.label.lower()} and cannot be {new_status.label.lower()} "
                    f"(it can become: {allowed})."
                )
            locked.status = new_status
            fields = ["status", "updated_at"]
            for field, value in updates.items():
                setattr(locked, field, value)
                fields.append(field)
            if new_status == self.Status.SHIPPED:
                locked.shipped_at = timezone.now()
                fields.append("shipped_at")
            if new_status in self.RETURNS_STOCK and locked.stock_returned_at is None:
                _return_stock(locked)
                locked.stock_returned_at = timezone.now()
                fields.append("stock_returned_at")
            locked.save(update_fields=fields)
            OrderStatusChange.objects.create(
                order=locked, from_status=old_status, to_status=new_status, changed_by=by, note=note
            )
        for field in ["status", "stock_returned_at", "shipped_at", "updated_at", *updates]:
            setattr(self, field, getattr(locked, field))

    change_status.alters_data = True


def _return_stock(order):
    """Add the order's quantities back to its editions (rows locked in pk order)."""
    quantities = dict(order.items.values_list("edition_id", "quantity"))
    editions = Edition.objects.select_for_update().filter(pk__in=quantities).order_by("pk")
    for edition in editions:
        edition.stock_on_hand += quantities[edition.pk]
        edition.save(update_fields=["stock_on_hand"])


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.PositiveIntegerField(help_text="Copies reserved for this order when it was placed.")

    class Meta:
        ordering = ["order", "edition__material__title", "edition__language"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_item_quantity_at_least_one"),
            models.UniqueConstraint(fields=["order", "edition"], name="order_item_one_per_edition"),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.edition.item_code}"


class OrderStatusChange(models.Model):
    """One row per status change, the order's creation included (from_status is empty)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Order.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Order.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "changed_at", "pk"]
        verbose_name = "order status change"

    def __str__(self):
        before = self.get_from_status_display() or "new"
        return f"{self.order}: {before} → {self.get_to_status_display()}"
