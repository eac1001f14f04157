# ruff: noqa: E501 (page prose reads better unwrapped)
"""The privacy policy's cookie list says what the code does: ``csrftoken`` now dies with the browser.

0003 (English) and 0008 (Spanish) said the cookie lasts up to a year, Django's
default. ``CSRF_COOKIE_AGE = None`` makes it a browser-session cookie, like
``sessionid``: nothing of this site stays on the device once the browser is
closed. As in 0009, each language is changed only while its text is still
exactly what the earlier migrations left, so a page staff have edited is left
alone.
"""

from importlib import import_module

from django.db import migrations

from rescue_restore.text.markdown import render_markdown

OLD_EN = """- **csrftoken** protects our forms from being submitted by other websites. It holds no personal information and
  lasts up to a year."""
NEW_EN = """- **csrftoken** protects our forms from being submitted by other websites. It holds no personal information, and
  your browser deletes it when you close it."""
OLD_ES = """- **csrftoken** protege nuestros formularios para que otros sitios web no puedan enviarlos. No contiene información
  personal y dura hasta un año."""
NEW_ES = """- **csrftoken** protege nuestros formularios para que otros sitios web no puedan enviarlos. No contiene información
  personal, y su navegador la borra al cerrarse."""


def _as_left_by_earlier_migrations(language):
    """The privacy page's text in ``language`` as 0003/0008 wrote it and 0009 corrected it."""
    session_cookie = import_module("campaign.migrations.0009_privacy_policy_session_cookie")
    if language == "en":
        pages = import_module("campaign.migrations.0003_required_pages").PAGES
        body = next(page["body"] for page in pages if page["slug"] == "privacy")
        return body.replace(session_cookie.OLD_EN, session_cookie.NEW_EN)
    body = import_module("campaign.migrations.0008_required_pages_es").PAGES_ES["privacy"]["body"]
    return body.replace(session_cookie.OLD_ES, session_cookie.NEW_ES)


def update_csrf_cookie_statement(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    page = Page.objects.filter(slug="privacy").first()
    if page is None:
        return
    changed = []
    english = _as_left_by_earlier_migrations("en")
    if page.body_en == english and OLD_EN in english:
        page.body_en = english.replace(OLD_EN, NEW_EN)
        page.body_html_en = render_markdown(page.body_en)
        changed += ["body_en", "body_html_en"]
        if page.body == english:  # the untranslated column, kept in step with English
            page.body, page.body_html = page.body_en, page.body_html_en
            changed += ["body", "body_html"]
    spanish = _as_left_by_earlier_migrations("es")
    if page.body_es == spanish and OLD_ES in spanish:
        page.body_es = spanish.replace(OLD_ES, NEW_ES)
        page.body_html_es = render_markdown(page.body_es)
        changed += ["body_es", "body_html_es"]
    if changed:
        page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0011_merge_parallel_work"),
    ]

    operations = [
        migrations.RunPython(update_csrf_cookie_statement, migrations.RunPython.noop),
    ]
