"""Materials, their audiences and the ordering policy."""

from django.contrib import admin

from materials.models import Audience, Edition, Material, OrderingPolicy
from rescue_restore.admin_translation import TranslatedContentAdmin


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
    # Stock changes only through a recorded movement (the edition's "Record a stock movement" page).
    readonly_fields = ["stock_on_hand"]


@admin.register(Material)
class MaterialAdmin(TranslatedContentAdmin):
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


@admin.register(Audience)
class AudienceAdmin(TranslatedContentAdmin):
    translation_check_field = "name"
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrderingPolicy)
class OrderingPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "usual_total_quantity"]

    def has_add_permission(self, request):
        return not OrderingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
