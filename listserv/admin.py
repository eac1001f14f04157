"""Staff screens: topics (with CSV export), subscribers (read-only), bulletins (preview, test, send)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language_info
from simple_history.admin import SimpleHistoryAdmin

from listserv import clearance, emails, leases, sending
from listserv.export import confirmed_subscribers_csv
from listserv.models import Bulletin, BulletinEvent, Subscriber, SubscriberEvent, Topic
from rescue_restore.admin import MarkdownEditor, ReadOnlyInline
from rescue_restore.i18n.admin_translation import TranslatedContentAdmin
from rescue_restore.kernel.clearance_admin import ClearanceAdminMixin, NoteForm, ReasonForm, Step
from rescue_restore.kernel.revisions import revisions_context
from rescue_restore.kernel.workflow import InvalidTransitionError


def _other_languages():
    """The site's languages other than the default one (which every bulletin is written in)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@admin.register(Topic)
class TopicAdmin(TranslatedContentAdmin):
    translation_check_field = "name"
    list_display = ["name", "is_active", "order", "confirmed_subscribers", "export_link"]
    list_editable = ["is_active", "order"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        confirmed = Count("subscribers", filter=Q(subscribers__status=Subscriber.Status.CONFIRMED))
        return super().get_queryset(request).annotate(confirmed_count=confirmed)

    @admin.display(description="Confirmed subscribers", ordering="confirmed_count")
    def confirmed_subscribers(self, topic):
        return topic.confirmed_count

    @admin.display(description="Export")
    def export_link(self, topic):
        url = reverse("admin:listserv_topic_export", args=[topic.pk])
        return format_html('<a href="{}">CSV of confirmed subscribers</a>', url)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("<int:pk>/export/", export, name="listserv_topic_export"), *super().get_urls()]

    def export_view(self, request, pk):
        if not request.user.has_perm("listserv.view_subscriber"):
            raise PermissionDenied
        return confirmed_subscribers_csv(get_object_or_404(Topic, pk=pk))


class SubscriberEventInline(ReadOnlyInline):
    model = SubscriberEvent
    fields = readonly_fields = ("changed_at", "from_status", "to_status", "note", "changed_by")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "language", "created_at", "confirmed_at", "soft_bounces_in_a_row"]
    list_filter = ["status", "language", "topics"]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    # "language" is the language of all their email, bulletins included (the person chooses it).
    fields = ("email", "name", "status", "language", "topics", "created_at", "status_changed_at", "confirmed_at")
    readonly_fields = (*fields, "unsubscribed_at", "soft_bounces_in_a_row")
    inlines = [SubscriberEventInline]
    show_full_result_count = False  # a COUNT(*) over 100,000 rows on every page is wasted work

    def has_add_permission(self, request):
        return False  # people subscribe themselves (double opt-in); staff never add addresses


class BulletinEventInline(ReadOnlyInline):
    model = BulletinEvent
    fields = readonly_fields = ("changed_at", "from_status", "to_status", "changed_by", "note")


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["subject", "slug", "topics", "body", "send_at"]
        # Help text here, not on the model: the model's "<slug>" is stripped as a tag when the admin shows it.
        help_texts = {"slug": "The bulletin's address in the public archive: /listserv/archive/this-slug/"}
        widgets = {
            "topics": forms.CheckboxSelectMultiple(attrs={"class": "rr-checkbox"}),
            # One editor with its preview per language (django-modeltranslation's body_en, body_es).
            **{f"body_{code}": MarkdownEditor for code, _name in settings.LANGUAGES},
        }

    def clean(self):
        cleaned = super().clean()
        # A reader gets a language's version only when both its subject and body exist
        # (Bulletin.version_for): half a translation would be silently unused.
        for code in _other_languages():
            name = get_language_info(code)["name"]
            subject, body = f"subject_{code}", f"body_{code}"
            if subject in self.fields and body in self.fields and bool(cleaned.get(subject)) != bool(cleaned.get(body)):
                missing = body if cleaned.get(subject) else subject
                self.add_error(
                    missing,
                    f"Write both the subject and the body in {name}, or neither: readers of {name} get "
                    "the English bulletin until both exist.",
                )
        if self.instance.pk is not None and self.instance.status == Bulletin.Status.DRAFT:
            # The admin saves inside one transaction: holding the row lock until the save commits means a
            # send cannot start between this check and the save (it waits, then sends the saved text).
            current = Bulletin.objects.select_for_update().filter(pk=self.instance.pk).values_list("status").first()
            if current is None or current[0] != Bulletin.Status.DRAFT:
                raise forms.ValidationError(
                    "This bulletin is being sent or was sent while you were editing it, so your changes were not "
                    "saved. Sent bulletins are not edited; copy your text into a new bulletin instead."
                )
        return cleaned


def _claims(bulletin):
    return leases.claims_report(bulletin, timedelta(minutes=settings.HEALTHZ_STUCK_SENDING_MINUTES))


CLEARANCE_STEPS = (
    Step(
        "submit",
        "Ask for review",
        frozenset({Bulletin.Status.DRAFT}),
        NoteForm,
        is_primary=True,
        explanation="The content approvers get an email. The bulletin cannot be edited while it waits; you can "
        "still send yourself a test.",
        service=clearance.submit_for_review,
    ),
    Step(
        "approve",
        "Approve",
        frozenset({Bulletin.Status.IN_REVIEW}),
        NoteForm,
        needs_approver=True,
        is_primary=True,
        explanation="Once approved, a listserv manager can send it to subscribers (or it goes at the time set).",
        service=clearance.approve,
    ),
    Step(
        "send_back",
        "Send back to draft",
        frozenset({Bulletin.Status.IN_REVIEW, Bulletin.Status.APPROVED}),
        ReasonForm,
        service=clearance.send_back,
    ),
)


@admin.register(Bulletin)
class BulletinAdmin(
    ClearanceAdminMixin, SimpleHistoryAdmin, TranslatedContentAdmin
):  # "History" shows every field change and who made it
    translation_check_field = "subject"
    form = BulletinForm
    list_display = ["subject", "status", "sending_progress", "created_at", "send_at", "sent_at"]
    list_filter = ["status", "topics"]
    search_fields = ["subject", "body"]
    prepopulated_fields = {"slug": ["subject"]}
    fields = ["subject", "slug", "topics", "body", "send_at"]
    filter_horizontal = []
    inlines = [BulletinEventInline]
    actions = ["resume_sending"]
    change_form_template = "admin/listserv/bulletin/change_form.html"
    clearance_steps = CLEARANCE_STEPS
    clearance_url_prefix = "listserv_bulletin"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Bulletin.Status.DRAFT:
            # What was sent is the record; it is not edited afterwards (in any language).
            return self.replace_orig_field(self.fields)
        return []

    def view_on_site(self, bulletin):
        # Only sent bulletins are in the public archive; a draft's address would be a 404.
        return bulletin.get_absolute_url() if bulletin.status == Bulletin.Status.SENT else None

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.status != Bulletin.Status.DRAFT else self.prepopulated_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            clearance.record_edit(obj, by=request.user)
        elif obj.status == Bulletin.Status.DRAFT:
            # Only what the form edits: a full save would write back the status and dates as they were loaded.
            edited = ["subject", "slug", "body", "send_at", *self.replace_orig_field(["subject", "body"])]
            obj.save(update_fields=[*edited, "updated_at"])
            clearance.record_edit(obj, by=request.user)
        # A bulletin being sent or sent has nothing editable; saving it must not undo the worker's changes.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        bulletin = self.get_object(request, object_id)
        can_send = request.user.has_perm("listserv.send_bulletin")
        is_draft = bulletin is not None and bulletin.status == Bulletin.Status.DRAFT
        actions = []
        if bulletin is not None:
            actions += self.clearance_actions(request, bulletin)
            if bulletin.status == Bulletin.Status.APPROVED and can_send:
                send_url = reverse("admin:listserv_bulletin_send", args=[bulletin.pk])
                actions.append((send_url, "Send to subscribers…", True))
            preview_url = reverse("admin:listserv_bulletin_preview", args=[bulletin.pk])
            actions.append((preview_url, "Preview as an email", False))
            revisions_url = reverse("admin:listserv_bulletin_revisions", args=[bulletin.pk])
            actions.append((revisions_url, "Compare revisions", False))
        extra = {
            "can_send": can_send,
            "delivery_counts": sending.delivery_counts(bulletin) if bulletin else {},
            "workflow_actions": actions,
            "claims": _claims(bulletin) if bulletin and bulletin.status == Bulletin.Status.SENDING else None,
            "author_cannot_approve": bulletin is not None
            and bulletin.status == Bulletin.Status.IN_REVIEW
            and request.user.has_perm(Bulletin.APPROVE_PERMISSION)
            and not bulletin.may_approve(request.user),
        }
        if bulletin is not None and not is_draft:
            # Being sent or sent: every field is the record, so there is nothing to save.
            extra.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="listserv_bulletin_preview"),
            path("<int:pk>/send-test/", view(self.send_test_view), name="listserv_bulletin_send_test"),
            path("<int:pk>/send/", view(self.send_view), name="listserv_bulletin_send"),
            path("<int:pk>/revisions/", view(self.revisions_view), name="listserv_bulletin_revisions"),
            *self.clearance_urls(),
            *super().get_urls(),
        ]

    def _bulletin(self, request, pk):
        bulletin = get_object_or_404(Bulletin, pk=pk)
        if not self.has_view_permission(request, bulletin):
            raise PermissionDenied
        return bulletin

    def _context(self, request, bulletin, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": bulletin,
            "bulletin": bulletin,
            "title": title,
        }

    def preview_view(self, request, pk):
        bulletin = self._bulletin(request, pk)
        context = self._context(request, bulletin, f"Preview: {bulletin.subject}")
        context["body_html"] = emails.bulletin_email_html(bulletin, settings.LANGUAGE_CODE)
        context["other_versions"] = [
            (get_language_info(code)["name"], bulletin.version_for(code), emails.bulletin_email_html(bulletin, code))
            for code in _other_languages()
            if bulletin.written_in(code)
        ]
        return TemplateResponse(request, "admin/listserv/bulletin/preview.html", context)

    def revisions_view(self, request, pk):
        """Any two saved versions of the bulletin, word by word, in one language."""
        bulletin = self._bulletin(request, pk)
        context = {
            **self._context(request, bulletin, f"Revisions of “{bulletin.subject}”"),
            **revisions_context(bulletin.audit_trail, request.GET, ["subject", "body"]),
            "change_url": reverse("admin:listserv_bulletin_change", args=[bulletin.pk]),
            "roll_back_url": None,  # a bulletin is rewritten in its draft; what was sent stays as sent
        }
        return TemplateResponse(request, "admin/clearance/revisions.html", context)

    def send_test_view(self, request, pk):
        """POST: the bulletin, marked as a test, to the signed-in staff member only."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        bulletin = self._bulletin(request, pk)
        change_url = reverse("admin:listserv_bulletin_change", args=[bulletin.pk])
        if not request.user.email:
            messages.error(request, "Your staff account has no email address, so there is nowhere to send the test.")
            return redirect(change_url)
        copies = emails.send_bulletin_test(bulletin, request.user.email)
        if len(copies) == 1:
            messages.success(request, f"A test copy is on its way to {request.user.email}.")
        else:
            messages.success(
                request, f"{len(copies)} test copies, one per language, are on their way to {request.user.email}."
            )
        return redirect(change_url)

    def send_view(self, request, pk):
        bulletin = self._bulletin(request, pk)
        if not request.user.has_perm("listserv.send_bulletin"):
            raise PermissionDenied
        change_url = reverse("admin:listserv_bulletin_change", args=[bulletin.pk])
        if request.method == "POST":
            try:
                sending.start_sending(bulletin, by=request.user)
            except InvalidTransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Sending “{bulletin.subject}”. The counts below update as batches go out.")
            return redirect(change_url)
        context = self._context(request, bulletin, f"Send: {bulletin.subject}")
        context["recipient_count"] = sending.recipient_ids(bulletin).count()
        recipients = sending.recipient_ids(bulletin)
        context["readers_without_their_language"] = [
            (get_language_info(code)["name"], count)
            for code in _other_languages()
            if not bulletin.written_in(code) and (count := recipients.filter(language=code).count())
        ]
        context["change_url"] = change_url
        return TemplateResponse(request, "admin/listserv/bulletin/send.html", context)

    @admin.display(description="Sending")
    def sending_progress(self, bulletin):
        """Only for bulletins being sent: what waits, and whether rows are stuck past their claim."""
        if bulletin.status != Bulletin.Status.SENDING:
            return ""
        counts = sending.delivery_counts(bulletin)
        claims = _claims(bulletin)
        text = f"{counts['sent']} sent, {counts['pending']} waiting, {counts['sending']} being sent"
        if claims["stuck"]:
            return format_html("{}; <strong>{} stuck: no worker is taking them back</strong>", text, claims["stuck"])
        return text

    @admin.action(description="Resume sending (recipients still waiting; never twice)", permissions=["send"])
    def resume_sending(self, request, queryset):
        resumed = sending.resume_sending(queryset)
        summary = "; ".join(f"{bulletin.subject}: {what}" for bulletin, what in resumed) or "nothing to resume"
        messages.info(request, summary)

    def has_send_permission(self, request):
        return request.user.has_perm("listserv.send_bulletin")
