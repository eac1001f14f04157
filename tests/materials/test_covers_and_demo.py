"""Cover uploads checked and thumbnailed by Pillow; demo content drawn, not copied; seed_demo idempotent."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from materials import images
from materials.models import Edition, Material
from tests.factories.materials import EditionFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def picture(size=(1200, 1600), image_format="JPEG", mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, "navy").save(buffer, image_format, **save_options)
    return SimpleUploadedFile(f"cover.{image_format.lower()}", buffer.getvalue())


def test_a_real_picture_is_accepted_and_thumbnailed(media_storage):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker that should not be published"
    edition = EditionFactory()
    edition.cover = picture(exif=exif.tobytes())
    edition.full_clean()
    edition.save()
    assert edition.cover_thumbnail.name.startswith("materials/thumbnails/")
    with Image.open(edition.cover_thumbnail.path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert max(thumbnail.size) <= 480
        assert thumbnail.size == (360, 480)
        assert not thumbnail.getexif()
    assert str(media_storage) in edition.cover_thumbnail.path


def test_png_with_transparency_becomes_a_jpeg_thumbnail():
    edition = EditionFactory(cover=picture(size=(300, 300), image_format="PNG", mode="RGBA"))
    with Image.open(edition.cover_thumbnail.path) as thumbnail:
        assert thumbnail.mode == "RGB"


def test_a_new_cover_replaces_the_thumbnail_and_removing_it_clears_it():
    edition = EditionFactory(cover=picture())
    first = edition.cover_thumbnail.name
    edition = Edition.objects.get(pk=edition.pk)
    edition.cover = picture(size=(800, 400))
    edition.save()
    assert edition.cover_thumbnail.name != first
    edition = Edition.objects.get(pk=edition.pk)
    edition.stock_on_hand = 5
    edition.save()  # unrelated change: the thumbnail is kept
    assert Edition.objects.get(pk=edition.pk).cover_thumbnail.name == edition.cover_thumbnail.name
    edition.cover = ""
    edition.save()
    assert not Edition.objects.get(pk=edition.pk).cover_thumbnail


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("cover.jpg", b"<?php echo 'not a picture'; ?>"), "not a picture we can read"),
        (SimpleUploadedFile("cover.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), "not a picture we can read"),
        (picture(image_format="GIF", mode="P"), "GIF pictures are not accepted"),
        (picture(size=(8000, 6000), image_format="PNG", mode="1"), "8000 by 6000 pixels"),
    ],
)
def test_files_that_are_not_acceptable_pictures_are_refused(upload, message):
    with pytest.raises(ValidationError, match=message):
        images.validate_cover_image(upload)


def test_a_huge_upload_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("cover.jpg", b"\xff\xd8" + b"\x00" * (images.MAX_COVER_BYTES + 1))
    with pytest.raises(ValidationError, match="largest allowed is 10 MB"):
        images.validate_cover_image(upload)


def test_admin_upload_of_a_fake_picture_shows_a_clear_message(client, superuser, brochure):
    material, english, _spanish = brochure
    # A material not on the site yet: a live one's cover changes through a draft (test_material_clearance.py).
    material.is_published = False
    material.save()
    sign_in(client, superuser)
    url = f"/admin/materials/edition/{english.pk}/change/"
    response = client.post(
        url,
        {
            "material": material.pk,
            "language": "en",
            "item_code": english.item_code,
            "cover": SimpleUploadedFile("cover.jpg", b"MZ\x90\x00 an executable"),
            "stock_on_hand": 10,
            "per_order_limit": 100,
            "review_above": 50,
            "low_stock_threshold": 5,
            "is_orderable": "on",
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Edition.objects.get(pk=english.pk).cover


def test_pdf_uploads_must_be_pdfs():
    images.validate_pdf(SimpleUploadedFile("a.pdf", b"%PDF-1.7 ..."))
    with pytest.raises(ValidationError, match="not a PDF"):
        images.validate_pdf(SimpleUploadedFile("a.pdf", b"<html>"))


def test_demo_covers_are_drawn_with_the_title_and_marked_as_demo(media_storage):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    edition = Edition.objects.get(item_code="RR-LBS-BRO-ES")
    assert str(media_storage) in edition.cover.path
    with Image.open(edition.cover.path) as cover:
        assert cover.size == (600, 800)
    with edition.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert edition.cover_thumbnail


def test_seed_demo_is_idempotent_and_adds_synthetic_materials(media_storage):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    materials, editions = Material.objects.count(), Edition.objects.count()
    covers = sorted(path.name for path in (media_storage / "materials" / "covers").iterdir())
    assert materials >= 8
    assert set(Edition.objects.values_list("language", flat=True)) >= {"en", "es"}
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Material.objects.count(), Edition.objects.count()) == (materials, editions)
    assert sorted(path.name for path in (media_storage / "materials" / "covers").iterdir()) == covers

    call_command("seed_demo", "--materials", "15", stdout=open(os.devnull, "w"))  # noqa: SIM115
    synthetic = Material.objects.filter(is_synthetic=True)
    assert synthetic.count() == 15
    assert all("(test data)" in title for title in synthetic.values_list("title", flat=True))
    assert Material.objects.count() == materials + 15
