from django.contrib import admin

from campaign.models import ContactMessage, Page
from rescue_restore.admin_translation import TranslatedContentAdmin


@admin.register(Page)
class PageAdmin(TranslatedContentAdmin):
    translation_check_field = "body"
    list_display = ["title", "section", "is_published", "publication_date", "last_reviewed", "next_review_due"]
    list_filter = ["section", "is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "order", "summary", "body"]}),
        ("Publishing", {"fields": ["is_published", "publication_date", "last_reviewed", "next_review_due"]}),
    ]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "name", "topic", "handled"]
    list_filter = ["handled", "topic"]
    search_fields = ["name", "email", "organization", "message"]
    readonly_fields = ["name", "email", "organization", "topic", "message", "received_at"]
    list_editable = ["handled"]

    def has_add_permission(self, request):
        return False
