"""The admin of drafts of live content, shared by pages and materials (docs/clearance.md).

``DraftAdmin`` is a draft's own screen: edit it while it is a draft, preview it
exactly as the public will see it (staff only, never stored, never indexed),
compare it with the public version, and the clearance steps. An app's subclass
names its ``clearance`` (a ``rescue_restore.kernel.clearance.DraftClearance``) and says
how its preview is made (``preview_response``).

``DraftedContentAdminMixin`` goes on the admin of what the drafts change (a page,
a material): "Change the English text (as a draft)", every revision compared
word by word, and rolling back to one as a new draft.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import translation

from rescue_restore.admin import ReadOnlyInline, staff_user
from rescue_restore.i18n.languages import LanguageVersion
from rescue_restore.kernel.clearance import DraftClearance
from rescue_restore.kernel.clearance_admin import ClearanceAdminMixin, NoteForm, ReasonForm, Step
from rescue_restore.kernel.revisions import compare_fields, revisions_context
from rescue_restore.kernel.workflow import Clearance, InvalidTransitionError
from rescue_restore.web.privacy import personal_page

if TYPE_CHECKING:
    # DraftedContentAdminMixin goes on a ModelAdmin (with modeltranslation's TranslationAdmin).
    from modeltranslation.admin import TranslationAdmin

    _AdminBase = TranslationAdmin[Any]
    _ModelAdmin = admin.ModelAdmin[Any]  # generic for the type checker only (no runtime subscript)
else:
    _AdminBase = object
    _ModelAdmin = admin.ModelAdmin


def draft_steps(clearance: DraftClearance[Any, Any]) -> tuple[Step, ...]:
    """Ask for review, approve, send back, publish now: each calling ``clearance``'s move."""
    return (
        Step(
            "submit",
            "Ask for review",
            frozenset({Clearance.DRAFT}),
            NoteForm,
            is_primary=True,
            explanation="The content approvers get an email. The draft cannot be edited while it waits; "
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
            explanation="The approved change replaces the public version now instead of at the time set.",
            service=clearance.publish,
        ),
    )


class DraftHistoryInline(ReadOnlyInline):
    """A draft's history rows (who, when, from, to, the note or reason), read-only.

    Shown to everyone who may see the draft: the author reads there why it came back
    to draft, though no role holds a permission on the history model itself.
    """

    fields = ("changed_at", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields
    verbose_name_plural = "History of this draft"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # an inline is only shown under its draft, whose page the admin already let this person see


def draft_event_inline(event_model: type[models.Model]) -> type[ReadOnlyInline]:
    """The history inline of a draft model whose rows are ``event_model``."""
    return type(
        f"{event_model.__name__}Inline",
        (DraftHistoryInline,),
        {"model": event_model, "__module__": event_model.__module__},
    )


class DraftAdmin(ClearanceAdminMixin, _ModelAdmin):
    """A draft's screen; subclasses set ``clearance`` and ``preview_response`` (and ``form``, ``inlines``)."""

    clearance: DraftClearance[Any, Any]
    change_form_template = "admin/clearance/draft_change_form.html"
    list_filter = ["status", "language"]

    def __init__(self, model: type[models.Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        self.clearance_steps = draft_steps(self.clearance)
        self.clearance_url_prefix = f"{self.opts.app_label}_{self.opts.model_name}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a draft starts from what it changes ("Change the English text")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A published draft is the record of what went public.
        return super().has_delete_permission(request, obj) and (obj is None or obj.status != Clearance.PUBLISHED)

    def editable_fields(self) -> list[str]:
        return [*self.model.TEXT_FIELDS, "publish_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.status != Clearance.DRAFT:
            return self.editable_fields()  # what a reviewer clears does not change under them
        return []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if obj.status != Clearance.DRAFT:
            return
        # Only what the author writes: the status and dates belong to the workflow.
        obj.save(update_fields=[*self.editable_fields(), "updated_at"])
        self.clearance.record_edit(obj, by=staff_user(request))

    def _url(self, name: str, draft: Any) -> str:
        return reverse(f"admin:{self.clearance_url_prefix}_{name}", args=[draft.pk])

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        draft = self.get_object(request, object_id)
        extra: dict[str, Any] = {}
        if draft is not None:
            subject_opts = draft.subject._meta
            actions = [
                (self._url("preview", draft), "Preview as the public will see it", False),
                (self._url("compare", draft), f"Compare with the public {subject_opts.verbose_name}", False),
            ]
            extra["workflow_actions"] = self.clearance_actions(request, draft) + actions
            extra["subject_kind"] = subject_opts.verbose_name
            extra["subject_url"] = reverse(
                f"admin:{subject_opts.app_label}_{subject_opts.model_name}_change", args=[draft.subject.pk]
            )
            extra["author_cannot_approve"] = (
                draft.status == Clearance.IN_REVIEW
                and request.user.has_perm(draft.APPROVE_PERMISSION)
                and not draft.may_approve(request.user)
            )
            if draft.status != Clearance.DRAFT:
                extra.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        prefix = self.clearance_url_prefix
        return [
            path("<int:pk>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path("<int:pk>/compare/", view(self.compare_view), name=f"{prefix}_compare"),
            *self.clearance_urls(),
            *super().get_urls(),
        ]

    def viewable_draft(self, request: HttpRequest, pk: int) -> Any:
        draft = get_object_or_404(self.model.objects.select_related(self.model.SUBJECT_FIELD), pk=pk)
        if not self.has_view_permission(request, draft):
            raise PermissionDenied
        return draft

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        """The public page with the draft in it, in the draft's language: staff only, never stored or indexed."""
        return personal_page(self._preview)(request, pk)

    def _preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        draft = self.viewable_draft(request, pk)
        with translation.override(draft.language):
            messages.info(
                request, f"Preview of a draft ({draft.get_status_display().lower()}): not on the public site."
            )
            template, context = self.preview_response(request, draft)
            # The language switcher leads to the other language's draft, never to an address
            # that does not exist (/es/admin/…) or to the same preview again.
            context["preview_language_versions"] = self.preview_language_versions(draft)
            response = TemplateResponse(request, template, context)
            response.render()
        return response

    def preview_response(self, request: HttpRequest, draft: Any) -> tuple[str, dict[str, Any]]:
        """``(public template, its context)`` showing ``draft`` in place of the public version (never saved)."""
        raise NotImplementedError

    @staticmethod
    def subject_as_drafted(draft: Any) -> models.Model:
        """The draft's page or material in memory with the draft's text in its language; it refuses to be saved."""
        subject: models.Model = draft.subject
        for field, value in draft.text().items():
            setattr(subject, f"{field}_{draft.language}", value)
        subject.save = _refuse_to_save  # type: ignore[method-assign]  # on this one instance, on purpose
        return subject

    def preview_language_versions(self, draft: Any) -> list[LanguageVersion]:
        """This preview, and the preview of each other language's open draft of the same item."""
        drafts = self.model.objects.open().filter(**{self.model.SUBJECT_FIELD: draft.subject}).exclude(pk=draft.pk)
        by_language = {other.language: other for other in drafts}
        by_language[draft.language] = draft
        return [
            LanguageVersion(code, name, self._url("preview", by_language[code]), code == draft.language)
            for code, name in settings.LANGUAGES
            if code in by_language
        ]

    def compare_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        draft = self.viewable_draft(request, pk)
        live = self.clearance.live_text(draft.subject, draft.language)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": draft,
            "comparison": compare_fields(live, draft.text(), self.markdown_fields),
            "older_label": f"Public now ({draft.get_language_display()})",
            "newer_label": "This draft",
            "change_url": self._url("change", draft),
            "extra_changes": self.other_changes(draft),
            "title": f"Compare: {draft}",
        }
        return TemplateResponse(request, "admin/clearance/compare.html", context)

    markdown_fields: tuple[str, ...] = ("body",)

    def other_changes(self, draft: Any) -> list[str]:
        """What else publishing the draft changes, one sentence each (files a material's draft replaces)."""
        return []


class DraftedContentAdminMixin(_AdminBase):
    """On the admin of what drafts change: start a draft, compare revisions, roll back (as a new draft).

    The admin sets ``clearance`` (its app's ``DraftClearance``) and ``content_fields``
    (the translated fields drafts change; ``revision_markdown_fields``: the Markdown
    ones). While the item is on the site those fields are shown, not editable; an item
    not on the site yet is written directly and goes on the site with its first
    cleared draft in the default language, so "published" is never ticked by hand.
    The item's model has a ``published()`` queryset, ``is_published`` and ``audit_trail``.
    """

    clearance: DraftClearance[Any, Any]
    content_fields: tuple[str, ...] = ()
    revision_markdown_fields: tuple[str, ...] = ()
    drafted_content = "its text changes"  # what drafts change, in the notice on a live item's page

    def is_live(self, obj: Any) -> bool:
        """On the public site now: its content changes only through a draft."""
        return obj is not None and obj.pk is not None and self.model.objects.published().filter(pk=obj.pk).exists()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = ["is_published"] if obj is None or not obj.is_published else []  # taking it off needs no approval
        if self.is_live(obj):
            readonly += self.replace_orig_field(list(self.content_fields))  # the cleared text, never edited here
        return readonly

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Sequence[str]]:
        return {} if self.is_live(obj) else self.prepopulated_fields

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        name = self.opts.verbose_name
        extra = {
            "workflow_actions": self.draft_actions(request, obj) if obj is not None else [],
            "actions_heading": f"Change this {name}",
            "live_notice": f"This {name} is on the public site: {self.drafted_content} through a draft "
            "that a content approver clears."
            if self.is_live(obj)
            else "",
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self) -> list[URLPattern]:
        return [*self.drafted_urls(), *super().get_urls()]

    def _name(self, name: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{name}"

    def _draft_name(self, name: str) -> str:
        opts = self.clearance.draft_model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{name}"

    def may_start_draft(self, request: HttpRequest, obj: Any) -> bool:
        opts = self.clearance.draft_model._meta
        return self.has_change_permission(request, obj) and request.user.has_perm(
            f"{opts.app_label}.add_{opts.model_name}"
        )

    def draft_actions(self, request: HttpRequest, obj: Any) -> list[tuple[str, str, bool]]:
        """The buttons of ``obj``'s change form: each language's draft, then "Compare and roll back"."""
        actions = []
        if self.has_change_permission(request, obj):
            subject_field = self.clearance.draft_model.SUBJECT_FIELD
            open_drafts = {
                draft.language: draft
                for draft in self.clearance.draft_model.objects.open().filter(**{subject_field: obj})
            }
            for code, name in settings.LANGUAGES:
                open_draft = open_drafts.get(code)
                title = (
                    f"Open the {name} draft ({open_draft.get_status_display().lower()})"
                    if open_draft
                    else f"Change the {name} text (as a draft)"
                )
                url = reverse(f"admin:{self._name('start_draft')}", args=[obj.pk, code])
                actions.append((url, title, code == settings.LANGUAGE_CODE))
        actions.append((reverse(f"admin:{self._name('revisions')}", args=[obj.pk]), "Compare and roll back", False))
        return actions

    def drafted_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/draft/<str:language>/", view(self.start_draft_view), name=self._name("start_draft")),
            path("<int:pk>/revisions/", view(self.revisions_view), name=self._name("revisions")),
            path("<int:pk>/roll-back/", view(self.roll_back_view), name=self._name("roll_back")),
        ]

    def _change_url(self, obj: Any) -> str:
        return reverse(f"admin:{self._name('change')}", args=[obj.pk])

    def start_draft_view(self, request: HttpRequest, pk: int, language: str) -> HttpResponse:
        """POST: open (or start, from the live text) the item's draft in one language."""
        obj = get_object_or_404(self.model, pk=pk)
        if not self.may_start_draft(request, obj):
            raise PermissionDenied
        if language not in dict(settings.LANGUAGES):
            messages.error(request, "That is not one of the site's languages.")
            return redirect(self._change_url(obj))
        subject_field = self.clearance.draft_model.SUBJECT_FIELD
        drafts = self.clearance.draft_model.objects.open().filter(**{subject_field: obj}, language=language)
        open_draft = drafts.first()
        if open_draft is None and request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "change_url": self._change_url(obj),
                "language_name": dict(settings.LANGUAGES)[language],
                "title": f"Change “{obj}” as a draft",
            }
            return TemplateResponse(request, "admin/clearance/start_draft.html", context)
        draft = open_draft or self.clearance.start_draft(obj, language, by=staff_user(request))
        return redirect(self._draft_name("change"), draft.pk)

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Every saved version of the item, any two compared word by word, in one language."""
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **revisions_context(obj.audit_trail, request.GET, self.content_fields, self.revision_markdown_fields),
            "opts": self.opts,
            "original": obj,
            "change_url": self._change_url(obj),
            "roll_back_url": reverse(f"admin:{self._name('roll_back')}", args=[obj.pk])
            if self.may_start_draft(request, obj)
            else None,
            "title": f"Revisions of “{obj}”",
        }
        return TemplateResponse(request, "admin/clearance/revisions.html", context)

    def roll_back_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """POST ``revision`` and ``language``: a new draft with that revision's text, cleared like any change."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=pk)
        if not self.may_start_draft(request, obj):
            raise PermissionDenied
        revisions_url = reverse(f"admin:{self._name('revisions')}", args=[obj.pk])
        revision = obj.audit_trail.filter(history_id=_as_int(request.POST.get("revision"))).first()
        language = request.POST.get("language", "")
        if revision is None or language not in dict(settings.LANGUAGES):
            messages.error(request, "Choose a revision and a language to roll back to. Nothing was changed.")
            return redirect(revisions_url)
        try:
            draft = self.clearance.roll_back(obj, revision, language, by=staff_user(request))
        except InvalidTransitionError as refused:
            messages.error(request, f"{refused} Nothing was changed.")
            return redirect(revisions_url)
        messages.success(request, "A draft with the old text is ready. Ask for review to put it back on the site.")
        return redirect(self._draft_name("change"), draft.pk)


def _refuse_to_save(*args: object, **kwargs: object) -> None:
    raise RuntimeError("A preview never saves what it shows.")


def _as_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
