"""Campaign pages and the messages people send through the contact form."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rescue_restore.kernel.drafts import Draft
from rescue_restore.kernel.revisions import normalize_line_endings
from rescue_restore.kernel.workflow import Clearance, StatusHistory, status_columns
from rescue_restore.text.markdown import render_translated_body


class Section(models.TextChoices):
    ABOUT_TRAFFICKING = "about-trafficking", _("About human trafficking")
    ABOUT_CAMPAIGN = "about-campaign", _("About the campaign")
    HEALTH_CARE = "health-care", _("Health care providers")
    SOCIAL_SERVICE = "social-service", _("Social service providers")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    EVERYONE = "everyone", _("Everyone else")
    GET_INVOLVED = "get-involved", _("Get involved")
    SITE = "site", _("About this site")  # disclaimer, privacy, accessibility…

    # Sentences that name an audience are whole strings, one per audience, not the label lowercased
    # into a frame: Spanish needs its own article for each ("para el público en general").
    @property
    def resources_link_text(self):
        return _AUDIENCE_PHRASES[self][0]

    @property
    def guidance_text(self):
        return _AUDIENCE_PHRASES[self][1]

    @property
    def related_heading(self):
        return _AUDIENCE_PHRASES[self][2]


AUDIENCE_SECTIONS = [Section.HEALTH_CARE, Section.SOCIAL_SERVICE, Section.LAW_ENFORCEMENT, Section.EVERYONE]

# For each audience: its home-page button, the card text when it has no page yet, and the heading
# over the materials and coalitions listed below its pages.
_AUDIENCE_PHRASES = {
    Section.HEALTH_CARE: (
        _("Resources for health care providers"),
        _("Guidance for health care providers."),
        _("Materials and coalitions for health care providers"),
    ),
    Section.SOCIAL_SERVICE: (
        _("Resources for social service providers"),
        _("Guidance for social service providers."),
        _("Materials and coalitions for social service providers"),
    ),
    Section.LAW_ENFORCEMENT: (
        _("Resources for law enforcement"),
        _("Guidance for law enforcement."),
        _("Materials and coalitions for law enforcement"),
    ),
    Section.EVERYONE: (
        _("Resources for everyone else"),
        _("Guidance for everyone else."),
        _("Materials and coalitions for everyone else"),
    ),
}


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publication_date__lte=timezone.localdate())

    def review_due(self, on=None):
        return self.filter(next_review_due__lte=on or timezone.localdate())


class Page(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("The page's address: /pages/<slug>/"))
    section = models.CharField(_("section"), max_length=30, choices=Section.choices)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences, shown in lists and search.")
    )
    body = models.TextField(
        _("body"), help_text=_("Markdown. Links to sites outside .gov and .mil get an exit notice.")
    )
    body_html = models.TextField(editable=False, blank=True)
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("The page leaves the public site at this time (the scheduler checks every five minutes)."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers come first in the section.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()
    audit_trail = HistoricalRecords()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["section", "order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_reviewed__gte=models.F("publication_date")),
                name="page_reviewed_after_published",
                violation_error_message=_("The last reviewed date cannot be before the publication date."),
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True) | Q(next_review_due__gte=models.F("last_reviewed")),
                name="page_next_review_after_last",
                violation_error_message=_("The next review cannot be due before the last review."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A browser posts a textarea with CRLF line endings: stored as typed, every save of an
        # unchanged page would be recorded in its history as a change of the whole body.
        for code, _name in settings.LANGUAGES:
            for field in ("body", "summary"):
                value = getattr(self, f"{field}_{code}", None)
                if value:
                    setattr(self, f"{field}_{code}", normalize_line_endings(value))
        render_translated_body(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaign:page", kwargs={"slug": self.slug})


class PageDraft(Draft):
    """A proposed change to one language of a page; the page stays as it is until the draft is published."""

    HISTORY_MODEL = "PageDraftEvent"
    APPROVE_PERMISSION = "campaign.approve_pagedraft"
    SUBJECT_FIELD = "page"
    TEXT_FIELDS = ("title", "summary", "body")
    MULTILINE_FIELDS = ("summary", "body")

    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="drafts")
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences, shown in lists and search.")
    )
    body = models.TextField(
        _("body"), help_text=_("Markdown. Links to sites outside .gov and .mil get an exit notice.")
    )

    class Meta(Draft.Meta):
        verbose_name = _("page draft")
        verbose_name_plural = _("page drafts")
        permissions = [("approve_pagedraft", "Can approve a page change written by someone else")]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"],
                condition=~Q(status="published"),
                name="campaign_one_open_draft_per_language",
                violation_error_message=_("This page already has an open draft in this language."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="campaign_page_draft_has_title"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="campaign_page_draft_published_has_date",
            ),
        ]


class PageDraftEvent(StatusHistory):
    draft = models.ForeignKey(PageDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_columns(Clearance)

    class Meta(StatusHistory.Meta):
        verbose_name = _("page draft event")
        verbose_name_plural = _("page draft events")


class ContactMessage(models.Model):
    class Topic(models.TextChoices):
        MATERIALS = "materials", _("Printed materials")
        COALITIONS = "coalitions", _("Coalitions and getting involved")
        TRAINING = "training", _("Training")
        MEDIA = "media", _("Media")
        WEBSITE = "website", _("This website")
        OTHER = "other", _("Something else")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email address"), max_length=254)
    organization = models.CharField(_("organization"), max_length=150, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=5000)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)
    # Set by manage.py purge_personal_data (campaign/retention.py) when the sender's details are erased.
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contact_message_has_name"),
            models.CheckConstraint(condition=~Q(message=""), name="contact_message_has_text"),
        ]

    def __str__(self):
        return _("%(topic)s from %(name)s") % {"topic": self.get_topic_display(), "name": self.name}


from campaign.synonyms import SearchSynonym  # noqa: E402, F401 (a model of this app, kept in its own module)
