"""Campaign counts for the staff dashboard."""

from django.urls import reverse

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
