from django import forms
from django.conf import settings
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from campaign import clearance
from campaign.admin_drafts import PageDraftAdmin  # noqa: F401 (registers the drafts' admin)
from campaign.models import ContactMessage, Page, SearchSynonym
from rescue_restore.admin import MarkdownEditor
from rescue_restore.i18n.admin_translation import TranslatedContentAdmin
from rescue_restore.kernel.clearance_drafts_admin import DraftedContentAdminMixin

CONTENT_FIELDS = ["title", "summary", "body"]


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "section", "order", "summary", "body", "unpublish_at"]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The page's address: /pages/this-slug/"}
        widgets = {f"body_{code}": MarkdownEditor for code, _name in settings.LANGUAGES}


@admin.register(Page)
# "History" shows every field change and who made it; drafts change a live page's text.
class PageAdmin(DraftedContentAdminMixin, SimpleHistoryAdmin, TranslatedContentAdmin):
    form = PageAdminForm
    clearance = clearance.PAGES
    content_fields = tuple(CONTENT_FIELDS)
    revision_markdown_fields = ("body",)
    translation_check_field = "body"
    list_display = ["title", "section", "is_published", "publication_date", "last_reviewed", "next_review_due"]
    list_filter = ["section", "is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    change_form_template = "admin/clearance/drafted_change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "order", "summary", "body"]}),
        (
            "Publishing",
            {
                "fields": ["is_published", "publication_date", "unpublish_at", "last_reviewed", "next_review_due"],
                "description": "A page goes on the site, and a live page's text changes, only through a draft "
                "that a content approver clears. Taking a page off the site needs no approval.",
            },
        ),
    ]

    def view_on_site(self, page):
        # An unpublished page is not on the site yet: its address would be a 404.
        return page.get_absolute_url() if self.is_live(page) else None


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "name", "topic", "handled"]
    list_filter = ["handled", "topic"]
    search_fields = ["name", "email", "organization", "message"]
    readonly_fields = ["name", "email", "organization", "topic", "message", "received_at"]
    list_editable = ["handled"]

    def has_add_permission(self, request):
        return False


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Words visitors type and the site's words for them: site search looks for both (docs/search.md)."""

    list_display = ["term", "means", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["term", "means"]
    fields = ["term", "means", "language"]
