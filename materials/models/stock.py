"""Stock movements: every copy staff add or remove by hand, with who, why and when.

Staff never type a new stock number: they record a movement (a restock of
2,000 copies, a count correction of -12) and ``materials.stock`` applies it to
``Edition.stock_on_hand`` under a row lock. Orders take and return copies
through their own history (``OrderStatusChange``), not here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from materials.models.catalog import Edition


class StockMovement(models.Model):
    class Reason(models.TextChoices):
        RESTOCK = "restock", _("Restock (copies arrived from the printer)")
        COUNT_CORRECTION = "count-correction", _("Count correction (after a shelf count)")
        DAMAGED = "damaged", _("Damaged or lost copies")
        RETURNED = "returned", _("Returned by the carrier")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="stock_movements")
    change = models.IntegerField(help_text=_("Copies added (positive) or removed (negative)."))
    stock_after = models.PositiveIntegerField(editable=False, help_text=_("Stock on hand once this was applied."))
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True, max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(change=0), name="stock_movement_not_zero"),
            models.CheckConstraint(
                condition=Q(change__lt=0) | ~Q(reason="damaged"), name="stock_movement_damaged_removes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.change:+d} {self.edition.item_code} ({self.get_reason_display()})"
