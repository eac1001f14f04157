"""Staff screens for page drafts: edit, preview as the public will see it, compare with the live page, clear.

The screens are the shared draft admin's (``rescue_restore.kernel.clearance_drafts_admin``);
what is the page's own is its form and how its preview is made.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from campaign import clearance
from campaign.models import PageDraft, PageDraftEvent
from campaign.views import page_context
from rescue_restore.admin import MarkdownEditor
from rescue_restore.kernel.clearance_drafts_admin import DraftAdmin, draft_event_inline
from rescue_restore.text.markdown import render_markdown


class PageDraftForm(forms.ModelForm):
    class Meta:
        model = PageDraft
        fields = ["title", "summary", "body", "publish_at"]
        widgets = {"body": MarkdownEditor}


@admin.register(PageDraft)
class PageDraftAdmin(DraftAdmin):
    clearance = clearance.PAGES
    form = PageDraftForm
    list_display = ["title", "page", "language", "status", "created_by", "updated_at", "publish_at"]
    search_fields = ["title", "page__title"]
    list_select_related = ["page", "created_by"]
    inlines = [draft_event_inline(PageDraftEvent)]

    def preview_response(self, request: HttpRequest, draft: Any) -> tuple[str, dict]:
        page = self.subject_as_drafted(draft)
        setattr(page, f"body_html_{draft.language}", render_markdown(draft.body))
        return "campaign/page.html", page_context(page)
