"""The clearance steps of a ModelAdmin: ask for review, approve, send back to draft (docs/clearance.md).

A ModelAdmin mixes in ``ClearanceAdminMixin`` and names, in ``clearance_steps``,
the service function each step calls. Each step is a small confirmation page
(GET) and a POST that calls the service; a refusal of the workflow (the author
approving their own change, a status that moved meanwhile) is shown as an
error and nothing changes. Drafts of live content (pages, materials) share their
whole admin: ``DraftAdmin`` (edit, preview, compare, clear) and, on the admin
of what they change, ``DraftedContentAdminMixin`` (start a draft, revisions,
roll back); ``rescue_restore.kernel.clearance_drafts_admin`` has them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from rescue_restore.admin import staff_user
from rescue_restore.kernel.workflow import InvalidTransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    # The mixins below go on a ModelAdmin: typed as one, they may use its attributes and methods.
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The author reads this: say what to change.",
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].replace("\x00", "").strip()
        if not reason:
            raise forms.ValidationError("Say why it goes back to draft.")
        return reason


class NoteForm(forms.Form):
    note = forms.CharField(label="Note (optional)", max_length=2000, required=False, widget=forms.Textarea({"rows": 3}))

    def clean_note(self) -> str:
        note: str = self.cleaned_data["note"].replace("\x00", "").strip()
        return note


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    from_statuses: frozenset[str]
    form_class: type[forms.Form]
    needs_approver: bool = False  # else: the model's change permission
    is_primary: bool = False
    explanation: str = ""
    service: Callable[..., object] | None = None  # called as service(obj, by=user, <the form's fields it takes>)


class ClearanceAdminMixin(_AdminBase):
    """Adds ``<pk>/clearance/<step>/`` pages and the step buttons of the change form (``clearance_actions``)."""

    clearance_steps: tuple[Step, ...] = ()
    clearance_url_prefix = ""  # "campaign_pagedraft"

    def run_clearance_step(self, obj: Any, step: Step, user: User, form: forms.Form) -> None:
        service = step.service
        if service is None:
            raise TypeError(f"The clearance step {step.slug!r} names no service.")
        accepted = inspect.signature(service).parameters
        service(obj, by=user, **{name: value for name, value in form.cleaned_data.items() if name in accepted})

    def clearance_permission(self, request: HttpRequest, obj: Any, step: Step) -> bool:
        may_approve = request.user.has_perm(obj.APPROVE_PERMISSION)
        if step.needs_approver:
            return may_approve
        if step.slug == "send_back":  # the reviewer sends it back with a reason; the author may withdraw it
            return may_approve or self.has_change_permission(request, obj)
        return self.has_change_permission(request, obj)

    def available_clearance_steps(self, request: HttpRequest, obj: Any) -> list[Step]:
        return [
            step
            for step in self.clearance_steps
            if obj.current_status in step.from_statuses
            and self.clearance_permission(request, obj, step)
            and (not step.needs_approver or step.slug != "approve" or obj.may_approve(request.user))
        ]

    def clearance_actions(self, request: HttpRequest, obj: Any) -> list[tuple[str, str, bool]]:
        return [
            (
                reverse(f"admin:{self.clearance_url_prefix}_clearance", args=[obj.pk, step.slug]),
                step.title,
                step.is_primary,
            )
            for step in self.available_clearance_steps(request, obj)
        ]

    def clearance_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.clearance_step_view)
        return [path("<int:pk>/clearance/<slug:step>/", view, name=f"{self.clearance_url_prefix}_clearance")]

    def clearance_step_view(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        steps = {candidate.slug: candidate for candidate in self.clearance_steps}
        if step not in steps or not self.has_view_permission(request, obj):
            raise PermissionDenied
        return self._run_step_page(request, obj, steps[step])

    def _run_step_page(self, request: HttpRequest, obj: Any, step: Step) -> HttpResponse:
        if not self.clearance_permission(request, obj, step):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.clearance_url_prefix}_change", args=[obj.pk])
        if obj.current_status not in step.from_statuses:
            messages.error(request, f"{step.title} is not possible: it is {obj.get_status_display().lower()}.")
            return redirect(change_url)
        form = step.form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                self.run_clearance_step(obj, step, staff_user(request), form)
            except InvalidTransitionError as refused:
                messages.error(request, f"{refused} Nothing was changed.")
            else:
                obj.refresh_from_db()
                messages.success(request, f"{step.title}: “{obj}” is now {obj.get_status_display().lower()}.")
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "step": step,
            "form": form,
            "change_url": change_url,
            "title": f"{step.title}: {obj}",
        }
        return TemplateResponse(request, "admin/clearance/step.html", context, status=400 if form.errors else 200)
