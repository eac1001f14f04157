"""The Spanish site, crawled from /es/: every page answers in Spanish, passes axe, shows no English interface.

"English interface" is every string the code marks for translation (the
catalogues' msgids) whose Spanish differs: a menu item, a button, a label, a
footer link. A string nobody marked is in no catalogue, so each Spanish page is
also compared with its English version: English prose shown identically on
both is a string left unmarked. A page may show English only inside an element
marked ``lang="en"`` (an English edition's title, a page not yet translated).
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import axe_violations
from tests.browser.crawl import crawl
from tests.i18n.test_catalogue import CATALOGUES

# Read aloud or shown: text, and these attributes.
SPOKEN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")
QUERY_PAGES = ["/es/coalitions/?state=TX", "/es/search/?q=trata", "/es/materials/?language=es&audience=health-care"]
# Words that make a text English prose rather than a name, a code or an address.
ENGLISH_WORDS = {"the", "and", "of", "to", "for", "your", "you", "with", "this", "is", "are", "on", "or", "in", "a"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _english_interface_strings():
    strings = set()
    for catalogue in CATALOGUES:
        path = Path(settings.BASE_DIR) / catalogue
        if not path.exists():  # tests/i18n/test_catalogue.py fails on it
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid_plural or "%(" in entry.msgid or "<" in entry.msgid:
                continue
            text = " ".join(entry.msgid.split())
            # Short strings are interface (labels, buttons, links); a translation equal to the
            # English (a name, an acronym) is not a leak.
            if len(text) <= 80 and re.search("[A-Za-z]{3}", text) and entry.msgstr.strip() != entry.msgid.strip():
                strings.add(text)
    return strings


class _VisibleText(HTMLParser):
    """The text and spoken attributes of a page, except inside lang="en", <script>, <style> and <head>."""

    def __init__(self, hidden_language="en"):
        super().__init__()
        self.hidden_language = hidden_language
        self.stack = []  # (tag, hides its content)
        self.found = []

    def _hidden(self):
        return any(hides for _tag, hides in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = attributes.get("lang") or ""
        hides = tag in ("script", "style", "head", "title") or language.startswith(self.hidden_language)
        if not self._hidden() and not hides:
            for name in SPOKEN_ATTRIBUTES:
                if attributes.get(name):
                    self.found.append(" ".join(attributes[name].split()))
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.found.append(" ".join(attributes["value"].split()))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, hides))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._hidden():
            self.found.append(text)


def _page_title(html):
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


@pytest.fixture(scope="module")
def spanish_pages(seeded_db):
    broken = []
    pages = crawl(Client(), start="/es/", within="/es/", broken=broken)
    assert broken == [], broken
    assert len(pages) > 25, sorted(pages)  # the crawl really walked the Spanish site
    # Pages the crawl reaches only with a query string (it drops them): a state, a search, a filter.
    client = Client()
    for path in QUERY_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


def test_every_spanish_page_says_it_is_spanish(spanish_pages):
    not_spanish = [path for path, html in spanish_pages.items() if not re.search(r'<html lang="es"', html)]
    assert not_spanish == []


def test_no_english_interface_string_outside_passages_marked_english(spanish_pages):
    english = _english_interface_strings()
    assert {"Search", "Menu", "Free materials"} & english, "the catalogues hold the English interface strings"
    leaks = {}
    for path, html in spanish_pages.items():
        title_parts = [part.strip() for part in _page_title(html).split("|")]
        found = sorted({text for text in [*_visible_text(html), *title_parts] if text in english})
        if found:
            leaks[path] = found
    assert leaks == {}, json.dumps(leaks, indent=2, ensure_ascii=False)


def test_every_spanish_page_passes_axe_wcag_22_aa(seeded_site, page, spanish_pages):
    page.set_viewport_size({"width": 375, "height": 800})
    failures = {}
    for path in sorted(spanish_pages):
        page.goto(seeded_site.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}, json.dumps(failures, indent=2)


def _visible_text(html, hidden_language="en"):
    parser = _VisibleText(hidden_language)
    parser.feed(html)
    return parser.found


def _reads_as_english(text):
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 2 and any(word in ENGLISH_WORDS for word in words)


def test_no_english_prose_is_copied_from_the_english_page(spanish_pages):
    client = Client()
    copied = {}
    for path, html in spanish_pages.items():
        english_html = client.get(path.removeprefix("/es")).content.decode()
        # The English page's own text: everything but what it marks as Spanish.
        english = set(_visible_text(english_html.replace('<html lang="en"', "<html", 1), hidden_language="es"))
        same = sorted(text for text in set(_visible_text(html)) & english if _reads_as_english(text))
        if same:
            copied[path] = same
    assert copied == {}, json.dumps(copied, indent=2, ensure_ascii=False)


def _switcher_link(html, language):
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*lang="{language}"[^>]*hreflang="{language}"', html)
    return match.group(1) if match else None


def test_switching_language_on_every_kind_of_page_lands_on_the_same_page(spanish_pages):
    client = Client()
    wrong = {}
    for path, html in spanish_pages.items():
        english_path = _switcher_link(html, "en")
        if english_path is not None:
            english_path = english_path.replace("&amp;", "&")
        if english_path != path.removeprefix("/es"):
            wrong[path] = f"links to {english_path}"
            continue
        english = client.get(english_path)
        back = (_switcher_link(english.content.decode(), "es") or "").replace("&amp;", "&")
        if english.status_code != 200 or back != path:
            wrong[path] = f"{english_path} answered {english.status_code}, links back to {back}"
    assert wrong == {}, json.dumps(wrong, indent=2)
