from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from campaign import clearance
from campaign.admin_drafts import PageDraftAdmin  # noqa: F401 (registers the drafts' admin)
from campaign.models import ContactMessage, Page, SearchSynonym
from rescue_restore.admin import MarkdownEditor
from rescue_restore.admin_translation import TranslatedContentAdmin
from rescue_restore.revisions import revisions_context
from rescue_restore.workflow import InvalidTransitionError

CONTENT_FIELDS = ["title", "summary", "body"]


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "section", "order", "summary", "body", "unpublish_at"]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The page's address: /pages/this-slug/"}
        widgets = {f"body_{code}": MarkdownEditor for code, _name in settings.LANGUAGES}


def _is_live(page):
    return page is not None and page.pk is not None and Page.objects.published().filter(pk=page.pk).exists()


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin, TranslatedContentAdmin):  # "History" shows every field change and who made it
    form = PageAdminForm
    translation_check_field = "body"
    list_display = ["title", "section", "is_published", "publication_date", "last_reviewed", "next_review_due"]
    list_filter = ["section", "is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    change_form_template = "admin/campaign/page/change_form.html"
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

    def get_readonly_fields(self, request, obj=None):
        # The live text is the cleared text: it changes through a draft (campaign/clearance.py), never here.
        readonly = ["is_published"] if obj is None or not obj.is_published else []
        if _is_live(obj):
            readonly += self.replace_orig_field(CONTENT_FIELDS)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if _is_live(obj) else self.prepopulated_fields

    def view_on_site(self, page):
        # An unpublished page is not on the site yet: its address would be a 404.
        return page.get_absolute_url() if _is_live(page) else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.get_object(request, object_id)
        actions = []
        if page is not None:
            if self.has_change_permission(request, page):
                for code, name in settings.LANGUAGES:
                    url = reverse("admin:campaign_page_start_draft", args=[page.pk, code])
                    open_draft = page.drafts.open().filter(language=code).first()
                    title = (
                        f"Open the {name} draft ({open_draft.get_status_display().lower()})"
                        if open_draft
                        else (f"Change the {name} text (as a draft)")
                    )
                    actions.append((url, title, code == settings.LANGUAGE_CODE))
            actions.append((reverse("admin:campaign_page_revisions", args=[page.pk]), "Compare and roll back", False))
        extra = {"workflow_actions": actions, "page_is_live": _is_live(page)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/draft/<str:language>/", view(self.start_draft_view), name="campaign_page_start_draft"),
            path("<int:pk>/revisions/", view(self.revisions_view), name="campaign_page_revisions"),
            path("<int:pk>/roll-back/", view(self.roll_back_view), name="campaign_page_roll_back"),
            *super().get_urls(),
        ]

    def start_draft_view(self, request, pk, language):
        """POST: open (or start, from the live text) the page's draft in one language."""
        page = get_object_or_404(Page, pk=pk)
        if not self.has_change_permission(request, page) or not request.user.has_perm("campaign.add_pagedraft"):
            raise PermissionDenied
        if language not in dict(settings.LANGUAGES):
            messages.error(request, "That is not one of the site's languages.")
            return redirect("admin:campaign_page_change", page.pk)
        open_draft = page.drafts.open().filter(language=language).first()
        if open_draft is None and request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": page,
                "language_name": dict(settings.LANGUAGES)[language],
                "title": f"Change “{page}” as a draft",
            }
            return TemplateResponse(request, "admin/campaign/page/start_draft.html", context)
        draft = open_draft or clearance.start_draft(page, language, by=request.user)
        return redirect("admin:campaign_pagedraft_change", draft.pk)

    def revisions_view(self, request, pk):
        """Every saved version of the page, any two compared word by word, in one language."""
        page = get_object_or_404(Page, pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **revisions_context(page.audit_trail, request.GET, CONTENT_FIELDS),
            "opts": self.opts,
            "original": page,
            "change_url": reverse("admin:campaign_page_change", args=[page.pk]),
            "roll_back_url": reverse("admin:campaign_page_roll_back", args=[page.pk])
            if self.has_change_permission(request, page)
            else None,
            "title": f"Revisions of “{page}”",
        }
        return TemplateResponse(request, "admin/clearance/revisions.html", context)

    def roll_back_view(self, request, pk):
        """POST ``revision`` and ``language``: a new draft with that revision's text, cleared like any change."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        page = get_object_or_404(Page, pk=pk)
        if not self.has_change_permission(request, page) or not request.user.has_perm("campaign.add_pagedraft"):
            raise PermissionDenied
        revision = page.audit_trail.filter(history_id=_as_int(request.POST.get("revision"))).first()
        language = request.POST.get("language", "")
        if revision is None or language not in dict(settings.LANGUAGES):
            messages.error(request, "Choose a revision and a language to roll back to. Nothing was changed.")
            return redirect("admin:campaign_page_revisions", page.pk)
        try:
            draft = clearance.roll_back(page, revision, language, by=request.user)
        except InvalidTransitionError as refused:
            messages.error(request, f"{refused} Nothing was changed.")
            return redirect("admin:campaign_page_revisions", page.pk)
        messages.success(request, "A draft with the old text is ready. Ask for review to put it back on the site.")
        return redirect("admin:campaign_pagedraft_change", draft.pk)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
