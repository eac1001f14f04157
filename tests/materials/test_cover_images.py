"""Cover images keep their place while they load; only those below the first screen wait to be scrolled to (#14)."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from materials.models import Edition
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


def portrait_cover(size=(1200, 1600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="front.jpg")


def images(html):
    return re.findall(r"<img\b[^>]*>", html, flags=re.DOTALL)


@pytest.fixture
def covered_catalog():
    materials = []
    for number in range(7):
        material = MaterialFactory(title=f"Material {number:02d}")
        EditionFactory(material=material, language="en", cover=portrait_cover())
        materials.append(material)
    return materials


def test_the_thumbnail_is_the_size_the_pages_reserve_for_it():
    edition = EditionFactory(cover=portrait_cover())
    with Image.open(edition.cover_thumbnail.path) as thumbnail:
        assert thumbnail.size == (edition.cover_width, edition.cover_height) == (360, 480)


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_catalog_covers_below_the_first_row_are_lazy_and_every_cover_has_its_size(client, covered_catalog, prefix):
    covers = [tag for tag in images(client.get(f"{prefix}/materials/").content.decode()) if "/cover.jpg" in tag]
    assert len(covers) == 7
    for tag in covers:
        assert 'width="360"' in tag
        assert 'height="480"' in tag
    # The first row (three cards on a desktop screen) loads at once; the rest when scrolled to.
    assert ['loading="lazy"' in tag for tag in covers] == [False, False, False, True, True, True, True]


def test_the_material_page_cover_is_on_the_first_screen_so_it_is_not_lazy(client, covered_catalog):
    html = client.get(covered_catalog[0].get_absolute_url()).content.decode()
    [cover] = [tag for tag in images(html) if "/cover.jpg" in tag]
    assert 'width="360"' in cover
    assert 'height="480"' in cover
    assert "loading=" not in cover
    assert Edition.objects.filter(cover_thumbnail="").count() == 0
