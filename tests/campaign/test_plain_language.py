"""Plain language: every public English page reads at Flesch-Kincaid grade 8 or lower, its Spanish as easily.

Measured with textstat on the text of <main> (links, tables and forms aside: labels and lists of
links are not prose), each paragraph, list item and heading counted as a sentence. Legally fixed
text (the No FEAR Act) sits under a "What the law says" heading with a plain summary above it:
only the summary is measured. Readability formulas need a sample: pages with fewer than
MIN_WORDS words of prose are not scored.
"""

import re
from html.parser import HTMLParser

import pytest
import textstat
from django.core.management import call_command
from django.db import transaction

from tests.browser.crawl import crawl

pytestmark = pytest.mark.django_db

MOST_GRADE = 8
SPANISH_LEAST_EASE = 60  # Fernández-Huerta: 60 to 70 "normal", 70 to 80 "fairly easy"; the issue measured 53 to 57
MIN_WORDS = 100
LEGAL_HEADINGS = {"en": "What the law says", "es": "Lo que dice la ley"}
# Pages whose text another change owns, left out here until it lands (issue 22): the privacy
# policy (its text is being revised for the security review).
OWNED_ELSEWHERE = re.compile(r"^(/es)?/pages/privacy/")
_SKIPPED_TAGS = {"script", "style", "nav", "table", "form", "select", "button", "a"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dd", "dt", "div", "section", "article", "br"}


class _Prose(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_main, self.skipping, self.parts = False, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif self.in_main and tag in _SKIPPED_TAGS:
            self.skipping += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.in_main and tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.parts.append(data.replace("\n", " "))


def prose(html, language):
    """The page's prose as sentences: each block is one, ending in a full stop if it has none."""
    parser = _Prose()
    parser.feed(html)
    text = "".join(parser.parts).split(LEGAL_HEADINGS[language])[0]
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return " ".join(line if re.search(r"[.!?:]$", line) else f"{line}." for line in lines if line)


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import Client
    from django.test.utils import override_settings

    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    storage["OPTIONS"] = {"location": str(tmp_path_factory.mktemp("media"))}
    # Seeded inside a transaction that is rolled back: the required pages the migrations made stay as they were.
    settings = override_settings(STORAGES={"default": storage, "staticfiles": _static()})
    with django_db_blocker.unblock(), settings, transaction.atomic():
        call_command("seed_demo", "--orders", "0", "--subscribers", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
        client = Client()
        english = {path: html for path, html in crawl(client, "/").items() if not path.startswith("/es/")}
        spanish = crawl(client, "/es/", within="/es/")
        transaction.set_rollback(True)
    return english, spanish


def _static():
    from django.conf import settings

    return settings.STORAGES["staticfiles"]


def _scored(pages, language):
    for path, html in sorted(pages.items()):
        if OWNED_ELSEWHERE.match(path):
            continue
        text = prose(html, language)
        if len(text.split()) >= MIN_WORDS:
            yield path, text


def test_every_english_page_reads_at_grade_8_or_lower(pages):
    english, _spanish = pages
    textstat.set_lang("en")
    scored = dict(_scored(english, "en"))
    assert len(scored) >= 20, sorted(scored)  # the crawl reached the site
    assert {"/coalitions/", "/coalitions/philadelphia-rescue-restore-coalition/"} <= set(scored)
    grades = {path: round(textstat.flesch_kincaid_grade(text), 1) for path, text in scored.items()}
    assert {path: grade for path, grade in grades.items() if grade > MOST_GRADE} == {}


def test_the_spanish_pages_read_as_easily(pages):
    _english, spanish = pages
    textstat.set_lang("es")
    scored = dict(_scored(spanish, "es"))
    assert len(scored) >= 20, sorted(scored)
    assert {"/es/coalitions/", "/es/coalitions/philadelphia-rescue-restore-coalition/"} <= set(scored)
    ease = {path: round(textstat.fernandez_huerta(text), 1) for path, text in scored.items()}
    assert {path: score for path, score in ease.items() if score < SPANISH_LEAST_EASE} == {}


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_legally_fixed_text_has_a_plain_summary_above_it(pages, prefix):
    english, spanish = pages
    html = (spanish if prefix else english)[f"{prefix}/pages/no-fear-act/"]
    language = "es" if prefix else "en"
    summary_heading = {"en": "In short", "es": "En pocas palabras"}[language]
    assert html.index(summary_heading) < html.index(LEGAL_HEADINGS[language])
    summary = prose(html, language)
    textstat.set_lang(language)
    if language == "en":
        assert textstat.flesch_kincaid_grade(summary) <= MOST_GRADE
    else:
        assert textstat.fernandez_huerta(summary) >= SPANISH_LEAST_EASE


def test_the_summary_migration_changes_only_text_staff_have_not_edited():
    from importlib import import_module

    from django.apps import apps as global_apps

    from campaign.models import Page

    # A transactional test elsewhere may have flushed what the migrations made: make it again (idempotent).
    import_module("campaign.migrations.0003_required_pages").create_missing_pages(global_apps, None)
    summaries = import_module("campaign.migrations.0009_plain_language_summaries")
    legal_en = {p["slug"]: p for p in import_module("campaign.migrations.0003_required_pages").PAGES}["no-fear-act"]
    legal_es = import_module("campaign.migrations.0008_required_pages_es").PAGES_ES["no-fear-act"]
    Page.objects.filter(slug="no-fear-act").update(body_en="Staff rewrote this.", body_es=legal_es["body"])
    summaries.add_summaries(global_apps, None)
    page = Page.objects.get(slug="no-fear-act")
    assert page.body_en == "Staff rewrote this."
    assert page.body_es.startswith("## En pocas palabras")
    assert "En pocas palabras" in page.body_html_es
    assert legal_en["body"] not in page.body_en
    summaries.add_summaries(global_apps, None)  # again: nothing more changes
    assert Page.objects.get(slug="no-fear-act").body_es.count("En pocas palabras") == 1
