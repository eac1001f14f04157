"""Issue 13 item 13: the footer's required pages exist without demo content, and staff own them."""

import importlib
import io

import pytest
from django.apps import apps as global_apps
from django.core.management import call_command
from django.utils import timezone

from campaign.models import Page

pytestmark = pytest.mark.django_db

REQUIRED = ["about-this-site", "accessibility", "privacy", "foia", "no-fear-act"]
migration = importlib.import_module("campaign.migrations.0003_required_pages")


@pytest.fixture(autouse=True)
def _required_pages():
    """What the migration created. A transactional test elsewhere may have flushed it: run it again (idempotent)."""
    migration.create_missing_pages(global_apps, None)


def test_the_migration_creates_every_required_page_published_and_due_for_review():
    pages = {page.slug: page for page in Page.objects.filter(slug__in=REQUIRED)}
    assert sorted(pages) == sorted(REQUIRED)
    for page in pages.values():
        assert page.is_published
        assert page.section == "site"
        assert page.next_review_due <= timezone.localdate()  # on the dashboard's review list
        assert "<h2>" in page.body_html or "<p>" in page.body_html
        assert len(page.body) > 500


def test_footer_links_answer_on_a_site_without_demo_content(client):
    html = client.get("/").content.decode()
    for url in [
        "/pages/about-this-site/",
        "/pages/accessibility/",
        "/pages/privacy/",
        "/vulnerability-disclosure/",
        "/disclaimer/",
    ]:
        assert f'href="{url}"' in html, url
        assert client.get(url).status_code == 200, url
    for url in ["/pages/foia/", "/pages/no-fear-act/"]:
        assert client.get(url).status_code == 200, url


def test_the_privacy_policy_names_every_cookie_and_the_retention_periods(client):
    text = client.get("/pages/privacy/").content.decode()
    for words in ["csrftoken", "sessionid", "messages", "18 months", "12 months", "30 days"]:
        assert words in text, words


def test_the_migration_skips_pages_that_exist():
    Page.objects.filter(slug="privacy").update(body="Edited by staff.", title="Our privacy policy")
    Page.objects.filter(slug="foia").delete()
    migration.create_missing_pages(global_apps, None)
    assert Page.objects.get(slug="privacy").title == "Our privacy policy"
    assert Page.objects.get(slug="privacy").body == "Edited by staff."
    assert Page.objects.filter(slug="foia").count() == 1


def test_seed_demo_does_not_overwrite_the_required_pages(settings):
    Page.objects.filter(slug="accessibility").update(body="Edited by staff.")
    call_command("seed_demo", stdout=io.StringIO())
    assert Page.objects.get(slug="accessibility").body == "Edited by staff."


spanish_migration = importlib.import_module("campaign.migrations.0008_required_pages_es")


def _as_0003_left_them():
    """The required pages' English as 0003 wrote it, before 0009 put a summary on the No FEAR Act page."""
    for page in migration.PAGES:
        Page.objects.filter(slug=page["slug"]).update(body_en=page["body"])


def test_the_spanish_migration_translates_every_untouched_required_page(client):
    _as_0003_left_them()
    Page.objects.filter(slug__in=REQUIRED).update(title_es="", summary_es="", body_es="", body_html_es="")
    # As 0008 found it: the privacy policy's English as 0003 wrote it (0009 has since corrected its cookie list).
    english = {page["slug"]: page["body"] for page in migration.PAGES}
    Page.objects.filter(slug="privacy").update(body_en=english["privacy"])
    spanish_migration.add_spanish(global_apps, None)
    for slug in REQUIRED:
        page = Page.objects.get(slug=slug)
        assert page.body_es == spanish_migration.PAGES_ES[slug]["body"]
        assert page.body_html_es.startswith("<")
        html = client.get(f"/es/pages/{slug}/").content.decode()
        assert spanish_migration.PAGES_ES[slug]["title"] in html
        assert "todavía no está disponible en español" not in html


def test_the_spanish_migration_leaves_pages_staff_rewrote_or_translated():
    Page.objects.filter(slug__in=REQUIRED).update(title_es="", summary_es="", body_es="", body_html_es="")
    Page.objects.filter(slug="privacy").update(body_en="Our own privacy policy, rewritten by staff.")
    Page.objects.filter(slug="foia").update(body_es="Texto que escribió el personal.")
    spanish_migration.add_spanish(global_apps, None)
    assert Page.objects.get(slug="privacy").body_es == ""
    assert Page.objects.get(slug="foia").body_es == "Texto que escribió el personal."
    assert Page.objects.get(slug="accessibility").body_es == spanish_migration.PAGES_ES["accessibility"]["body"]


cookie_migration = importlib.import_module("campaign.migrations.0009_privacy_policy_session_cookie")
csrf_cookie_migration = importlib.import_module("campaign.migrations.0012_privacy_policy_csrf_cookie")
ENGLISH_AS_SHIPPED = {page["slug"]: page["body"] for page in migration.PAGES}["privacy"]
SPANISH_AS_SHIPPED = spanish_migration.PAGES_ES["privacy"]["body"]


@pytest.mark.parametrize(
    ("correct", "starting", "english_words", "spanish_words"),
    [
        (
            cookie_migration.update_cookie_statement,
            (ENGLISH_AS_SHIPPED, SPANISH_AS_SHIPPED),
            "Add to my order",
            "Agregar a mi pedido",
        ),
        (
            csrf_cookie_migration.update_csrf_cookie_statement,
            (
                csrf_cookie_migration._as_left_by_earlier_migrations("en"),
                csrf_cookie_migration._as_left_by_earlier_migrations("es"),
            ),
            "no personal information, and",  # the csrftoken line's new words ("…, and your browser deletes it")
            "personal, y su navegador",
        ),
    ],
    ids=["sessionid", "csrftoken"],
)
def test_a_cookie_correction_changes_only_text_staff_have_not_edited(correct, starting, english_words, spanish_words):
    english, spanish = starting
    Page.objects.filter(slug="privacy").update(body_en=english, body_es="Texto que escribió el personal.")
    correct(global_apps, None)
    page = Page.objects.get(slug="privacy")
    assert english_words not in english
    assert english_words in page.body_en
    assert english_words in page.body_html_en
    assert page.body_es == "Texto que escribió el personal."
    Page.objects.filter(slug="privacy").update(body_en="Rewritten by staff.", body_es=spanish)
    correct(global_apps, None)
    page = Page.objects.get(slug="privacy")
    assert page.body_en == "Rewritten by staff."
    assert spanish_words not in spanish
    assert spanish_words in page.body_es
    assert spanish_words in page.body_html_es
