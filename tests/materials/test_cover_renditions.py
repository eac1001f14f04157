"""Covers as small WebP renditions in <picture>, the JPEG thumbnail as the fallback (issue 21, item 5)."""

import io
import re

import pytest
from PIL import Image

from materials.images import RENDITION_WIDTHS, ensure_cover_renditions, rendition_name
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.test_cover_images import portrait_cover

pytestmark = pytest.mark.django_db


def _pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, flags=re.DOTALL)


def _srcset_urls(picture):
    [srcset] = re.findall(r'<source type="image/webp"\s+srcset="([^"]+)"', picture)
    return [part.strip().split(" ") for part in srcset.split(",")]


def test_saving_a_cover_makes_its_renditions_named_after_the_thumbnail():
    edition = EditionFactory(cover=portrait_cover())
    storage = edition.cover_thumbnail.storage
    for width in RENDITION_WIDTHS:
        name = rendition_name(edition.cover_thumbnail.name, width)
        assert name.endswith(f"-{width}w.webp")
        with storage.open(name, "rb") as stored, Image.open(stored) as image:
            assert image.format == "WEBP"
            assert image.size == (width, width * 4 // 3)


def test_renditions_are_smaller_than_the_thumbnail():
    noisy = Image.effect_noise((1200, 1600), 60).convert("RGB")  # a photograph-like cover, not a flat colour
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=90)
    from django.core.files.base import ContentFile

    edition = EditionFactory(cover=ContentFile(buffer.getvalue(), name="photo.jpg"))
    storage = edition.cover_thumbnail.storage
    thumbnail = storage.size(edition.cover_thumbnail.name)
    largest = storage.size(rendition_name(edition.cover_thumbnail.name, max(RENDITION_WIDTHS)))
    assert largest < thumbnail


def test_a_missing_rendition_is_made_when_first_asked_for(client):
    edition = EditionFactory(cover=portrait_cover())
    storage = edition.cover_thumbnail.storage
    names = ensure_cover_renditions(edition.cover_thumbnail)
    for name in names.values():
        storage.delete(name)
    width = RENDITION_WIDTHS[0]
    answer = client.get(f"/materials/files/{edition.item_code}/cover-{width}w.webp")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/webp"
    assert b"".join(answer.streaming_content)[8:12] == b"WEBP"
    assert all(storage.exists(name) for name in names.values())
    assert ensure_cover_renditions(edition.cover_thumbnail) == names  # nothing made twice


def test_only_the_listed_sizes_of_published_covers_are_served(client):
    edition = EditionFactory(cover=portrait_cover())
    assert client.get(f"/materials/files/{edition.item_code}/cover-999w.webp").status_code == 404
    material = edition.material
    material.is_published = False
    material.save()
    assert client.get(f"/materials/files/{edition.item_code}/cover-{RENDITION_WIDTHS[0]}w.webp").status_code == 404
    assert ensure_cover_renditions(EditionFactory().cover_thumbnail) == {}  # no cover, nothing to make


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_catalog_covers_are_pictures_with_webp_sources_and_the_jpeg_fallback(client, prefix):
    for number in range(5):
        EditionFactory(material=MaterialFactory(title=f"Material {number:02d}"), cover=portrait_cover())
    pictures = _pictures(client.get(f"{prefix}/materials/").content.decode())
    assert len(pictures) == 5
    for picture in pictures:
        sources = _srcset_urls(picture)
        assert [descriptor for _url, descriptor in sources] == [f"{width}w" for width in RENDITION_WIDTHS]
        assert 'sizes="' in picture
        assert re.search(r'<img src="[^"]+/cover\.jpg\?v=', picture)
        for url, _descriptor in sources:
            assert client.get(url)["Content-Type"] == "image/webp"
    assert ['loading="lazy"' in picture for picture in pictures] == [False, False, False, True, True]


def test_the_material_page_cover_is_a_picture_too(client):
    edition = EditionFactory(cover=portrait_cover())
    [picture] = _pictures(client.get(edition.material.get_absolute_url()).content.decode())
    assert [descriptor for _url, descriptor in _srcset_urls(picture)] == [f"{width}w" for width in RENDITION_WIDTHS]
    assert "loading=" not in picture  # on the first screen
