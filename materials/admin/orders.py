"""Orders in the shared admin: the list, the workflow pages, bulk actions and packing slips.

Nobody edits an order's status or shipping fields by hand. Each step
(approve, ship, cancel, decline) has a small page of its own, reached from a
button on the order, that collects the note, reason or tracking number and
calls one service in ``materials.fulfilment``. Bulk actions use the same
services, one order at a time, and report each refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from materials import exports, fulfilment, packing_slips
from materials.admin.forms import BulkShipForm, NoteForm, ShipForm
from materials.admin.reports import shipped_report_view
from materials.models import Order, OrderItem, OrderStatusChange
from rescue_restore.admin import ReadOnlyInline, staff_user
from rescue_restore.kernel.workflow import InvalidTransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse, QueryDict
    from django.urls import URLPattern

    _OrderAdminBase = admin.ModelAdmin[Order]  # generic for the type checker only (no runtime subscript)
else:
    _OrderAdminBase = admin.ModelAdmin

Status = Order.Status
CHANGE_ORDER = "materials.change_order"
VIEW_ORDER = "materials.view_order"


@dataclass(frozen=True)
class StaffStep:
    """One workflow step staff can take on an order: the service it calls and the form its page shows."""

    slug: str
    title: str
    status: Status
    # The ``materials.fulfilment`` function the step calls, as service(order, by=user, <arguments>).
    service: Callable[..., Order]
    # {form field: the service's keyword} for what the step's form collects.
    arguments: Mapping[str, str] = field(default_factory=lambda: {"note": "note"})
    note_label: str = ""
    note_required: bool = False
    note_help: str = ""
    # A step that corrects the order in its current status instead of moving it (a wrong tracking number).
    correction: bool = False

    @property
    def is_primary(self) -> bool:
        """Approve and ship move an order forward: solid buttons. Cancel and decline end it: outlined."""
        return self.status in {Status.APPROVED, Status.SHIPPED}

    def make_form(self, data: QueryDict | None = None) -> forms.Form:
        if self.status == Status.SHIPPED:
            return ShipForm(data)
        return NoteForm(data, label=self.note_label, required=self.note_required, help_text=self.note_help)

    def run(self, order: Order, user: User, form: forms.Form) -> Order:
        """Call the step's service with what the form collected."""
        values = {keyword: form.cleaned_data.get(name, "") for name, keyword in self.arguments.items()}
        return self.service(order, by=user, **values)


SHIPPING = {"carrier": "carrier", "tracking_number": "tracking_number"}
REASON = {"note": "reason"}
STEPS = {
    step.slug: step
    for step in [
        StaffStep(
            "approve",
            "Approve",
            Status.APPROVED,
            fulfilment.approve_order,
            note_label="Note to the requester (optional)",
            note_help="Sent with the approval email and kept in the order's history.",
        ),
        StaffStep("ship", "Mark shipped", Status.SHIPPED, fulfilment.ship_order, SHIPPING),
        StaffStep(
            "correct-tracking",
            "Correct the tracking number",
            Status.SHIPPED,
            fulfilment.correct_tracking_number,
            SHIPPING,
            correction=True,
        ),
        StaffStep(
            "cancel",
            "Cancel",
            Status.CANCELLED,
            fulfilment.cancel_order,
            REASON,
            note_label="Reason (sent to the requester)",
            note_required=True,
            note_help="The reserved copies go back on the shelf.",
        ),
        StaffStep(
            "decline",
            "Decline",
            Status.DECLINED,
            fulfilment.decline_order,
            REASON,
            note_label="Reason (sent to the requester)",
            note_required=True,
            note_help="The reserved copies go back on the shelf.",
        ),
    ]
}


def available_steps(order: Order) -> list[StaffStep]:
    allowed = Order.ALLOWED_TRANSITIONS[Status(order.status)]
    return [
        step for step in STEPS.values() if (step.status == order.status if step.correction else step.status in allowed)
    ]


class OrderItemInline(ReadOnlyInline):
    model = OrderItem
    fields = readonly_fields = ("edition", "quantity")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OrderItem]:
        return super().get_queryset(request).select_related("edition__material")


class OrderStatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    verbose_name_plural = "History"
    fields = readonly_fields = ("changed_at", "from_status", "to_status", "changed_by", "note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OrderStatusChange]:
        return super().get_queryset(request).select_related("changed_by")


@admin.register(Order)
class OrderAdmin(_OrderAdminBase):
    list_display = ["reference", "created_at", "status", "name", "organization", "organization_type", "state", "copies"]
    list_filter = ["status", "state", "organization_type", "created_at"]
    search_fields = ["reference", "name", "organization", "email"]
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [OrderItemInline, OrderStatusChangeInline]
    actions = ["approve_selected", "mark_shipped", "print_packing_slips", "export_csv"]
    change_form_template = "admin/materials/order/change_form.html"
    change_list_template = "admin/materials/order/change_list.html"
    fieldsets = [
        (None, {"fields": ["reference", "status", "created_at", "review_reasons", "needed_by", "intended_use"]}),
        ("Requester", {"fields": ["name", "organization", "organization_type", "email", "phone"]}),
        ("Ship to", {"fields": ["address_line1", "address_line2", "city", "state", "zip_code"]}),
        ("Shipping", {"fields": ["shipping_carrier", "tracking_number", "shipped_at", "stock_returned_at"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Order | None = None) -> list[str]:
        # Everything: status and shipping details change only through the workflow pages.
        return [field for _name, options in self.fieldsets for field in options["fields"] if isinstance(field, str)]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        return super().get_queryset(request).annotate(total_copies=Sum("items__quantity"))

    @admin.display(description="copies", ordering="total_copies")
    def copies(self, order: Order) -> int | None:
        total: int | None = getattr(order, "total_copies", None)  # annotated by get_queryset
        return total

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return False

    # --- URLs -------------------------------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        urls = [
            path(
                "<int:object_id>/step/<slug:step>/",
                self.admin_site.admin_view(self.step_view),
                name="materials_order_step",
            ),
            path(
                "packing-slips/",
                self.admin_site.admin_view(self.packing_slips_view),
                name="materials_order_packing_slips",
            ),
            path(
                "reports/shipped/",
                self.admin_site.admin_view(lambda request: shipped_report_view(self, request)),
                name="materials_order_shipped_report",
            ),
        ]
        return urls + super().get_urls()

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = extra_context or {}
        order = self.get_object(request, object_id)
        if order is not None:
            if request.user.has_perm(CHANGE_ORDER):
                extra_context["steps"] = available_steps(order)
                extra_context["workflow_actions"] = [
                    (reverse("admin:materials_order_step", args=[order.pk, step.slug]), step.title, step.is_primary)
                    for step in extra_context["steps"]
                ]
            extra_context["packing_slip_url"] = packing_slips_url([order.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request: HttpRequest, object_id: int, step: str) -> HttpResponse:
        """The small page for one workflow step: the note, reason or tracking number, then confirm."""
        if not request.user.has_perm(CHANGE_ORDER) or step not in STEPS:
            raise PermissionDenied
        staff_step = STEPS[step]
        order = get_object_or_404(Order, pk=object_id)
        change_url = reverse("admin:materials_order_change", args=[order.pk])
        if staff_step not in available_steps(order):
            status = order.get_status_display().lower()
            messages.error(
                request, f"{staff_step.title} is not possible: order {order} is {status}. Nothing was changed."
            )
            return redirect(change_url)
        form = staff_step.make_form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                staff_step.run(order, staff_user(request), form)
            except InvalidTransitionError as refused:
                messages.error(request, f"{refused} Nothing was changed.")
            else:
                if staff_step.correction:
                    messages.success(request, f"Order {order}: the requester has been sent the new tracking number.")
                else:
                    messages.success(
                        request, f"{staff_step.title}: order {order} is now {order.get_status_display().lower()}."
                    )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": order,
            "items": order.items.select_related("edition__material"),
            "step": staff_step,
            "form": form,
            "change_url": change_url,
            "title": f"{staff_step.title}: order {order}",
        }
        return TemplateResponse(request, "admin/materials/order/step.html", context, status=400 if form.errors else 200)

    def packing_slips_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(VIEW_ORDER):
            raise PermissionDenied
        orders = packing_slips.orders_for_slips(request.GET.getlist("id"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "orders": orders,
            "contact_url": settings.SITE_URL + reverse("campaign:contact"),
            "title": f"Packing slips ({len(orders)})",
        }
        return TemplateResponse(request, "admin/materials/order/packing_slips.html", context)

    # --- Bulk actions -----------------------------------------------------------------------------------------

    @admin.action(description="Approve selected orders", permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        approved = 0
        for order in queryset.order_by("pk"):
            try:
                fulfilment.approve_order(order, by=staff_user(request), note="")
            except InvalidTransitionError as refused:
                messages.warning(request, str(refused))
            else:
                approved += 1
        if approved:
            messages.success(request, f"Approved {approved} order(s); the requesters have been emailed.")

    @admin.action(description="Mark selected orders shipped (enter tracking numbers)", permissions=["change"])
    def mark_shipped(self, request: HttpRequest, queryset: QuerySet[Order]) -> HttpResponse | None:
        """Intermediate page: one carrier, a tracking number per approved order; others are listed as skipped."""
        queryset = queryset.order_by("pk")
        ready = [order for order in queryset if order.status == Status.APPROVED]
        skipped = [order for order in queryset if order.status != Status.APPROVED]
        form = BulkShipForm(request.POST if "apply" in request.POST else None, orders=ready)
        if "apply" in request.POST and form.is_valid():
            shipped = 0
            for order, tracking_number in form.tracking_numbers():
                try:
                    fulfilment.ship_order(
                        order,
                        by=staff_user(request),
                        carrier=form.cleaned_data["carrier"],
                        tracking_number=tracking_number,
                    )
                except InvalidTransitionError as refused:
                    messages.warning(request, str(refused))
                else:
                    shipped += 1
            if shipped:
                messages.success(request, f"Marked {shipped} order(s) shipped; the requesters have been emailed.")
            else:
                messages.error(request, "No order was marked shipped.")
            return None
        if not ready:
            messages.error(request, "None of the selected orders is approved, so none can be shipped.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Mark orders shipped",
            "form": form,
            "skipped": skipped,
            "selected": [order.pk for order in queryset],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/materials/order/bulk_ship.html", context, status=400 if form.errors else 200
        )

    @admin.action(description="Print packing slips for selected orders", permissions=["view"])
    def print_packing_slips(self, request: HttpRequest, queryset: QuerySet[Order]) -> HttpResponse:
        return redirect(packing_slips_url(queryset.values_list("pk", flat=True)))

    @admin.action(description="Export selected orders as CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Order]) -> HttpResponse:
        return exports.orders_csv_response(queryset)


def packing_slips_url(order_ids: Iterable[int]) -> str:
    return reverse("admin:materials_order_packing_slips") + "?" + urlencode({"id": list(order_ids)}, doseq=True)
