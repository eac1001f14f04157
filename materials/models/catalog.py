"""Materials, their language editions, and the staff-set ordering limits."""

import hashlib
import unicodedata
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from materials.images import COVER_THUMBNAIL_SIZE, make_thumbnail, validate_cover_image, validate_pdf
from rescue_restore.i18n.languages import current_language
from rescue_restore.site_search.text_search import every_word_in

# Slugs that would shadow the app's own addresses under /materials/.
RESERVED_SLUGS = {"order", "orders", "files"}
_NOT_LOADED = object()


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            gettext("“%(slug)s” is used by the site itself; choose another address.") % {"slug": slug}, code="reserved"
        )


class Kind(models.TextChoices):
    POSTER = "poster", _("Poster")
    BROCHURE = "brochure", _("Brochure")
    FACT_SHEET = "fact-sheet", _("Fact sheet")
    POCKET_CARD = "pocket-card", _("Pocket card")
    CLUE_CARD = "clue-card", _("Clue card")
    TOOL_KIT = "tool-kit", _("Tool kit")
    PRESENTATION = "presentation", _("Presentation")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    CHINESE = "zh", _("Chinese")
    KOREAN = "ko", _("Korean")
    THAI = "th", _("Thai")
    VIETNAMESE = "vi", _("Vietnamese")
    RUSSIAN = "ru", _("Russian")


# What people type for each language, in English and in the language itself (searched without accents).
LANGUAGE_NAMES = {
    Language.ENGLISH: ["english", "inglés"],
    Language.SPANISH: ["spanish", "español", "castellano"],
    Language.CHINESE: ["chinese", "mandarin", "中文", "汉语", "漢語", "华语"],
    Language.KOREAN: ["korean", "한국어", "조선어"],
    Language.THAI: ["thai", "ภาษาไทย", "ไทย"],
    Language.VIETNAMESE: ["vietnamese", "tiếng việt", "tiếng"],
    Language.RUSSIAN: ["russian", "русский", "русском"],
}


def _plain(text):
    """Case- and accent-free, for comparing what people type with the names above."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


_LANGUAGE_OF_NAME = {_plain(name): code for code, names in LANGUAGE_NAMES.items() for name in names}


def languages_named(query):
    """``(codes, the rest of the query)``: "Spanish poster" → ``({"es"}, "poster")``; "tiếng việt" is one name."""
    words, codes, rest = _plain(query).split(), set(), []
    original = query.split()
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if index + 1 < len(words) and pair in _LANGUAGE_OF_NAME:
            codes.add(_LANGUAGE_OF_NAME[pair])
            index += 2
            continue
        if words[index] in _LANGUAGE_OF_NAME:
            codes.add(_LANGUAGE_OF_NAME[words[index]])
        else:
            rest.append(original[index] if len(original) == len(words) else words[index])
        index += 1
    return codes, " ".join(rest)


class Audience(models.Model):
    """Who a material is written for; the catalog filters on it."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MaterialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publication_date__lte=timezone.localdate())

    def matching(self, query):
        """Every word must appear in the title, summary, description or an item code.

        A word that names a language, in English or in that language ("Spanish",
        "español", "中文"), matches the materials with an edition in it.
        """

        def item_code(word):
            return [Exists(Edition.objects.filter(material=OuterRef("pk"), item_code__iexact=word))]

        codes, rest = languages_named(query)
        queryset = self.filter(
            every_word_in(rest, ["title", "summary", "description"], model=self.model, also=item_code)
        )
        for code in codes:
            queryset = queryset.filter(Exists(Edition.objects.filter(material=OuterRef("pk"), language=code)))
        return queryset

    def in_reader_order(self):
        """By the title the reader sees; on a translated site (/es/), materials with an edition in its language first.

        The English catalog is simply alphabetical: English is the catalog's own
        language. A Spanish reader sees first what can be had in Spanish, each by
        the title shown, which is the Spanish one or the English one
        modeltranslation falls back to (so an untranslated material sorts among
        the others by its English title, not all together at one end).
        """
        language = current_language()
        default_title = F(build_localized_fieldname("title", settings.LANGUAGE_CODE))
        if language == settings.LANGUAGE_CODE:
            return self.alias(shown_title=default_title).order_by("shown_title", "pk")
        own_title = NullIf(F(build_localized_fieldname("title", language)), Value(""))
        has_own_edition = Exists(Edition.objects.filter(material=OuterRef("pk"), language=language))
        return self.alias(in_reader_language=has_own_edition, shown_title=Coalesce(own_title, default_title)).order_by(
            F("in_reader_language").desc(), "shown_title", "pk"
        )


class Material(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100, unique=True, validators=[validate_not_reserved], help_text=_("The address: /materials/<slug>/")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audiences = models.ManyToManyField(Audience, related_name="materials", blank=True)
    summary = models.CharField(max_length=300, help_text=_("One or two plain sentences, shown in the catalog."))
    description = models.TextField(help_text=_("Plain text; blank lines start new paragraphs."))
    publication_date = models.DateField(default=timezone.localdate)
    last_reviewed = models.DateField(default=timezone.localdate)
    is_published = models.BooleanField(default=False)
    is_synthetic = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Generated for benchmarks by seed_demo --materials; not real content."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()
    audit_trail = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_reviewed__gte=models.F("publication_date")),
                name="material_reviewed_after_published",
                violation_error_message=_("The last reviewed date cannot be before the publication date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("materials:detail", kwargs={"slug": self.slug})

    # The catalog and detail pages call these on prefetched editions: no queries.
    def languages(self):
        """The editions' language names; a made-up (demo) edition's says so."""
        return [
            pgettext("a language name, then a mark for an invented demo edition", "%(language)s (demo)")
            % {"language": edition.get_language_display()}
            if edition.is_demo
            else edition.get_language_display()
            for edition in self.editions.all()
        ]

    def print_availability(self):
        """ "available", "out-of-stock" or "download-only"."""
        orderable = [edition for edition in self.editions.all() if edition.is_orderable]
        if any(edition.in_stock for edition in orderable):
            return "available"
        return "out-of-stock" if orderable else "download-only"

    def has_demo_editions(self):
        return any(edition.is_demo for edition in self.editions.all())

    def cover_edition(self):
        return next((edition for edition in self.editions.all() if edition.cover_thumbnail), None)


class EditionQuerySet(models.QuerySet["Edition"]):
    def orderable(self) -> Self:
        """Editions people may ask print copies of (in stock or not)."""
        return self.filter(is_orderable=True, material__in=Material.objects.published())

    def in_stock(self) -> Self:
        return self.filter(stock_on_hand__gt=0)

    def in_reader_order(self) -> Self:
        """The edition in the reader's language first (the Spanish one on /es/), then the others by code."""
        return self.order_by(Case(When(language=current_language(), then=0), default=1), "language")

    def low_on_stock(self):
        """Orderable editions with fewer copies than their low-stock threshold."""
        return self.filter(is_orderable=True, stock_on_hand__lt=models.F("low_stock_threshold"))


class Edition(models.Model):
    """One language version of a material, with its own stock and limits.

    ``stock_on_hand`` counts copies free to promise: placing an order takes its
    quantities off at once (the reservation), cancelling or declining puts
    them back. It can never go below zero; the database refuses it.
    """

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    item_code = models.CharField(
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))],
        help_text=_("The warehouse's code, e.g. RR-LBS-BRO-ES."),
    )
    pdf = models.FileField(
        _("print-at-home PDF"), upload_to="materials/pdf/", blank=True, validators=[validate_pdf], max_length=200
    )
    cover = models.ImageField(
        upload_to="materials/covers/",
        blank=True,
        validators=[validate_cover_image],
        max_length=200,
        help_text=_("A JPEG, PNG or WebP picture of the front, up to 10 MB. A thumbnail is made from it."),
    )
    cover_thumbnail = models.ImageField(upload_to="materials/thumbnails/", blank=True, editable=False, max_length=200)
    stock_on_hand = models.PositiveIntegerField(default=0, help_text=_("Copies free to promise to new orders."))
    per_order_limit = models.PositiveIntegerField(default=100, help_text=_("Most copies one order may ask for."))
    review_above = models.PositiveIntegerField(
        default=50, help_text=_("Orders asking for more copies than this are held for staff review.")
    )
    low_stock_threshold = models.PositiveIntegerField(
        default=50, help_text=_("Fulfilment staff are told once when stock falls below this; restocking re-arms it.")
    )
    low_stock_notified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When fulfilment staff were told stock fell below the threshold; cleared by a restock above it."),
    )
    is_orderable = models.BooleanField(_("print copies can be ordered"), default=True)
    # Demo content whose language is a guess (PRODUCT.md): shown under a demo label, never orderable.
    is_demo = models.BooleanField(
        _("demo edition"),
        default=False,
        help_text=_(
            "Invented for the demonstration site: shown with a demo label, and print copies cannot be ordered."
        ),
    )
    restock_expected = models.DateField(
        null=True, blank=True, help_text=_("When out of stock: roughly when copies are expected back.")
    )

    objects = EditionQuerySet.as_manager()
    audit_trail = HistoricalRecords()

    class Meta:
        ordering = ["material__title", "language"]
        # Fulfilment changes stock only through stock movements, never the edition's other fields.
        permissions = [("record_stock_movement", "Can change stock through stock movements (and nothing else)")]
        constraints = [
            models.CheckConstraint(condition=Q(stock_on_hand__gte=0), name="edition_stock_not_negative"),
            models.CheckConstraint(condition=Q(per_order_limit__gte=1), name="edition_limit_at_least_one"),
            models.UniqueConstraint(fields=["material", "language"], name="edition_one_per_language"),
            models.CheckConstraint(
                condition=Q(is_demo=False) | Q(is_orderable=False),
                name="edition_demo_not_orderable",
                violation_error_message=_("A demo edition cannot be ordered: untick “print copies can be ordered”."),
            ),
        ]

    def __str__(self):
        return f"{self.material.title} ({self.get_language_display()}, {self.item_code})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = getattr(self, "_stored_cover_name", None)
        new_cover = bool(self.cover) and (
            not getattr(self.cover, "_committed", True) or (stored is not _NOT_LOADED and self.cover.name != stored)
        )
        if not self.cover and self.cover_thumbnail:
            self.cover_thumbnail = ""
        super().save(*args, **kwargs)
        if new_cover or (self.cover and not self.cover_thumbnail):
            name, content = make_thumbnail(self.cover, self.item_code)
            self.cover_thumbnail.save(name, content, save=False)
            super().save(update_fields=["cover_thumbnail"])
        self._stored_cover_name = self.cover.name if self.cover else None

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        edition = super().from_db(db, field_names, values, **kwargs)
        # Remember the stored cover so save() knows when a new one arrives.
        edition._stored_cover_name = edition.__dict__.get("cover", _NOT_LOADED)
        return edition

    @property
    def in_stock(self):
        return self.stock_on_hand > 0

    @property
    def is_low_on_stock(self):
        return self.stock_on_hand < self.low_stock_threshold

    @property
    def cover_url(self):
        """The thumbnail's address; the version changes with the picture, so caches stay right."""
        if not self.cover_thumbnail:
            return ""
        version = hashlib.sha256(self.cover_thumbnail.name.encode()).hexdigest()[:10]
        return reverse("materials:cover", kwargs={"item_code": self.item_code}) + f"?v={version}"

    # The width and height a page gives the cover's <img>, so the browser keeps its place before it loads.
    cover_width, cover_height = COVER_THUMBNAIL_SIZE

    @property
    def own_title(self):
        """The material's title in this edition's language, when staff wrote one ("" otherwise).

        Only the site's languages have a title column; an edition in another
        language (Korean, Thai…) has no title of its own here.
        """
        if self.language not in dict(settings.LANGUAGES):
            return ""
        return getattr(self.material, build_localized_fieldname("title", self.language), "") or ""

    @property
    def pdf_url(self):
        return reverse("materials:pdf", kwargs={"item_code": self.item_code}) if self.pdf else ""


class OrderingPolicy(models.Model):
    """Limits staff set for the whole order (one row)."""

    usual_total_quantity = models.PositiveIntegerField(
        default=250, help_text=_("Orders asking for more copies than this in total are held for staff review.")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("ordering policy")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="ordering_policy_single_row")]

    def __str__(self):
        return str(_("Ordering policy"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The stored policy, or the defaults if staff never saved one (no write on read)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
