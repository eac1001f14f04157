"""Every email shares one accessible, branded layout, and its plain-text part carries the same essentials."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from listserv.templatetags.listserv_email import markdown_as_text
from tests.factories.materials import EditionFactory

ROOT = Path(settings.BASE_DIR)
BODIES = sorted(
    path.relative_to(path.parents[2]).as_posix().removesuffix("_body.html")
    for path in ROOT.glob("*/templates/*/emails/*_body.html")
)
HOTLINE = "1-888-373-7888"
TEXT_LINE = "233733"
CAMPAIGN = "Rescue & Restore Victims of Human Trafficking"


def test_every_email_is_found():
    # 7 materials (tracking correction included), 8 coalitions, 6 listserv (welcome and new links
    # included), 2 campaign (review reminders included).
    assert len(BODIES) == 23, BODIES


@pytest.mark.parametrize("prefix", BODIES)
def test_every_email_has_three_templates(prefix):
    for suffix in ("_subject.txt", "_body.txt", "_body.html"):
        assert (ROOT / prefix.split("/")[0] / "templates" / f"{prefix}{suffix}").exists()


@pytest.mark.parametrize("prefix", BODIES)
def test_html_part_uses_the_branded_accessible_layout(prefix):
    html = render_to_string(f"{prefix}_body.html", {})
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="en' in html  # the request's or recipient's language
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "Rescue &amp; Restore Victims of Human Trafficking" in html
    assert html.count("<h1") == 1
    assert "-apple-system" in html  # the system font stack, not Times New Roman
    assert "sans-serif" in html
    assert "max-width:600px" in html  # one readable column on a phone and on a desktop
    assert 'href="tel:+18883737888"' in html
    assert HOTLINE in html
    assert TEXT_LINE in html


@pytest.mark.parametrize("prefix", BODIES)
def test_text_part_has_the_same_frame(prefix):
    text = render_to_string(f"{prefix}_body.txt", {})
    assert text.startswith(CAMPAIGN)
    assert "&amp;" not in text  # plain text is not HTML-escaped
    footer = text.rsplit("--", 1)[1]
    assert HOTLINE in footer
    assert TEXT_LINE in footer


@pytest.mark.django_db
def test_an_order_confirmation_reads_the_same_in_both_parts(client, mailoutbox, django_capture_on_commit_callbacks):
    from materials import services
    from tests.materials.conftest import VALID_DETAILS

    edition = EditionFactory(stock_on_hand=100)
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order({**VALID_DETAILS, "needed_by": None}, {edition.pk: 5}, "layout-token-0001").order
    [confirmation] = [message for message in mailoutbox if message.to == [order.email]]
    assert confirmation.subject == f"Your Rescue & Restore order {order.reference} is received"
    html = confirmation.alternatives[0][0]
    for part in (confirmation.body, html):
        assert order.reference in part
        assert edition.material.title in part
        assert order.get_absolute_url() in part
        assert "Division of Anti-Trafficking in Persons" in part
        assert HOTLINE in part
    assert f"Your order {order.reference} is received" in confirmation.body.splitlines()[3]
    assert "<h1" in html


def test_bulletin_text_shows_link_addresses_absolute(settings):
    settings.SITE_URL = "https://rescue-restore.example.gov"
    body = 'Read [the tool kit](/materials/) or [ACF](https://www.acf.hhs.gov/otip "OTIP"). **Bold** stays.'
    assert markdown_as_text(body) == (
        "Read the tool kit (https://rescue-restore.example.gov/materials/) or ACF (https://www.acf.hhs.gov/otip). "
        "**Bold** stays."
    )
