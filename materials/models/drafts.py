"""Drafts of live materials: new text in one language, new covers and PDFs, public only once cleared.

A material's draft (``MaterialDraft``) proposes its title, summary and description in
one of the site's languages, and may carry new files for its editions
(``MaterialDraftFile``: a cover, a print-at-home PDF). The files wait in the media
storage under ``materials/drafts/``, which no public address serves (the site
serves only an edition's own files, by item code); publishing copies them onto
the editions (``materials.clearance``). docs/clearance.md.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from materials.images import validate_cover_image, validate_pdf
from materials.models.catalog import Edition, Material
from rescue_restore.kernel.drafts import Draft
from rescue_restore.kernel.workflow import Clearance, StatusHistory, status_columns


class MaterialDraft(Draft):
    """A proposed change to one language of a material (and to its editions' files)."""

    HISTORY_MODEL = "MaterialDraftEvent"
    APPROVE_PERMISSION = "materials.approve_materialdraft"
    SUBJECT_FIELD = "material"
    TEXT_FIELDS = ("title", "summary", "description")
    MULTILINE_FIELDS = ("summary", "description")

    material = models.ForeignKey(Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="drafts")
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences, shown in the catalog.")
    )
    description = models.TextField(_("description"), help_text=_("Plain text; blank lines start new paragraphs."))

    class Meta(Draft.Meta):
        verbose_name = _("material draft")
        verbose_name_plural = _("material drafts")
        permissions = [("approve_materialdraft", "Can approve a material change written by someone else")]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "language"],
                condition=~Q(status=Clearance.PUBLISHED),
                name="materials_one_open_draft_per_language",
                violation_error_message=_("This material already has an open draft in this language."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="materials_material_draft_has_title"),
            models.CheckConstraint(
                condition=~Q(status=Clearance.PUBLISHED) | Q(published_at__isnull=False),
                name="materials_material_draft_published_has_date",
            ),
        ]


def _private_path(folder: str, filename: str) -> str:
    # A folder of its own per upload: two drafts' "cover.png" never meet, and no name can be guessed.
    return f"materials/drafts/{folder}/{secrets.token_hex(8)}/{filename}"


def draft_cover_path(instance: "MaterialDraftFile", filename: str) -> str:
    return _private_path("covers", filename)


def draft_pdf_path(instance: "MaterialDraftFile", filename: str) -> str:
    return _private_path("pdf", filename)


class MaterialDraftFile(models.Model):
    """A new cover or PDF (or both) for one edition of the draft's material."""

    draft = models.ForeignKey(MaterialDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="files")
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+")
    cover = models.ImageField(
        _("new cover"),
        upload_to=draft_cover_path,
        blank=True,
        validators=[validate_cover_image],
        max_length=200,
        help_text=_("A JPEG, PNG or WebP picture of the front, up to 10 MB."),
    )
    pdf = models.FileField(
        _("new print-at-home PDF"), upload_to=draft_pdf_path, blank=True, validators=[validate_pdf], max_length=200
    )

    class Meta:
        verbose_name = _("new file for an edition")
        verbose_name_plural = _("new files for editions")
        constraints = [
            models.UniqueConstraint(fields=["draft", "edition"], name="materials_draft_file_one_per_edition"),
            models.CheckConstraint(condition=~Q(cover="") | ~Q(pdf=""), name="materials_draft_file_has_a_file"),
        ]

    def __str__(self) -> str:
        return f"{self.edition.item_code}: {', '.join(self.replaces())}"

    def clean(self) -> None:
        if not self.cover and not self.pdf:
            raise ValidationError(_("Choose a new cover, a new PDF or both."))
        if self.edition_id and self.draft_id and self.edition.material_id != self.draft.material_id:
            raise ValidationError({"edition": _("Choose an edition of this material.")})

    def replaces(self) -> list[str]:
        """What publishing replaces on the edition: ``["cover", "PDF"]`` or one of them."""
        return [name for name, field in (("cover", self.cover), ("PDF", self.pdf)) if field]


class MaterialDraftEvent(StatusHistory):
    draft = models.ForeignKey(MaterialDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_columns(Clearance)

    class Meta(StatusHistory.Meta):
        verbose_name = _("material draft event")
        verbose_name_plural = _("material draft events")
