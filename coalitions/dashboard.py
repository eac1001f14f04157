"""Coalition counts for the staff dashboard."""

from django.urls import reverse

from coalitions.models import AffiliationRequest, Coalition, OutdatedReport
from rescue_restore.admin import DashboardCard


def cards(request):
    result = []
    if request.user.has_perm("coalitions.view_affiliationrequest"):
        waiting = AffiliationRequest.objects.filter(status=AffiliationRequest.Status.SUBMITTED).count()
        url = reverse("admin:coalitions_affiliationrequest_changelist") + "?status__exact=submitted"
        result.append(DashboardCard("Coalition requests to moderate", waiting, url, attention=waiting > 0))
    if request.user.has_perm("coalitions.view_coalition"):
        due = Coalition.objects.needing_reverification().count()
        url = reverse("admin:coalitions_coalition_changelist") + "?verification=due"
        result.append(DashboardCard("Listings needing re-verification", due, url, attention=due > 0))
    if request.user.has_perm("coalitions.view_outdatedreport"):
        reports = OutdatedReport.objects.filter(handled=False).count()
        url = reverse("admin:coalitions_outdatedreport_changelist") + "?handled__exact=0"
        result.append(DashboardCard("Outdated-listing reports", reports, url, attention=reports > 0))
    return result
