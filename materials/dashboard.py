"""Materials counts for the staff dashboard."""

from django.urls import reverse

from materials.models import Order
from rescue_restore.admin import DashboardCard


def cards(request):
    if not request.user.has_perm("materials.view_order"):
        return []
    changelist = reverse("admin:materials_order_changelist")
    held = Order.objects.held_for_review().count()
    to_ship = Order.objects.to_ship().count()
    return [
        DashboardCard(
            "Orders held for review", held, f"{changelist}?status__exact={Order.Status.HELD_FOR_REVIEW}", held > 0
        ),
        DashboardCard("Orders to ship", to_ship, f"{changelist}?status__exact={Order.Status.APPROVED}", to_ship > 0),
    ]
