"""Demo content reads as demo to staff, but public pages do not look like placeholders."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, PdfParser

from materials import demo
from materials.images import cover_text, draw_demo_cover
from materials.models import Edition, Order

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Folleto “Mire más allá de lo evidente”"


def seed():
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def pdf_info(edition):
    with edition.pdf.open("rb") as pdf:
        info = PdfParser.PdfParser(buf=pdf.read()).info
    return {key.name.decode(): PdfParser.decode_text(value) for key, value in info.items()}


def test_a_spanish_edition_cover_carries_its_spanish_title_and_language(media_storage):
    text = cover_text(demo.edition_text("look-beneath-the-surface-brochure", "Look Beneath the Surface brochure", "es"))
    assert text["title"] == SPANISH_TITLE
    assert text["language"] == "Español"
    assert "233733" in text["hotline"]
    assert not any("demo" in value.lower() for value in text.values())

    seed()
    edition = Edition.objects.get(item_code="RR-LBS-BRO-ES")
    expected = draw_demo_cover(
        demo.edition_text("look-beneath-the-surface-brochure", "Look Beneath the Surface brochure", "es"), "brochure"
    )
    with Image.open(edition.cover.path) as cover:
        assert cover.convert("RGB").tobytes() == expected.tobytes()
    info = pdf_info(edition)
    assert info["Title"] == SPANISH_TITLE
    assert "Demo" in info["Subject"]  # the demo marking is where staff look, not on the page


def test_a_script_the_font_cannot_draw_falls_back_to_english_and_says_which_edition():
    text = cover_text(demo.edition_text("look-beneath-the-surface-brochure", "Look Beneath the Surface brochure", "ko"))
    if text["title"] == "Look Beneath the Surface brochure":
        assert text["language"] == "Korean edition"
    else:  # a system with a Korean font draws the Korean title
        assert text["language"] == "한국어"


def test_demo_files_are_named_as_demo_and_older_demo_covers_are_redrawn(media_storage):
    seed()
    edition = Edition.objects.get(item_code="RR-CLUE-ES")
    assert edition.cover.name.rsplit("/", 1)[-1].startswith("demo-v2-")
    assert edition.pdf.name.rsplit("/", 1)[-1].startswith("demo-v2-")

    # A cover an older seed drew (named after the item code) is redrawn; a staff upload is kept.
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "red").save(buffer, "PNG")
    edition.cover.save("rr-clue-es.png", ContentFile(buffer.getvalue()))
    staff = Edition.objects.get(item_code="RR-CLUE-EN")
    staff.cover.save("photo-of-the-printed-card.png", ContentFile(buffer.getvalue()))
    seed()
    edition.refresh_from_db()
    staff.refresh_from_db()
    assert edition.cover.name.rsplit("/", 1)[-1].startswith("demo-v2-")
    assert staff.cover.name.rsplit("/", 1)[-1].startswith("photo-of-the-printed-card")


def test_demo_orders_are_marked_for_staff_without_placeholder_names(media_storage):
    seed()
    orders = Order.objects.filter(reference__startswith="RR-DEMO-")
    assert orders.count() >= 60
    for order in orders:
        assert order.email.startswith("demo-requester-")
        assert "demo" not in order.name.lower()
        assert "demo" not in order.organization.lower()
        assert "Demo" not in order.address_line1


def test_public_pages_show_no_placeholder_names(client, media_storage):
    seed()
    edition = Order.objects.filter(reference__startswith="RR-DEMO-").first()
    for url in ["/materials/", "/materials/hotline-clue-card/", "/coalitions/", edition.get_absolute_url()]:
        html = client.get(url).content.decode()
        for placeholder in ["Demo organization", "Demo requester", "Demo Street", "Demo cover"]:
            assert placeholder not in html, (url, placeholder)
