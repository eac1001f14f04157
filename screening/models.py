"""The guided look at the signs: settings, their questions, the sources cited and the result texts.

Staff write every text in English and Spanish (``translation.py``) and keep a
last-reviewed date on each question, source and result text. The answers a
visitor gives are never stored: no model here holds them (docs/screening.md).
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """The campaign's audience sections (their values), used to gather matching materials."""

    HEALTH_CARE = "health-care", _("Health care providers")
    SOCIAL_SERVICE = "social-service", _("Social service providers")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    EVERYONE = "everyone", _("Everyone")


class Source(models.Model):
    """A published list of indicators a question is drawn from."""

    slug = models.SlugField(_("short name"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year published"), null=True, blank=True)
    url = models.URLField(_("address"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")

    def __str__(self):
        return self.title


class SettingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Setting(models.Model):
    """Where the person met someone: a health care visit, a shelter, a traffic stop…"""

    slug = models.SlugField(_("address"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(_("audience for materials"), max_length=30, choices=Audience.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Shown with a demo label: written as an example, not reviewed.")
    )
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    objects = SettingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("setting")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("screening:setting", args=[self.slug])


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Question(models.Model):
    """One yes / no / not sure question, and the sign it looks for in plain words."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=300)
    sign = models.CharField(
        _("sign, in plain words"),
        max_length=200,
        help_text=_("Listed on the result when the answer is yes, and read out to the hotline."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="questions", verbose_name=_("source"))
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["setting", "order", "pk"]
        verbose_name = _("question")
        constraints = [
            models.UniqueConstraint(fields=["setting", "order"], name="screening_question_order_unique"),
        ]

    def __str__(self):
        return self.text


class ResultText(models.Model):
    """The texts of the result page, one row per part."""

    class Part(models.TextChoices):
        ABOUT = "about", _("About this result (never a verdict)")
        SIGNS_NOTICED = "signs-noticed", _("Above the signs noticed")
        NO_SIGNS = "no-signs", _("When no sign was marked")
        WHAT_TO_DO = "what-to-do", _("What to do now (one step a line)")
        HOTLINE = "hotline", _("About the hotline")
        READ_OUT = "read-out", _("Above the summary to read out")

    part = models.CharField(_("part"), max_length=30, choices=Part.choices, unique=True)
    text = models.TextField(_("text"))
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    class Meta:
        ordering = ["part"]
        verbose_name = _("result text")

    def __str__(self):
        return self.get_part_display()

    def lines(self):
        """The text split into its non-empty lines (the steps of "what to do now")."""
        return [line.strip() for line in self.text.splitlines() if line.strip()]
