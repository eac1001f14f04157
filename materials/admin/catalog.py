"""Materials, their audiences and the ordering policy."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from materials.clearance import MATERIALS
from materials.models import Audience, Edition, Material, OrderingPolicy
from rescue_restore.i18n.admin_translation import TranslatedContentAdmin
from rescue_restore.kernel.clearance_drafts_admin import DraftedContentAdminMixin

CONTENT_FIELDS = ["title", "summary", "description"]
# An edition's files on the public site: they change, once the material is live, through a cleared draft.
PUBLIC_FILES = ["pdf", "cover"]


def is_live(material):
    """On the public site now: its text and files change only through a draft (materials/clearance.py)."""
    if material is None or material.pk is None:
        return False
    return Material.objects.published().filter(pk=material.pk).exists()


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

    def get_readonly_fields(self, request, obj=None):
        # Stock changes only through a recorded movement (the edition's "Record a stock movement" page).
        return ["stock_on_hand", *(PUBLIC_FILES if is_live(obj) else [])]


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "slug", "kind", "audiences", "summary", "description"]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The material's address: /materials/this-slug/"}


# "History" shows every field change and who made it; drafts change a live material's text and files.
@admin.register(Material)
class MaterialAdmin(DraftedContentAdminMixin, SimpleHistoryAdmin, TranslatedContentAdmin):
    form = MaterialAdminForm
    clearance = MATERIALS
    content_fields = tuple(CONTENT_FIELDS)
    drafted_content = "its text, covers and PDFs change"
    change_form_template = "admin/clearance/drafted_change_form.html"
    list_display = ["title", "kind", "is_published", "publication_date", "last_reviewed"]
    list_filter = ["kind", "is_published", "audiences", "is_synthetic"]
    search_fields = ["title", "summary", "editions__item_code"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["audiences"]
    inlines = [EditionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "audiences", "summary", "description"]}),
        (
            "Publishing",
            {
                "fields": ["is_published", "publication_date", "last_reviewed"],
                "description": "A material goes on the site, and a live material's text, covers and PDFs change, "
                "only through a draft that a content approver clears. Taking it off the site needs no approval.",
            },
        ),
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
