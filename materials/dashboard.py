"""Materials counts for the staff dashboard (orders waiting, editions low on stock, copies shipped), and
the material changes waiting for clearance."""

from django.db.models import Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from materials import clearance, reports
from materials.models import Edition, Order
from rescue_restore.admin import DashboardCard
from rescue_restore.kernel.clearance import WaitingItem


def cards(request):
    user = request.user
    result = []
    if user.has_perm("materials.view_order"):
        changelist = reverse("admin:materials_order_changelist")
        held = Order.objects.held_for_review().count()
        received = Order.objects.filter(status=Order.Status.RECEIVED).count()
        to_ship = Order.objects.to_ship().count()
        result += [
            DashboardCard(
                "Orders held for review", held, f"{changelist}?status__exact={Order.Status.HELD_FOR_REVIEW}", held > 0
            ),
            DashboardCard(
                "Orders to approve", received, f"{changelist}?status__exact={Order.Status.RECEIVED}", received > 0
            ),
            DashboardCard(
                "Orders to ship", to_ship, f"{changelist}?status__exact={Order.Status.APPROVED}", to_ship > 0
            ),
        ]
    if user.has_perm("materials.record_stock_movement"):
        low = Edition.objects.low_on_stock().count()
        url = reverse("admin:materials_edition_changelist") + "?stock=low"
        result.append(DashboardCard("Editions low on stock", low, url, low > 0))
    if user.has_perm("materials.view_distribution_report"):
        this_month = timezone.localdate().replace(day=1)
        copies = reports.shipped_items(this_month, this_month).aggregate(copies=Sum("quantity", default=0))["copies"]
        url = reverse("admin:materials_order_shipped_report")
        result.append(DashboardCard("Copies shipped this month", copies, url))
    return result


def waiting_for_clearance(request: HttpRequest) -> list[WaitingItem]:
    """Material changes sent for review, for staff who may see drafts
    (``rescue_restore.kernel.clearance.WaitingItem``)."""
    if not request.user.has_perm("materials.view_materialdraft"):
        return []
    return clearance.waiting()
