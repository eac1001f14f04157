"""Load the questions, sources and result texts written from published indicator lists.

They ship in every environment, production included: real content from public
sources (docs/screening.md). Rows that already exist are left alone.
"""

from django.db import migrations

from screening import content


def load_shipped_content(apps, schema_editor):
    content.load(
        apps.get_model("screening", "Source"),
        apps.get_model("screening", "Setting"),
        apps.get_model("screening", "Question"),
        apps.get_model("screening", "ResultText"),
    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_screening_models")]

    operations = [migrations.RunPython(load_shipped_content, migrations.RunPython.noop)]
