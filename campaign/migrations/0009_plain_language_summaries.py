# ruff: noqa: E501 (page prose reads better unwrapped)
"""A plain-language summary above the legally fixed text of the No FEAR Act page (issue 22, item 6).

The Act's wording stays as migration 0003 wrote it, under its own heading; the summary says the same
in words a reader at grade 8 or lower follows (Federal Plain Language Guidelines), in English and in
Spanish. Staff own the page: each language is changed only while it is still the text 0003 (English)
or 0008 (Spanish) wrote, so a page staff have edited is left alone. Frozen here, as those texts are.
"""

from importlib import import_module

from django.db import migrations

from rescue_restore.text.markdown import render_markdown

SLUG = "no-fear-act"

SUMMARY = {
    "en": """## In short

If you work for HHS, used to work there or applied for a job there, the law protects you. No one may treat you
unfairly because of your race, color, religion, sex, national origin, age, disability or genes. No one may punish
you for reporting wrongdoing or for taking part in a complaint. HHS must tell its workers about these rights and
publish how many complaints it gets. If you think this happened to you, talk to an HHS equal employment
counselor within 45 days.

## What the law says
""",
    "es": """## En pocas palabras

Si usted trabaja en el HHS, trabajó allí o pidió un empleo allí, la ley lo protege. Nadie puede tratarlo de forma
injusta por su raza, color, religión, sexo, origen nacional, edad, discapacidad o genes. Nadie puede castigarlo por
denunciar irregularidades o por participar en una queja. El HHS debe informar a sus trabajadores sobre estos
derechos y publicar cuántas quejas recibe. Si cree que esto le pasó, hable con un consejero de igualdad en el empleo
del HHS dentro de los 45 días.

## Lo que dice la ley
""",
}


def with_summary(slug, language, body):
    """The body this migration ships for ``slug`` in ``language``, given the text it replaces."""
    return SUMMARY[language] + "\n" + body if slug == SLUG else body


def add_summaries(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    page = Page.objects.filter(slug=SLUG).first()
    if page is None:
        return
    shipped = {
        "en": {p["slug"]: p for p in import_module("campaign.migrations.0003_required_pages").PAGES}[SLUG]["body"],
        "es": import_module("campaign.migrations.0008_required_pages_es").PAGES_ES[SLUG]["body"],
    }
    changed = []
    for language, legal_text in shipped.items():
        if getattr(page, f"body_{language}") != legal_text:
            continue  # staff rewrote it (or never had it): theirs to change
        body = with_summary(SLUG, language, legal_text)
        setattr(page, f"body_{language}", body)
        setattr(page, f"body_html_{language}", render_markdown(body))
        changed += [f"body_{language}", f"body_html_{language}"]
    if changed:
        page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0008_required_pages_es"),
    ]

    operations = [
        migrations.RunPython(add_summaries, migrations.RunPython.noop),
    ]
