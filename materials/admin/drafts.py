"""Staff screens for material drafts: edit the text and the editions' new files, preview, compare, clear.

The screens are the shared draft admin's (``rescue_restore.kernel.clearance_drafts_admin``),
the same as a page draft's; what is the material's own is its new files (an inline),
the staff-only address the preview shows them from, and how the preview is made.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse

from materials.clearance import MATERIALS
from materials.models import Edition, MaterialDraft, MaterialDraftEvent, MaterialDraftFile
from rescue_restore.admin import staff_user
from rescue_restore.kernel.clearance_drafts_admin import DraftAdmin, draft_event_inline
from rescue_restore.kernel.workflow import Clearance
from rescue_restore.web.privacy import personal_page

if TYPE_CHECKING:
    _FileInlineBase = admin.TabularInline[MaterialDraftFile, MaterialDraft]  # generic for the type checker only
else:
    _FileInlineBase = admin.TabularInline


class MaterialDraftFileInline(_FileInlineBase):
    model = MaterialDraftFile
    extra = 0
    fields = ["edition", "cover", "pdf"]
    verbose_name_plural = "New covers and PDFs (public only once the draft is published)"

    def _is_draft(self, obj: Any) -> bool:
        return obj is not None and obj.status == Clearance.DRAFT

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_delete_permission(request, obj)

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[forms.BaseInlineFormSet[MaterialDraftFile, MaterialDraft, Any]]:
        formset = super().get_formset(request, obj, **kwargs)
        edition_field = formset.form.base_fields.get("edition")
        if obj is not None and isinstance(edition_field, forms.ModelChoiceField):
            # Only this material's editions can get a new file from its draft.
            edition_field.queryset = Edition.objects.filter(material=obj.material_id)
        return formset


class MaterialDraftForm(forms.ModelForm[MaterialDraft]):
    class Meta:
        model = MaterialDraft
        fields = ["title", "summary", "description", "publish_at"]


class _PreviewEdition:
    """An edition as the preview shows it: the draft's new cover and PDF in place of its own (staff-only addresses)."""

    def __init__(self, edition: Edition, new_files: MaterialDraftFile | None, file_url: Any) -> None:
        self._edition = edition
        self.pdf, self.pdf_url = edition.pdf, edition.pdf_url
        self.cover_thumbnail, self.cover_url = edition.cover_thumbnail, edition.cover_url
        if new_files is not None and new_files.pdf:
            self.pdf, self.pdf_url = new_files.pdf, file_url(new_files, "pdf")
        if new_files is not None and new_files.cover:
            self.cover_thumbnail, self.cover_url = new_files.cover, file_url(new_files, "cover")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._edition, name)


@admin.register(MaterialDraft)
class MaterialDraftAdmin(DraftAdmin):
    clearance = MATERIALS
    form = MaterialDraftForm
    markdown_fields = ()  # a material's description is plain text
    list_display = ["title", "material", "language", "status", "created_by", "updated_at", "publish_at"]
    search_fields = ["title", "material__title"]
    list_select_related = ["material", "created_by"]
    inlines = [MaterialDraftFileInline, draft_event_inline(MaterialDraftEvent)]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if form.instance.status == Clearance.DRAFT:
            MATERIALS.record_edit(form.instance, by=staff_user(request))  # new files are an edit too

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(personal_page(self.file_view))
        return [
            path("<int:pk>/file/<int:file_pk>/<str:kind>/", view, name="materials_materialdraft_file"),
            *super().get_urls(),
        ]

    def file_view(self, request: HttpRequest, pk: int, file_pk: int, kind: str) -> HttpResponseBase:
        """A draft's new cover or PDF, for staff who may see the draft (the preview shows it from here)."""
        draft = self.viewable_draft(request, pk)
        new_files = get_object_or_404(MaterialDraftFile, pk=file_pk, draft=draft)
        if kind not in ("cover", "pdf") or not getattr(new_files, kind):
            raise Http404("No such file")
        upload = getattr(new_files, kind)
        try:
            opened = upload.open("rb")
        except FileNotFoundError:
            raise Http404("No such file") from None
        name = PurePosixPath(upload.name).name
        content_type = "application/pdf" if kind == "pdf" else mimetypes.guess_type(name)[0] or "image/jpeg"
        return FileResponse(opened, content_type=content_type, filename=name, as_attachment=kind == "pdf")

    def _file_url(self, new_files: MaterialDraftFile, kind: str) -> str:
        return reverse("admin:materials_materialdraft_file", args=[new_files.draft_id, new_files.pk, kind])

    def preview_response(self, request: HttpRequest, draft: Any) -> tuple[str, dict[str, Any]]:
        # The editions are put in Django's prefetch cache by hand (private attributes the stubs leave out).
        material: Any = self.subject_as_drafted(draft)
        new_files = {new.edition_id: new for new in draft.files.all()}
        editions = Edition.objects.filter(material=material).in_reader_order()
        shown = list(editions)
        prefetched: Any = editions.all()
        prefetched._result_cache = [_PreviewEdition(e, new_files.get(e.pk), self._file_url) for e in shown]
        prefetched._prefetch_done = True
        material._prefetched_objects_cache = {"editions": prefetched}
        return "materials/detail.html", {"material": material, "chosen_edition_ids": set(), "chosen_count": 0}

    def other_changes(self, draft: Any) -> list[str]:
        return [
            f"Replaces the {' and the '.join(new.replaces())} of {new.edition.item_code} "
            f"({new.edition.get_language_display()})."
            for new in draft.files.select_related("edition")
        ]
