"""Words people type and the site's own words for them, for site search (rescue_restore/site_search/search.py).

Content editors keep the list in the admin, beside the pages whose words it
maps to: "nurse" finds the health care pages, "cops" the law enforcement ones,
"tráfico" the pages about "trata". It lives in this app because content
editors own it; site search reads it through ``campaign.search.synonyms``, so
no other app depends on this model.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class SynonymQuerySet(models.QuerySet):
    def for_language(self, language):
        """The synonyms that apply to a reader of ``language``: its own and those for every language."""
        return self.filter(Q(language=language) | Q(language=""))


def language_choices():
    """Every language of the site, and "all of them" (blank)."""
    return [("", _("Every language")), *settings.LANGUAGES]


class SearchSynonym(models.Model):
    term = models.CharField(
        _("what people type"),
        max_length=100,
        help_text=_('A word or phrase, e.g. "nurse" or "wallet card". Case and accents do not matter.'),
    )
    means = models.CharField(
        _("search also for"),
        max_length=200,
        help_text=_('The words the site uses, e.g. "health care". Add a row for each meaning.'),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        blank=True,
        default="",
        choices=language_choices,
        help_text=_("Which readers it applies to: those of the English site, the Spanish site, or every language."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SynonymQuerySet.as_manager()

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "term", "means"]
        constraints = [
            models.UniqueConstraint(
                "language",
                Lower("term"),
                Lower("means"),
                name="search_synonym_unique",
                violation_error_message=_("This synonym is already in the list."),
            ),
            models.CheckConstraint(condition=~Q(term="") & ~Q(means=""), name="search_synonym_has_words"),
        ]

    def __str__(self):
        return f"{self.term} → {self.means}"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        # One space between words, none around: "  wallet   card " matches a query "wallet card", and
        # the duplicate check (which runs after this) compares what will be stored.
        self.term = " ".join(self.term.split())
        self.means = " ".join(self.means.split())
