"""Invented bulletins say they are demo content, in their subject and first line, in both languages."""

import io

import pytest

from listserv import demo
from listserv.models import Bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    demo.seed({"subscribers": 0}, io.StringIO())


@pytest.mark.parametrize(
    ("prefix", "subject_label", "note"),
    [
        ("", "Demo: ", "Demo content: this bulletin was made up"),
        ("/es", "Demostración: ", "Contenido de demostración: este boletín se inventó"),
    ],
)
def test_every_demo_bulletin_carries_a_visible_demo_label(client, seeded, prefix, subject_label, note):
    archive = client.get(f"{prefix}/listserv/archive/").text
    for bulletin in Bulletin.objects.all():
        page = client.get(f"{prefix}/listserv/archive/{bulletin.slug}/").text
        heading = page.split("<h1")[1].split("</h1>")[0]
        assert subject_label in heading
        body = page.split("</h1>")[1]
        assert note in body
        assert archive.count(subject_label) >= Bulletin.objects.count()


def test_the_webinars_bulletin_says_its_webinars_are_not_real(client, seeded):
    assert (
        "The webinars it names are not real."
        in client.get("/listserv/archive/spring-webinars-for-health-care-providers/").text
    )


def test_seeding_again_labels_a_bulletin_an_older_demo_wrote(seeded):
    Bulletin.objects.filter(slug="spring-webinars-for-health-care-providers").update(
        subject_en="Spring webinars for health care providers", body_en="Three free webinars."
    )
    demo.seed({"subscribers": 0}, io.StringIO())
    bulletin = Bulletin.objects.get(slug="spring-webinars-for-health-care-providers")
    assert bulletin.subject_en.startswith("Demo: ")
    assert "Demo content" in bulletin.body_html_en
