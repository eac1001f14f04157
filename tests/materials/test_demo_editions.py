"""Made-up editions never pass for fact: guessed languages are labelled as demo and cannot be ordered."""

import io

import pytest
from django.db import IntegrityError
from django.urls import reverse

from materials import demo
from materials.models import Edition, Language
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db

GUESSED = ["RR-LBS-BRO-ZH", "RR-LBS-BRO-KO", "RR-CLUE-VI", "RR-CLUE-TH", "RR-CLUE-RU"]


@pytest.fixture
def seeded(media_storage):
    demo.seed({"orders": 0}, io.StringIO())


def test_the_demo_marks_every_guessed_language_edition_and_none_other(seeded):
    demo_codes = set(Edition.objects.filter(is_demo=True).values_list("item_code", flat=True))
    assert demo_codes == set(GUESSED)
    assert not Edition.objects.orderable().filter(item_code__in=GUESSED).exists()
    certain = Edition.objects.exclude(item_code__in=GUESSED)
    assert set(certain.values_list("language", flat=True)) == {Language.ENGLISH, Language.SPANISH}
    assert certain.filter(is_orderable=True).count() == certain.count() - 1  # the presentation is download-only


def test_seeding_again_marks_guessed_editions_an_older_demo_made_orderable(seeded):
    Edition.objects.filter(item_code="RR-CLUE-TH").update(is_demo=False, is_orderable=True)
    demo.seed({"orders": 0}, io.StringIO())
    edition = Edition.objects.get(item_code="RR-CLUE-TH")
    assert (edition.is_demo, edition.is_orderable) == (True, False)


def test_the_database_refuses_an_orderable_demo_edition():
    with pytest.raises(IntegrityError):
        EditionFactory(is_demo=True, is_orderable=True)


@pytest.mark.parametrize(
    ("prefix", "label", "state"),
    [("", "Demo", "Not a real edition; cannot be ordered"), ("/es", "Demostración", "No es una edición real")],
)
def test_a_demo_edition_is_labelled_and_offers_no_add_button(client, prefix, label, state):
    material = MaterialFactory(slug="clue-card", title="Clue card")
    EditionFactory(material=material, language=Language.ENGLISH, item_code="RR-T-EN", stock_on_hand=10)
    EditionFactory(
        material=material,
        language=Language.THAI,
        item_code="RR-T-TH",
        stock_on_hand=10,
        is_demo=True,
        is_orderable=False,
    )
    for path in [f"{prefix}/materials/clue-card/", f"{prefix}/materials/"]:
        html = client.get(path).text
        thai = html.split('id="edition-RR-T-TH"')[1].split("</li>")[0].split("</td>")[0]
        assert label in thai, path
        assert 'name="item" value="RR-T-TH"' not in html, path
        assert 'name="item" value="RR-T-EN"' in html, path
    detail = client.get(f"{prefix}/materials/clue-card/").text
    assert state in detail


def test_a_demo_edition_cannot_be_added_to_an_order_by_hand(client):
    edition = EditionFactory(stock_on_hand=10, is_demo=True, is_orderable=False)
    client.post(reverse("materials:order_list_change"), {"action": "add", "item": edition.item_code, "next": "/"})
    assert f'value="{edition.item_code}"' not in client.get(reverse("materials:order")).text
