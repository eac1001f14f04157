"""Moderation in the shared admin.

Requests are never edited by hand: each decision (approve, decline, ask for
more information, answer with guidance) has a small page of its own for the
note the applicant reads, and calls one service function that writes the
history and queues the email. Listing statuses move through admin actions,
which use the same transition table.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from coalitions import reverification, services
from coalitions.forms import ApprovalForm, ModerationNoteForm
from coalitions.models import (
    MEMBER_STANDARD,
    AffiliationRequest,
    Coalition,
    ListingHistory,
    OutdatedReport,
    RequestHistory,
    Sector,
)
from rescue_restore.admin import ReadOnlyInline
from rescue_restore.kernel.workflow import InvalidTransitionError

MODERATE_PERMISSION = "coalitions.moderate_affiliationrequest"
Status = AffiliationRequest.Status


@dataclass(frozen=True)
class Decision:
    slug: str
    title: str
    status: str
    note_label: str
    note_required: bool
    note_help: str = ""


DECISIONS = {
    decision.slug: decision
    for decision in [
        Decision(
            "approve",
            "Approve",
            Status.APPROVED,
            "Note to the applicant (optional)",
            False,
            "Approving creates the listing, or updates it for an update request. It is public only if the "
            "applicant consented to be listed.",
        ),
        Decision("decline", "Decline", Status.DECLINED, "Reason (sent to the applicant)", True),
        Decision(
            "more-information",
            "Ask for more information",
            Status.MORE_INFORMATION_REQUESTED,
            "Your question (sent to the applicant, who replies by email)",
            True,
        ),
        Decision(
            "guidance",
            "Answer with guidance",
            Status.GUIDANCE_SENT,
            "Guidance (sent with links to the tool kits and campaign pages)",
            True,
        ),
    ]
}


def available_decisions(request_object):
    decisions = []
    for decision in DECISIONS.values():
        if not request_object.can_become(decision.status):
            continue
        if decision.slug == "approve" and request_object.kind == AffiliationRequest.Kind.FORM_NEW:
            continue
        decisions.append(decision)
    return decisions


def _decide(decision, request_object, user, cleaned_data):
    note = cleaned_data["note"]
    if decision.slug == "approve":
        existing = cleaned_data.get("existing_listing")
        return services.approve_request(request_object, by=user, note=note, existing=existing)
    if decision.slug == "decline":
        return services.decline_request(request_object, by=user, reason=note)
    if decision.slug == "more-information":
        return services.ask_for_more_information(request_object, by=user, question=note)
    return services.send_guidance(request_object, by=user, message=note)


class BelowStandardFilter(admin.SimpleListFilter):
    title = "member organizations"
    parameter_name = "members"

    def lookups(self, request, model_admin):
        return [("below", f"Fewer than {MEMBER_STANDARD}"), ("meets", f"{MEMBER_STANDARD} or more")]

    def queryset(self, request, queryset):
        if self.value() == "below":
            return queryset.filter(member_count__lt=MEMBER_STANDARD)
        if self.value() == "meets":
            return queryset.filter(member_count__gte=MEMBER_STANDARD)
        return queryset


class RequestHistoryInline(ReadOnlyInline):
    model = RequestHistory
    fields = readonly_fields = ("changed_at", "changed_by", "from_status", "to_status", "note")


@admin.register(AffiliationRequest)
class AffiliationRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "display_name",
        "community",
        "state",
        "kind",
        "status",
        "member_count",
        "below_standard",
        "submitted_at",
    ]
    list_filter = ["status", "kind", BelowStandardFilter, "state"]
    search_fields = ["reference", "coalition_name", "community", "email", "contact_name", "organization"]
    date_hierarchy = "submitted_at"
    inlines = [RequestHistoryInline]
    change_form_template = "admin/coalitions/affiliationrequest/change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["reference", "kind", "status", "coalition", "submitted_at", "applicant_note", "staff_notes"]},
        ),
        (
            "Coalition",
            {
                "fields": [
                    "coalition_name",
                    "community",
                    "state",
                    "member_count",
                    "below_standard",
                    "sectors",
                    "interested_organizations",
                    "task_force_exists",
                    "current_activities",
                    "covers_sex_and_labor_trafficking",
                ]
            },
        ),
        ("Applicant", {"fields": ["contact_name", "contact_role", "organization", "email", "phone"]}),
        (
            "Listing",
            {"fields": ["consent_to_list", "area_served", "year_founded", "coalition_website", "public_email"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Everything the applicant sent is read-only; moderators write only staff notes.
        every_field = [field for _name, options in self.fieldsets for field in options["fields"]]
        return [field for field in every_field if field != "staff_notes"]

    @admin.display(boolean=True, description=f"Fewer than {MEMBER_STANDARD} members")
    def below_standard(self, request_object):
        return request_object.below_member_standard

    @admin.display(description="sectors of the members")
    def sectors(self, request_object):
        return ", ".join(request_object.member_sector_labels) or "-"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        urls = [
            path(
                "<int:object_id>/decide/<slug:decision>/",
                self.admin_site.admin_view(self.decision_view),
                name="coalitions_affiliationrequest_decide",
            )
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        request_object = self.get_object(request, object_id)
        if request_object is not None and request.user.has_perm(MODERATE_PERMISSION):
            decisions = extra_context["decisions"] = available_decisions(request_object)
            # The main step is approving; a request to form a new coalition cannot be approved, so guidance is.
            slugs = [decision.slug for decision in decisions]
            main = "approve" if "approve" in slugs else "guidance"
            extra_context["workflow_actions"] = [
                (
                    reverse("admin:coalitions_affiliationrequest_decide", args=[request_object.pk, decision.slug]),
                    decision.title,
                    decision.slug == main,
                )
                for decision in decisions
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def decision_view(self, request, object_id, decision):
        """The small page where a moderator writes the note, then confirms the decision."""
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied
        if decision not in DECISIONS:
            raise PermissionDenied
        decision = DECISIONS[decision]
        request_object = get_object_or_404(AffiliationRequest, pk=object_id)
        change_url = reverse("admin:coalitions_affiliationrequest_change", args=[request_object.pk])
        if decision not in available_decisions(request_object):
            messages.error(
                request,
                f"{decision.title} is not possible: the request is {request_object.get_status_display().lower()}.",
            )
            return redirect(change_url)
        # Offer the existing listings only where approving would otherwise create a new one.
        choose_listing = decision.slug == "approve" and request_object.coalition is None
        form_class, extra = (
            (ApprovalForm, {"request_object": request_object}) if choose_listing else (ModerationNoteForm, {})
        )
        form = form_class(
            request.POST if request.method == "POST" else None,
            label=decision.note_label,
            required=decision.note_required,
            help_text=decision.note_help,
            **extra,
        )
        if request.method == "POST" and form.is_valid():
            try:
                _decide(decision, request_object, request.user, form.cleaned_data)
            except InvalidTransitionError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, f"{decision.title}: done. The applicant has been emailed.")
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": request_object,
            "decision": decision,
            "form": form,
            "change_url": change_url,
            "same_name_listings": services.same_name_listings(request_object) if choose_listing else [],
            "title": f"{decision.title}: {request_object.display_name}",
        }
        return TemplateResponse(request, "admin/coalitions/affiliationrequest/decide.html", context)


class CoalitionAdminForm(forms.ModelForm):
    partner_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Coalition
        fields = [
            "name",
            "slug",
            "city",
            "state",
            "area_served",
            "year_founded",
            "description",
            "website",
            "contact_email",
            "works_with_task_force",
            "partner_sectors",
            "is_synthetic",
        ]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The listing's address: /coalitions/this-slug/"}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in services.RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is used by another page under /coalitions/; choose another.")
        return slug


class ListingHistoryInline(ReadOnlyInline):
    model = ListingHistory
    fields = readonly_fields = ("changed_at", "changed_by", "from_status", "to_status", "note")


class OutdatedReportInline(admin.TabularInline):
    model = OutdatedReport
    extra = 0
    can_delete = False
    fields = ["received_at", "email", "message", "handled"]
    readonly_fields = ["received_at", "email", "message"]

    def has_add_permission(self, request, obj=None):
        return False


class NeedsReverificationFilter(admin.SimpleListFilter):
    title = "verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("due", "Needs re-verification")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset & Coalition.objects.needing_reverification()
        return queryset


@admin.register(Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):  # "History" shows every field change and who made it
    form = CoalitionAdminForm
    list_display = ["name", "city", "state", "listing_status", "last_verified", "out_of_date", "is_synthetic"]
    list_filter = ["listing_status", NeedsReverificationFilter, "is_synthetic", "state"]
    search_fields = ["name", "city", "area_served", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["listing_status", "last_verified", "reverification_sent_at", "created_at", "updated_at"]
    inlines = [OutdatedReportInline, ListingHistoryInline]
    actions = ["list_publicly", "mark_inactive", "mark_verified_today", "send_reverification_now"]

    @admin.display(boolean=True, description="out of date")
    def out_of_date(self, coalition):
        return coalition.out_of_date

    def _move(self, request, queryset, new_status, note):
        moved = 0
        for coalition in queryset:
            try:
                services.set_listing_status(coalition, new_status, by=request.user, note=note)
                moved += 1
            except InvalidTransitionError as refused:
                messages.error(request, f"{coalition.name}: {refused}")
        if moved:
            messages.success(request, f"{moved} listing(s) updated.")

    @admin.action(description="List publicly", permissions=["change"])
    def list_publicly(self, request, queryset):
        self._move(request, queryset, Coalition.ListingStatus.LISTED, "Listed by a moderator.")

    @admin.action(description="Mark inactive (remove from the directory)", permissions=["change"])
    def mark_inactive(self, request, queryset):
        self._move(request, queryset, Coalition.ListingStatus.INACTIVE, "Marked inactive by a moderator.")

    @admin.action(description="Mark verified today (confirmed by phone or email)", permissions=["change"])
    def mark_verified_today(self, request, queryset):
        note = f"Verified by a moderator ({request.user.get_username()}) by phone or email."
        public = list(queryset.filter(listing_status__in=Coalition.PUBLIC_STATUSES))
        for coalition in public:
            reverification.confirm_listing(coalition, by=request.user, note=note)
        skipped = queryset.count() - len(public)
        if skipped:
            messages.warning(
                request, f"Skipped {skipped} listing(s) not in the directory; only listed ones are verified."
            )
        if public:
            messages.success(request, f"Verified {len(public)} listing(s) today: {timezone.localdate():%B %-d, %Y}.")

    @admin.action(description="Email the contact a re-verification link now", permissions=["change"])
    def send_reverification_now(self, request, queryset):
        sent = 0
        for coalition in queryset.filter(listing_status__in=Coalition.PUBLIC_STATUSES).exclude(contact_email=""):
            reverification.email_contact(coalition)
            sent += 1
        messages.success(request, f"Re-verification links emailed: {sent}.")


@admin.register(OutdatedReport)
class OutdatedReportAdmin(admin.ModelAdmin):
    list_display = ["received_at", "coalition", "email", "handled"]
    list_filter = ["handled"]
    list_editable = ["handled"]
    list_select_related = ["coalition"]
    search_fields = ["coalition__name", "message", "email"]
    readonly_fields = ["coalition", "message", "email", "received_at"]

    def has_add_permission(self, request):
        return False
