"""Pictures and PDFs staff upload: checked with Pillow, thumbnailed, never trusted.

A cover is refused unless Pillow can read it as a JPEG, PNG or WebP of a
sensible size; the thumbnail is re-encoded from the pixels, so nothing else
the file carried (EXIF with a camera's GPS position, a script hidden in a
comment chunk) reaches the public site.
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

MAX_COVER_BYTES = 10 * 1024 * 1024
# 40 megapixels: a large print scan; far below Pillow's decompression-bomb limit.
MAX_COVER_PIXELS = 40_000_000
ALLOWED_COVER_FORMATS = {"JPEG", "PNG", "WEBP"}
THUMBNAIL_BOX = (480, 480)
MAX_PDF_BYTES = 25 * 1024 * 1024


def validate_cover_image(file):
    if file.size > MAX_COVER_BYTES:
        raise ValidationError(
            f"This picture is {file.size / 1024 / 1024:.1f} MB; the largest allowed is 10 MB. "
            "Save it smaller and upload it again.",
            code="too_large",
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            if width * height > MAX_COVER_PIXELS:
                raise ValidationError(
                    f"This picture is {width} by {height} pixels; the largest allowed is 40 megapixels.",
                    code="too_many_pixels",
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not a picture we can read. Upload a JPEG, PNG or WebP image.", code="not_an_image"
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_COVER_FORMATS:
        raise ValidationError(
            f"{image_format} pictures are not accepted. Upload a JPEG, PNG or WebP image.", code="format"
        )


def validate_pdf(file):
    if file.size > MAX_PDF_BYTES:
        raise ValidationError("This PDF is larger than 25 MB. Reduce its size and upload it again.", code="too_large")
    file.seek(0)
    header = file.read(5)
    file.seek(0)
    if header != b"%PDF-":
        raise ValidationError("This file is not a PDF.", code="not_a_pdf")


def make_thumbnail(cover, item_code):
    """``(name, ContentFile)``: an optimised JPEG no bigger than THUMBNAIL_BOX."""
    cover.open("rb")
    try:
        with Image.open(cover) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.convert("RGBA").getchannel("A"))
                image = background
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    finally:
        cover.close()
    return f"{item_code.lower()}-{Path(cover.name).stem[:60]}.jpg", ContentFile(buffer.getvalue())


# Demo covers: honest placeholders, not copies of the campaign's art.
_KIND_COLOURS = {
    "poster": "#1a4480",
    "brochure": "#00687d",
    "fact-sheet": "#4d8055",
    "pocket-card": "#8b0a03",
    "clue-card": "#c05600",
    "tool-kit": "#162e51",
    "presentation": "#5c1111",
}


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [item for item in lines if item]


def draw_demo_cover(title, language_label, kind, size=(600, 800)):
    """A plain cover with the title and language, marked as demo art."""
    image = Image.new("RGB", size, _KIND_COLOURS.get(kind, "#1b1b1b"))
    draw = ImageDraw.Draw(image)
    margin = 48
    title_font = ImageFont.load_default(size=52)
    small_font = ImageFont.load_default(size=30)
    draw.text((margin, margin), "RESCUE & RESTORE", fill="white", font=small_font)
    y = 200
    for line in _wrap(draw, title, title_font, size[0] - 2 * margin)[:6]:
        draw.text((margin, y), line, fill="white", font=title_font)
        y += 64
    draw.text((margin, size[1] - 150), language_label, fill="white", font=small_font)
    draw.text((margin, size[1] - 100), "Demo cover, not campaign art", fill="#dfe1e2", font=small_font)
    return image


def demo_cover_file(title, language_label, kind):
    buffer = io.BytesIO()
    draw_demo_cover(title, language_label, kind).save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def demo_pdf_file(title, language_label, kind):
    """A one-page print-at-home PDF drawn by Pillow (demo content)."""
    buffer = io.BytesIO()
    draw_demo_cover(title, language_label, kind, size=(850, 1100)).save(buffer, "PDF", resolution=100)
    return ContentFile(buffer.getvalue())
