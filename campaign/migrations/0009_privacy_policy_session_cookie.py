# ruff: noqa: E501 (page prose reads better unwrapped)
"""The privacy policy's cookie list says what the code does: "Add to my order" sets ``sessionid`` too.

0003 (English) and 0008 (Spanish) said ``sessionid`` is set "only" for a
coalition request or a staff sign-in; the order list ("Add to my order") keeps
its items in the session, so it sets the cookie as well
(``tests/security/test_cookies_match_the_privacy_policy.py`` walks every public
journey and compares). Staff own these pages: each language is changed only
while its text is still exactly what 0003 or 0008 wrote, so a page staff have
edited is left alone (and shows on their review list as before).
"""

from importlib import import_module

from django.db import migrations

from rescue_restore.text.markdown import render_markdown

OLD_EN = """- **sessionid** is set only when you send a coalition request, to show you its reference number, or when staff sign
  in. It holds a random identifier and lasts at most a day."""
NEW_EN = """- **sessionid** is set when you press "Add to my order" (so that our server can keep the list of materials you chose
  until you place the order), when you send a coalition request (to show you its reference number), or when staff sign
  in. It holds a random identifier; your browser deletes it when you close it, and our server forgets it after 12 hours
  at most."""
OLD_ES = """- **sessionid** se crea solo cuando usted envía una solicitud de una coalición, para mostrarle su número de
  referencia, o cuando el personal inicia sesión. Contiene un identificador aleatorio y dura como máximo un día."""
NEW_ES = """- **sessionid** se crea cuando usted presiona "Agregar a mi pedido" (para que nuestro servidor guarde la lista de
  materiales que eligió hasta que haga el pedido), cuando envía una solicitud de una coalición (para mostrarle su número
  de referencia) o cuando el personal inicia sesión. Contiene un identificador aleatorio; su navegador la borra al
  cerrarse y nuestro servidor la olvida después de 12 horas como máximo."""


def _original(module, slug, pages_attr):
    pages = getattr(import_module(f"campaign.migrations.{module}"), pages_attr)
    if isinstance(pages, dict):
        return pages[slug]["body"]
    return next(page["body"] for page in pages if page["slug"] == slug)


def update_cookie_statement(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    page = Page.objects.filter(slug="privacy").first()
    if page is None:
        return
    changed = []
    english = _original("0003_required_pages", "privacy", "PAGES")
    if page.body_en == english and OLD_EN in english:
        page.body_en = english.replace(OLD_EN, NEW_EN)
        page.body_html_en = render_markdown(page.body_en)
        changed += ["body_en", "body_html_en"]
        if page.body == english:  # the untranslated column, kept in step with English
            page.body, page.body_html = page.body_en, page.body_html_en
            changed += ["body", "body_html"]
    spanish = _original("0008_required_pages_es", "privacy", "PAGES_ES")
    if page.body_es == spanish and OLD_ES in spanish:
        page.body_es = spanish.replace(OLD_ES, NEW_ES)
        page.body_html_es = render_markdown(page.body_es)
        changed += ["body_es", "body_html_es"]
    if changed:
        page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0008_required_pages_es"),
    ]

    operations = [
        migrations.RunPython(update_cookie_statement, migrations.RunPython.noop),
    ]
