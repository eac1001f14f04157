"""Plain admin for materials, editions, orders and the ordering policy.

The order workflow (approve, ship, bulk actions, packing slips) is built on
``Order.change_status`` by the staff-admin work (issue #4); here orders are
shown read-only so nobody edits a status around the transition table.
"""

from django.contrib import admin
from django.utils.html import format_html

from materials.models import Audience, Edition, Material, Order, OrderingPolicy, OrderItem, OrderStatusChange


class EditionInline(admin.StackedInline):
    model = Edition
    extra = 0
    fields = [
        "language",
        "item_code",
        "pdf",
        "cover",
        "is_orderable",
        "stock_on_hand",
        "per_order_limit",
        "review_above",
        "low_stock_threshold",
        "restock_expected",
    ]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "is_published", "publication_date", "last_reviewed"]
    list_filter = ["kind", "is_published", "audiences", "is_synthetic"]
    search_fields = ["title", "summary", "editions__item_code"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["audiences"]
    inlines = [EditionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "audiences", "summary", "description"]}),
        ("Publishing", {"fields": ["is_published", "publication_date", "last_reviewed"]}),
    ]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["item_code", "material", "language", "stock_on_hand", "is_orderable", "thumbnail"]
    list_filter = ["language", "is_orderable"]
    list_select_related = ["material"]
    search_fields = ["item_code", "material__title"]
    readonly_fields = ["thumbnail"]
    autocomplete_fields = ["material"]

    @admin.display(description="Cover")
    def thumbnail(self, edition):
        if not edition.cover_url:
            return "—"
        return format_html('<img src="{}" alt="" width="60">', edition.cover_url)


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    fields = ["edition", "quantity"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OrderStatusChangeInline(admin.TabularInline):
    model = OrderStatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["reference", "created_at", "status", "organization", "state"]
    list_filter = ["status", "organization_type", "state"]
    search_fields = ["reference", "name", "organization", "email"]
    date_hierarchy = "created_at"
    inlines = [OrderItemInline, OrderStatusChangeInline]
    readonly_fields = [
        "reference",
        "status",
        "created_at",
        "review_reasons",
        "name",
        "organization",
        "organization_type",
        "email",
        "phone",
        "address_line1",
        "address_line2",
        "city",
        "state",
        "zip_code",
        "intended_use",
        "needed_by",
        "stock_returned_at",
    ]
    fields = [*readonly_fields, "shipping_carrier", "tracking_number"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrderingPolicy)
class OrderingPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "usual_total_quantity"]

    def has_add_permission(self, request):
        return not OrderingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
