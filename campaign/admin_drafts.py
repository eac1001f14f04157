"""Staff screens for page drafts: edit, preview as the public will see it, compare with the live page, clear."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation

from campaign import clearance
from campaign.models import PageDraft, PageDraftEvent
from campaign.views import page_context
from rescue_restore.admin import MarkdownEditor, ReadOnlyInline
from rescue_restore.clearance_admin import ClearanceAdminMixin, NoteForm, ReasonForm, Step
from rescue_restore.markdown import render_markdown
from rescue_restore.privacy import personal_page
from rescue_restore.revisions import compare_fields
from rescue_restore.workflow import Clearance

STEPS = (
    Step(
        "submit",
        "Ask for review",
        frozenset({Clearance.DRAFT}),
        NoteForm,
        is_primary=True,
        explanation="The content approvers get an email. The text cannot be edited while it waits; "
        "a reviewer can send it back to draft with a reason.",
        service=clearance.submit_for_review,
    ),
    Step(
        "approve",
        "Approve",
        frozenset({Clearance.IN_REVIEW}),
        NoteForm,
        needs_approver=True,
        is_primary=True,
        explanation="Approving publishes the change at once, or at the time set in “Publish at”.",
        service=clearance.approve,
    ),
    Step(
        "send_back",
        "Send back to draft",
        frozenset({Clearance.IN_REVIEW, Clearance.APPROVED}),
        ReasonForm,
        service=clearance.send_back,
    ),
    Step(
        "publish",
        "Publish now",
        frozenset({Clearance.APPROVED}),
        NoteForm,
        needs_approver=True,
        explanation="The approved text replaces the public text now instead of at the time set.",
        service=clearance.publish,
    ),
)


class PageDraftForm(forms.ModelForm):
    class Meta:
        model = PageDraft
        fields = ["title", "summary", "body", "publish_at"]
        widgets = {"body": MarkdownEditor}


class PageDraftEventInline(ReadOnlyInline):
    model = PageDraftEvent
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields


@admin.register(PageDraft)
class PageDraftAdmin(ClearanceAdminMixin, admin.ModelAdmin):
    form = PageDraftForm
    list_display = ["title", "page", "language", "status", "created_by", "updated_at", "publish_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "page__title"]
    list_select_related = ["page", "created_by"]
    inlines = [PageDraftEventInline]
    change_form_template = "admin/campaign/pagedraft/change_form.html"
    clearance_steps = STEPS
    clearance_url_prefix = "campaign_pagedraft"

    def has_add_permission(self, request):
        return False  # a draft starts from its page ("Change the English text")

    def has_delete_permission(self, request, obj=None):
        # A published draft is the record of what went public.
        return super().has_delete_permission(request, obj) and (obj is None or obj.status != Clearance.PUBLISHED)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Clearance.DRAFT:
            return ["title", "summary", "body", "publish_at"]  # what a reviewer clears does not change under them
        return []

    def save_model(self, request, obj, form, change):
        if obj.status != Clearance.DRAFT:
            return
        # Only the text: the status and dates belong to the workflow.
        obj.save(update_fields=["title", "summary", "body", "publish_at", "updated_at"])
        clearance.record_edit(obj, by=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = self.get_object(request, object_id)
        extra = {}
        if draft is not None:
            actions = [
                (
                    reverse("admin:campaign_pagedraft_preview", args=[draft.pk]),
                    "Preview as the public will see it",
                    False,
                ),
                (reverse("admin:campaign_pagedraft_compare", args=[draft.pk]), "Compare with the public page", False),
            ]
            extra["workflow_actions"] = self.clearance_actions(request, draft) + actions
            extra["author_cannot_approve"] = (
                draft.status == Clearance.IN_REVIEW
                and request.user.has_perm(PageDraft.APPROVE_PERMISSION)
                and not draft.may_approve(request.user)
            )
            if draft.status != Clearance.DRAFT:
                extra.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="campaign_pagedraft_preview"),
            path("<int:pk>/compare/", view(self.compare_view), name="campaign_pagedraft_compare"),
            *self.clearance_urls(),
            *super().get_urls(),
        ]

    def _draft(self, request, pk):
        draft = get_object_or_404(PageDraft.objects.select_related("page"), pk=pk)
        if not self.has_view_permission(request, draft):
            raise PermissionDenied
        return draft

    def preview_view(self, request, pk):
        """The public page with the draft's text, in the draft's language: staff only, never stored or indexed."""
        return personal_page(self._preview)(request, pk)

    def _preview(self, request, pk):
        draft = self._draft(request, pk)
        page = draft.page
        for field in ("title", "summary", "body"):
            setattr(page, f"{field}_{draft.language}", getattr(draft, field))
        setattr(page, f"body_html_{draft.language}", render_markdown(draft.body))
        page.save = _refuse_to_save
        with translation.override(draft.language):
            context = page_context(page)
            messages.info(
                request, f"Preview of a draft ({draft.get_status_display().lower()}): not on the public site."
            )
            response = TemplateResponse(request, "campaign/page.html", context)
            response.render()
        return response

    def compare_view(self, request, pk):
        draft = self._draft(request, pk)
        live = clearance.live_text(draft.page, draft.language)
        proposed = {field: getattr(draft, field) for field in clearance.TEXT_FIELDS}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": draft,
            "comparison": compare_fields(live, proposed),
            "older_label": f"Public now ({draft.get_language_display()})",
            "newer_label": "This draft",
            "change_url": reverse("admin:campaign_pagedraft_change", args=[draft.pk]),
            "title": f"Compare: {draft}",
        }
        return TemplateResponse(request, "admin/campaign/pagedraft/compare.html", context)


def _refuse_to_save(*args, **kwargs):
    raise RuntimeError("A preview never saves the page.")
