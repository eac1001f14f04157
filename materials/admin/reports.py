"""The staff report: copies shipped per month and per state, as tables and server-drawn SVG charts.

Mounted by ``OrderAdmin.get_urls`` at ``/admin/materials/order/reports/shipped/``.
A GET form chooses the period (default: the last 12 months); an invalid
period re-renders the form with its errors and status 400.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from materials import charts, reports
from materials.admin.forms import ReportPeriodForm

REPORT_PERMISSION = "materials.view_distribution_report"


def default_period(today=None):
    today = today or timezone.localdate()
    end = today.replace(day=1)
    start = end.replace(year=end.year - 1)
    start = start.replace(month=start.month % 12 + 1, year=start.year + (start.month == 12))
    return start, end


def shipped_report_view(model_admin: "admin.ModelAdmin[Any]", request: HttpRequest) -> TemplateResponse:
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    start, end = default_period()
    data = request.GET if "start" in request.GET or "end" in request.GET else None
    form = ReportPeriodForm(data, initial={"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"})
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Copies shipped by month and state",
        "form": form,
    }
    if data is not None and not form.is_valid():
        return TemplateResponse(request, "admin/materials/order/shipped_report.html", context, status=400)
    if data is not None:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    months = reports.by_month(start, end)
    states = reports.by_state(start, end)
    context.update(
        {
            "start": start,
            "end": end,
            "months": months,
            "states": states,
            "total_copies": sum(row.copies for row in months),
            "total_orders": sum(row.orders for row in months),
            "month_chart": charts.column_chart(months),
            "state_chart": charts.row_chart(states) if states else None,
        }
    )
    return TemplateResponse(request, "admin/materials/order/shipped_report.html", context)
