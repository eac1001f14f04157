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

SESSION_COOKIE_CORRECTION = import_module("campaign.migrations.0009_privacy_policy_session_cookie")

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
    if language == "en":
        pages = import_module("campaign.migrations.0003_required_pages").PAGES
        body = next(page["body"] for page in pages if page["slug"] == "privacy")
        return body.replace(SESSION_COOKIE_CORRECTION.OLD_EN, SESSION_COOKIE_CORRECTION.NEW_EN)
    body = import_module("campaign.migrations.0008_required_pages_es").PAGES_ES["privacy"]["body"]
    return body.replace(SESSION_COOKIE_CORRECTION.OLD_ES, SESSION_COOKIE_CORRECTION.NEW_ES)


def update_csrf_cookie_statement(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    page = Page.objects.filter(slug="privacy").first()
    if page is None:
        return
    changed = []
    for language, old, new in (("en", OLD_EN, NEW_EN), ("es", OLD_ES, NEW_ES)):
        shipped = _as_left_by_earlier_migrations(language)
        if getattr(page, f"body_{language}") != shipped or old not in shipped:
            continue  # staff have edited this language: their text stays
        body = shipped.replace(old, new)
        html = render_markdown(body)
        setattr(page, f"body_{language}", body)
        setattr(page, f"body_html_{language}", html)
        changed += [f"body_{language}", f"body_html_{language}"]
        if language == "en" and page.body == shipped:  # the untranslated column, kept in step with English
            page.body, page.body_html = body, html
            changed += ["body", "body_html"]
    if changed:
        page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0011_merge_parallel_work"),
    ]

    operations = [
        migrations.RunPython(update_csrf_cookie_statement, migrations.RunPython.noop),
    ]
