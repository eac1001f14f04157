"""Campaign pages and the messages people send through the contact form."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rescue_restore.markdown import render_translated_body


class Section(models.TextChoices):
    ABOUT_TRAFFICKING = "about-trafficking", _("About human trafficking")
    ABOUT_CAMPAIGN = "about-campaign", _("About the campaign")
    HEALTH_CARE = "health-care", _("Health care providers")
    SOCIAL_SERVICE = "social-service", _("Social service providers")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    EVERYONE = "everyone", _("Everyone else")
    GET_INVOLVED = "get-involved", _("Get involved")
    SITE = "site", _("About this site")  # disclaimer, privacy, accessibility…


AUDIENCE_SECTIONS = [Section.HEALTH_CARE, Section.SOCIAL_SERVICE, Section.LAW_ENFORCEMENT, Section.EVERYONE]


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publication_date__lte=timezone.localdate())

    def review_due(self, on=None):
        return self.filter(next_review_due__lte=on or timezone.localdate())


class Page(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The page's address: /pages/<slug>/")
    section = models.CharField(max_length=30, choices=Section.choices)
    summary = models.CharField(max_length=300, help_text="One or two plain sentences, shown in lists and search.")
    body = models.TextField(help_text="Markdown. Links to sites outside .gov and .mil get an exit notice.")
    body_html = models.TextField(editable=False, blank=True)
    publication_date = models.DateField(default=timezone.localdate)
    last_reviewed = models.DateField(default=timezone.localdate)
    next_review_due = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first in the section.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()
    audit_trail = HistoricalRecords()

    class Meta:
        ordering = ["section", "order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_reviewed__gte=models.F("publication_date")),
                name="page_reviewed_after_published",
                violation_error_message="The last reviewed date cannot be before the publication date.",
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True) | Q(next_review_due__gte=models.F("last_reviewed")),
                name="page_next_review_after_last",
                violation_error_message="The next review cannot be due before the last review.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        render_translated_body(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaign:page", kwargs={"slug": self.slug})


class ContactMessage(models.Model):
    class Topic(models.TextChoices):
        MATERIALS = "materials", _("Printed materials")
        COALITIONS = "coalitions", _("Coalitions and getting involved")
        TRAINING = "training", _("Training")
        MEDIA = "media", _("Media")
        WEBSITE = "website", _("This website")
        OTHER = "other", _("Something else")

    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    organization = models.CharField(max_length=150, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices)
    message = models.TextField(max_length=5000)
    received_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False)
    # Set by manage.py purge_personal_data (campaign/retention.py) when the sender's details are erased.
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contact_message_has_name"),
            models.CheckConstraint(condition=~Q(message=""), name="contact_message_has_text"),
        ]

    def __str__(self):
        return f"{self.get_topic_display()} from {self.name}"
