"""Pictures and PDFs staff upload: checked with Pillow, thumbnailed, never trusted.

A cover is refused unless Pillow can read it as a JPEG, PNG or WebP of a
sensible size; the thumbnail is re-encoded from the pixels, so nothing else
the file carried (EXIF with a camera's GPS position, a script hidden in a
comment chunk) reaches the public site.
"""

import io
import logging
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_save
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

MAX_COVER_BYTES = 10 * 1024 * 1024
# 40 megapixels: a large print scan; far below Pillow's decompression-bomb limit.
MAX_COVER_PIXELS = 40_000_000
ALLOWED_COVER_FORMATS = {"JPEG", "PNG", "WEBP"}
THUMBNAIL_BOX = (480, 480)
# Covers are portrait, 3 by 4 (printed materials; the demo covers; the cards' CSS crops to it), so a
# thumbnail is 360 by 480: the size the pages reserve for a cover, so nothing moves when it arrives.
COVER_THUMBNAIL_SIZE = (360, 480)
MAX_PDF_BYTES = 25 * 1024 * 1024
# WebP renditions of the thumbnail, for <picture> with srcset (the JPEG thumbnail stays the fallback).
# A catalog card's cover is about 15rem wide on a desktop (three cards beside the filters), so 240;
# on a tablet (two a row) or a phone (one, at 2x) the thumbnail's own 360 is the largest there is.
RENDITION_WIDTHS = (240, 360)
RENDITION_QUALITY = 76

logger = logging.getLogger(__name__)


def validate_cover_image(file: File[Any]) -> None:
    if file.size > MAX_COVER_BYTES:
        raise ValidationError(
            gettext(
                "This picture is %(megabytes)s MB; the largest allowed is 10 MB. Save it smaller and upload it again."
            )
            % {"megabytes": f"{file.size / 1024 / 1024:.1f}"},
            code="too_large",
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            if width * height > MAX_COVER_PIXELS:
                raise ValidationError(
                    gettext("This picture is %(width)s by %(height)s pixels; the largest allowed is 40 megapixels.")
                    % {"width": width, "height": height},
                    code="too_many_pixels",
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            gettext("This file is not a picture we can read. Upload a JPEG, PNG or WebP image."), code="not_an_image"
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_COVER_FORMATS:
        raise ValidationError(
            gettext("%(format)s pictures are not accepted. Upload a JPEG, PNG or WebP image.")
            % {"format": image_format},
            code="format",
        )


def validate_pdf(file: File[Any]) -> None:
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(
            gettext("This PDF is larger than 25 MB. Reduce its size and upload it again."), code="too_large"
        )
    file.seek(0)
    header = file.read(5)
    file.seek(0)
    if header != b"%PDF-":
        raise ValidationError(gettext("This file is not a PDF."), code="not_a_pdf")


def make_thumbnail(cover: FieldFile, item_code: str) -> tuple[str, ContentFile[bytes]]:
    """``(name, ContentFile)``: an optimised JPEG no bigger than THUMBNAIL_BOX."""
    cover.open("rb")
    try:
        with Image.open(cover) as opened:
            image: Image.Image = ImageOps.exif_transpose(opened)
            image.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.convert("RGBA").getchannel("A"))
                image = background
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    finally:
        cover.close()
    return f"{item_code.lower()}-{Path(cover.name or '').stem[:60]}.jpg", ContentFile(buffer.getvalue())


def rendition_name(name: str, width: int) -> str:
    """Where the ``width``-pixel WebP rendition of the stored picture ``name`` lives (derived, in no row)."""
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{width}w.webp")


def _webp(image: Image.Image, width: int) -> bytes:
    height = round(image.height * width / image.width)
    resized = image if width >= image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=6)
    return buffer.getvalue()


def ensure_cover_renditions(file_field: FieldFile) -> dict[int, str]:
    """Make the WebP renditions of a stored cover picture that its storage lacks; ``{width: name}``.

    ``file_field``: an edition's ``cover_thumbnail`` (the re-encoded picture the pages show, whose
    pixels are already checked). The renditions' names are derived from its name (``rendition_name``),
    so no row changes; an empty field gives ``{}``. Goes through the field's storage (the disk or S3).
    Called when an edition is saved with a cover, and lazily by the rendition's address when a file
    is missing (covers loaded in bulk, a restore without them). Safe to call again: what exists stays.
    """
    stored_name = file_field.name
    if not stored_name:
        return {}
    storage = file_field.storage
    names = {width: rendition_name(stored_name, width) for width in RENDITION_WIDTHS}
    missing = {width: name for width, name in names.items() if not storage.exists(name)}
    if not missing:
        return names
    with storage.open(stored_name, "rb") as stored, Image.open(stored) as opened:
        image = opened.convert("RGB")
        for width, name in missing.items():
            saved = storage.save(name, ContentFile(_webp(image, width)))
            if saved != name:  # made at the same moment by another request: keep theirs
                storage.delete(saved)
    return names


def _renditions_after_save(
    sender: type[Any], instance: Any, update_fields: frozenset[str] | None = None, **kwargs: object
) -> None:
    """An edition saved with a new thumbnail gets its renditions at once (the page need not make them)."""
    if update_fields is not None and "cover_thumbnail" not in update_fields:
        return
    try:
        ensure_cover_renditions(instance.cover_thumbnail)
    except OSError:  # the storage failed: the rendition's address makes it when first asked
        logger.warning("Cover renditions not made for %s", instance.cover_thumbnail.name, exc_info=True)


post_save.connect(_renditions_after_save, sender="materials.Edition", dispatch_uid="materials.cover_renditions")


# Demo covers: drawn, not copies of the campaign's art. They carry the edition's own
# title and language, so the Spanish edition looks Spanish; that they are demo art is
# said where staff look (the file name and the PDF's properties), not on the picture.
_KIND_COLOURS = {
    "poster": "#1a4480",
    "brochure": "#00687d",
    "fact-sheet": "#4d8055",
    "pocket-card": "#8b0a03",
    "clue-card": "#c05600",
    "tool-kit": "#162e51",
    "presentation": "#5c1111",
}
# A font with Latin, Cyrillic and Vietnamese when the system has it (Debian: fonts-dejavu-core).
_FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"]
DEMO_FILE_PREFIX = "demo-v2-"
DEMO_NOTE = "Demo file drawn by seed_demo; not campaign art."


def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size=size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _glyphs(font: ImageFont.FreeTypeFont | ImageFont.ImageFont, character: str) -> bytes:
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((16, 16), character, font=font, fill=255)
    return image.tobytes()


def can_draw(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont | None = None) -> bool:
    """True when ``font`` has a glyph for every character (a missing one would print as a box)."""
    font = font or _font(30)
    missing = _glyphs(font, "\U000f0000")  # a private-use character no font here draws
    return all(_glyphs(font, character) != missing for character in set(text) if not character.isspace())


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [item for item in lines if item]


def cover_text(edition_text: Mapping[str, str]) -> dict[str, str]:
    """The words a demo cover shows: ``{"title", "language", "hotline"}``.

    ``edition_text`` gives the edition's own words and an English fallback for
    each (``title``/``title_en``, ``language``/``language_en``, ``hotline``/
    ``hotline_en``); a text the font cannot draw (Chinese, Korean, Thai with
    the fonts installed here) falls back to English rather than print boxes.
    """
    shown: dict[str, str] = {}
    for key in ("title", "language", "hotline"):
        own = edition_text.get(key) or edition_text[f"{key}_en"]
        shown[key] = own if can_draw(own) else edition_text[f"{key}_en"]
    if shown["title"] != (edition_text.get("title") or shown["title"]):
        # The title could not be drawn in its own script: say which edition this is, in English.
        shown["language"] = f"{edition_text['language_en']} edition"
    return shown


def draw_demo_cover(edition_text: Mapping[str, str], kind: str, size: tuple[int, int] = (600, 800)) -> Image.Image:
    """A plain cover in the edition's own language: campaign name, title, language and hotline."""
    text = cover_text(edition_text)
    image = Image.new("RGB", size, _KIND_COLOURS.get(kind, "#1b1b1b"))
    draw = ImageDraw.Draw(image)
    margin = size[0] // 12
    title_font = _font(size[0] // 12)
    small_size = size[0] // 20
    small_font = _font(small_size)
    draw.text((margin, margin), "RESCUE & RESTORE", fill="white", font=small_font)
    y = size[1] // 4
    for line in _wrap(draw, text["title"], title_font, size[0] - 2 * margin)[:6]:
        draw.text((margin, y), line, fill="white", font=title_font)
        y += int(size[0] // 12 * 1.25)
    line_height = int(small_size * 1.3)
    hotline = _wrap(draw, text["hotline"], small_font, size[0] - 2 * margin)[:2]
    y = size[1] - margin - line_height * len(hotline)
    draw.text((margin, y - line_height * 2), text["language"], fill="#dfe1e2", font=small_font)
    for line in hotline:
        draw.text((margin, y), line, fill="white", font=small_font)
        y += line_height
    return image


def demo_cover_file(edition_text: Mapping[str, str], kind: str) -> ContentFile[bytes]:
    buffer = io.BytesIO()
    draw_demo_cover(edition_text, kind).save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def demo_pdf_file(edition_text: Mapping[str, str], kind: str) -> ContentFile[bytes]:
    """A one-page print-at-home PDF drawn by Pillow, titled in the edition's language; demo in its properties."""
    buffer = io.BytesIO()
    text = cover_text(edition_text)
    draw_demo_cover(edition_text, kind, size=(850, 1100)).save(
        buffer,
        "PDF",
        resolution=100,
        title=text["title"],
        author="Rescue & Restore (demo)",
        subject=DEMO_NOTE,
        keywords="demo",
    )
    return ContentFile(buffer.getvalue())
