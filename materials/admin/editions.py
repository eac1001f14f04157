"""Editions with their stock, and the page where staff record a stock movement.

Staff never type a new stock number: "Record a stock movement" (restock,
count correction, damaged copies) calls ``materials.stock.record_movement``,
which keeps the movement as history and re-arms the low-stock alert.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from materials import stock
from materials.admin.catalog import PUBLIC_FILES, is_live
from materials.admin.forms import StockMovementForm
from materials.models import Edition, StockMovement
from rescue_restore.admin import ReadOnlyInline

RECORD_MOVEMENT = "materials.record_stock_movement"


class LowStockFilter(admin.SimpleListFilter):
    title = "stock"
    parameter_name = "stock"

    def lookups(self, request, model_admin):
        return [("low", "Below the low-stock threshold"), ("out", "Out of stock")]

    def queryset(self, request, queryset):
        if self.value() == "low":
            return queryset.filter(is_orderable=True, stock_on_hand__lt=F("low_stock_threshold"))
        if self.value() == "out":
            return queryset.filter(stock_on_hand=0)
        return queryset


class StockMovementInline(ReadOnlyInline):
    model = StockMovement
    max_num = 0
    verbose_name_plural = "Stock movements (newest first)"
    fields = readonly_fields = ("recorded_at", "change", "stock_after", "reason", "note", "recorded_by")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):  # "History" shows every field change and who made it
    list_display = [
        "item_code",
        "material",
        "language",
        "stock_on_hand",
        "reserved",
        "low_stock_threshold",
        "low_on_stock",
        "is_orderable",
        "is_demo",
        "thumbnail",
    ]
    list_filter = [LowStockFilter, "language", "is_orderable", "is_demo"]
    list_select_related = ["material"]
    search_fields = ["item_code", "material__title"]
    autocomplete_fields = ["material"]
    inlines = [StockMovementInline]
    change_form_template = "admin/materials/edition/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        readonly = ["stock_on_hand", "reserved", "low_stock_notified_at", "thumbnail"]
        if obj is not None and is_live(obj.material):
            readonly += PUBLIC_FILES  # a live material's files change through its draft (materials/admin/drafts.py)
        # An edition never moves to another material; fulfilment staff need not see the material picker.
        return ["material", *readonly] if obj is not None else readonly

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reserved_copies=stock.reserved_quantity())

    @admin.display(description="reserved", ordering="reserved_copies")
    def reserved(self, edition):
        return edition.reserved_copies

    @admin.display(boolean=True, description="low on stock")
    def low_on_stock(self, edition):
        return edition.is_low_on_stock

    @admin.display(description="Cover")
    def thumbnail(self, edition):
        if not edition.cover_url:
            return "—"
        return format_html('<img src="{}" alt="" width="60">', edition.cover_url)

    def get_urls(self):
        urls = [
            path(
                "<int:object_id>/stock/",
                self.admin_site.admin_view(self.stock_movement_view),
                name="materials_edition_stock_movement",
            )
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        can_record = request.user.has_perm(RECORD_MOVEMENT)
        movement_url = reverse("admin:materials_edition_stock_movement", args=[object_id])
        actions = [(movement_url, "Record a stock movement", True)]
        extra_context = {
            **(extra_context or {}),
            "can_record_movement": can_record,
            "workflow_actions": actions if can_record else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def stock_movement_view(self, request, object_id):
        """Record copies added or removed, with a reason and a note."""
        if not request.user.has_perm(RECORD_MOVEMENT):
            raise PermissionDenied
        edition = get_object_or_404(Edition.objects.select_related("material"), pk=object_id)
        change_url = reverse("admin:materials_edition_change", args=[edition.pk])
        form = StockMovementForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                movement = stock.record_movement(
                    edition,
                    form.cleaned_data["change"],
                    form.cleaned_data["reason"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except stock.StockMovementRefusedError as refused:
                form.add_error("change", str(refused))
            else:
                done = f"Recorded {movement.change:+d} copies of {edition.item_code}: {edition.stock_on_hand} on hand."
                messages.success(request, done)
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": edition,
            "form": form,
            "change_url": change_url,
            "title": f"Record a stock movement: {edition.item_code}",
        }
        return TemplateResponse(
            request, "admin/materials/edition/stock_movement.html", context, status=400 if form.errors else 200
        )


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    """The stock ledger, read-only: movements are recorded from an edition's page."""

    list_display = ["recorded_at", "edition", "change", "stock_after", "reason", "recorded_by"]
    list_filter = ["reason", "recorded_at"]
    list_select_related = ["edition__material", "recorded_by"]
    search_fields = ["edition__item_code", "edition__material__title", "note"]
    date_hierarchy = "recorded_at"
    fields = readonly_fields = ("edition", "change", "stock_after", "reason", "note", "recorded_by", "recorded_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
