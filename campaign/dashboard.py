"""Campaign counts for the staff dashboard, and the page changes waiting for clearance."""

from django.urls import reverse

from campaign import clearance
from campaign.models import ContactMessage, Page
from rescue_restore.admin import DashboardCard


def cards(request):
    result = []
    if request.user.has_perm("campaign.view_contactmessage"):
        unhandled = ContactMessage.objects.filter(handled=False).count()
        url = reverse("admin:campaign_contactmessage_changelist") + "?handled__exact=0"
        result.append(DashboardCard("Contact messages to answer", unhandled, url, attention=unhandled > 0))
    if request.user.has_perm("campaign.view_page"):
        due = Page.objects.review_due().count()
        result.append(
            DashboardCard("Pages due for review", due, reverse("admin:campaign_page_changelist"), attention=due > 0)
        )
    return result


def waiting_for_clearance(request):
    """Page changes sent for review, for staff who may see drafts (``rescue_restore.kernel.clearance.WaitingItem``)."""
    if not request.user.has_perm("campaign.view_pagedraft"):
        return []
    return clearance.waiting()
