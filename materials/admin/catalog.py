"""Materials, their audiences and the ordering policy."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
        "is_demo",
        "stock_on_hand",
        "per_order_limit",
        "review_above",
        "low_stock_threshold",
        "restock_expected",
    ]
    # Stock changes only through a recorded movement (the edition's "Record a stock movement" page).
    readonly_fields = ["stock_on_hand"]


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "slug", "kind", "audiences", "summary", "description"]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The material's address: /materials/this-slug/"}


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin, TranslatedContentAdmin):  # "History" shows every field change and who made it
    form = MaterialAdminForm
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
