"""The division's branded admin site and its dashboard.

The dashboard asks each app's ``dashboard.py`` for ``cards(request)``: a list
of ``DashboardCard`` the signed-in person is allowed to see.
"""

from dataclasses import dataclass
from functools import update_wrapper
from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_POST

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.models import OutgoingEmail, ScheduledRun
from rescue_restore.text.markdown import render_markdown

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Apps only the people who run the site need (the outbox, background task results). The dashboard lists them
# last, under "Technical", and only for superusers: a role that was granted one by hand still does not see them
# among its daily work.
TECHNICAL_APP_LABELS = frozenset({"rescue_restore", "django_tasks_database"})
PREVIEW_MAX_CHARACTERS = 100_000


def staff_user(request: HttpRequest) -> "User":
    """The signed-in user of an admin view (``admin_site.admin_view`` has let only active staff in)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


@dataclass(frozen=True)
class DashboardCard:
    title: str
    count: int
    url: str
    attention: bool = False  # highlight: something is waiting for a person


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their parent as a record (history, items): never added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@require_POST
def markdown_preview(request):
    """Staff-written Markdown rendered exactly as the site will show it (the one renderer), for the editor's preview.

    POST, so the text travels in the body and the admin's CSRF protection applies.
    Answers ``{"html": ...}``: nh3-sanitized, safe to insert into the page.
    """
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARACTERS:
        return HttpResponseBadRequest("Too long to preview.")
    return JsonResponse({"html": render_markdown(text.replace("\x00", ""))})


class MarkdownEditor(forms.Textarea):
    """A Markdown textarea with a live preview beside it (static/js/admin-markdown-preview.js)."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "data-markdown-preview": reverse_lazy("admin:markdown_preview"), **(attrs or {})})

    class Media:
        js = ["js/admin-markdown-preview.js"]


class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "purpose", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "recipients"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ScheduledRunAdmin(admin.ModelAdmin):
    """When each periodic job last ran and how it ended: the scheduler's own record, read-only."""

    list_display = ["job", "period_start", "outcome", "claimed_by", "claimed_at", "finished_at"]
    list_filter = ["outcome", "job"]
    date_hierarchy = "period_start"
    readonly_fields = [field.name for field in ScheduledRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RescueRestoreAdminSite(admin.AdminSite):
    site_header = "Rescue & Restore administration"
    site_title = "Rescue & Restore staff"
    index_title = "Staff dashboard"
    index_template = "admin/rr_index.html"
    enable_nav_sidebar = False

    def admin_view(self, view, cacheable=False):
        """Change lists and autocomplete refuse a NUL in the query string with a 400.

        Their filters and search hand query values straight to the database,
        and PostgreSQL refuses NUL in text, which would otherwise be a 500.
        Custom pages (reports) validate their own query with forms and say
        what is wrong, so they are left to do that.
        """
        protected = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            # The catch-all view (any unknown admin URL) has no URL name.
            url_name = (request.resolver_match.url_name if request.resolver_match else None) or ""
            passes_query_to_database = url_name.endswith("_changelist") or url_name == "autocomplete"
            if passes_query_to_database and any("\x00" in name + value for name, value in request.GET.items()):
                raise SuspiciousOperation("NUL character in an admin query string")
            return protected(request, *args, **kwargs)

        return update_wrapper(checked, protected)

    def has_permission(self, request):
        """Staff who also passed a second factor: a password alone opens no admin page."""
        from rescue_restore.accounts.services import is_verified

        return super().has_permission(request) and is_verified(request.user)

    def get_app_list(self, request, app_label=None):
        """Built once per request: the index and every page's context both ask for it.

        Building it runs each ModelAdmin's permission checks, some of which
        query; the second factor's device lookup costs one query per request,
        and this pays for it.
        """
        if app_label is not None:
            return super().get_app_list(request, app_label)
        if not hasattr(request, "_rr_app_list"):
            request._rr_app_list = super().get_app_list(request)
        return request._rr_app_list

    def login(self, request, extra_context=None):
        """The password step; then the second factor (rescue_restore.accounts) before any admin page."""
        from rescue_restore.accounts import lockout
        from rescue_restore.accounts.middleware import verification_url

        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not self.has_permission(request):
            return redirect(verification_url(request.user, request.GET.get("next", "")))
        throttled = lockout.throttle_sign_in(request)
        if throttled:
            return throttled
        response = super().login(request, extra_context)
        if response.status_code == 302 and request.user.is_authenticated and not self.has_permission(request):
            return redirect(verification_url(request.user, response["Location"]))
        return response

    def index(self, request, extra_context=None):
        cards, waiting = [], []
        for _app, module in app_modules("dashboard"):
            cards.extend(module.cards(request))
            if hasattr(module, "waiting_for_clearance"):
                waiting.extend(module.waiting_for_clearance(request))
        waiting.sort(key=lambda item: item.since)  # the longest wait first
        context = {"dashboard_cards": cards, "waiting_for_clearance": waiting, **(extra_context or {})}
        response = super().index(request, context)
        # The response renders lazily: split the app list it already built (no second permission check).
        apps = response.context_data["app_list"]
        response.context_data["daily_apps"] = [app for app in apps if app["app_label"] not in TECHNICAL_APP_LABELS]
        response.context_data["technical_apps"] = (
            [app for app in apps if app["app_label"] in TECHNICAL_APP_LABELS] if request.user.is_superuser else []
        )
        return response

    def get_urls(self):
        preview = path("markdown-preview/", self.admin_view(markdown_preview), name="markdown_preview")
        return [preview, *super().get_urls()]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Registered here, not with @admin.register: this module is imported while
        # the default site is being built, so a decorator would register the
        # outbox on a throwaway instance and it would never appear.
        self.register(OutgoingEmail, OutgoingEmailAdmin)
        self.register(ScheduledRun, ScheduledRunAdmin)
