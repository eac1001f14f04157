"""Links to hhs.gov pages only in English say so on the Spanish site, "(en inglés)", as usa.gov/es does."""

import re

import pytest

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = [
    "https://www.hhs.gov/foia/",
    "https://www.hhs.gov/about/agencies/asa/eeo/no-fear-act/",
    "https://oig.hhs.gov/",
]


def _item(html, href):
    return re.search(rf'<a href="{re.escape(href)}".*?</li>', html, re.S)[0]


def test_the_spanish_footer_marks_each_english_only_link():
    from django.test import Client

    html = Client().get("/es/").text
    for href in ENGLISH_ONLY:
        item = _item(html, href)
        assert 'hreflang="en"' in item
        assert re.search(r"</a>\s*\(en inglés\)\s*</li>", item), item


def test_the_english_footer_does_not():
    from django.test import Client

    html = Client().get("/").text
    for href in ENGLISH_ONLY:
        assert "(in English)" not in _item(html, href)
