"""Listserv counts for the staff dashboard: subscribers per status, bulletins being sent."""

from django.db.models import Count
from django.urls import reverse

from listserv import clearance
from listserv.models import Bulletin, Subscriber
from rescue_restore.admin import DashboardCard


def cards(request):
    result = []
    if request.user.has_perm("listserv.view_subscriber"):
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
        url = reverse("admin:listserv_subscriber_changelist")
        for status in Subscriber.Status:
            title = f"Subscribers: {status.label.lower()}"
            result.append(DashboardCard(title, counts.get(status.value, 0), f"{url}?status__exact={status.value}"))
    if request.user.has_perm("listserv.view_bulletin"):
        sending = Bulletin.objects.filter(status=Bulletin.Status.SENDING).count()
        url = reverse("admin:listserv_bulletin_changelist") + "?status__exact=sending"
        result.append(DashboardCard("Bulletins being sent", sending, url, attention=sending > 0))
    return result


def waiting_for_clearance(request):
    """Bulletins sent for review, for staff who may see bulletins (``rescue_restore.kernel.clearance.WaitingItem``)."""
    if not request.user.has_perm("listserv.view_bulletin"):
        return []
    return clearance.waiting()
