"""The audiences the campaign writes for (staff can add more in the admin)."""

from django.db import migrations

AUDIENCES = [
    ("health-care", "Health care providers", 10),
    ("social-service", "Social service providers", 20),
    ("law-enforcement", "Law enforcement", 30),
    ("faith-community", "Faith and community groups", 40),
    ("educators", "Educators", 50),
    ("general-public", "General public", 60),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("materials", "Audience")
    for slug, name, order in AUDIENCES:
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
