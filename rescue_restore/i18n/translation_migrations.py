"""Helpers for migrations that add translated columns (django-modeltranslation).

modeltranslation adds ``<field>_<language>`` columns beside each translated
field. Existing rows keep their text in the original column; this copies it
into the default language's column so nothing reads as untranslated English.
"""

from django.db.models import F


def copy_into_default_language(app_label, model_name, fields, language="en"):
    """A RunPython operation body copying ``field`` into ``field_<language>`` for every row."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        model.objects.update(**{f"{field}_{language}": F(field) for field in fields})

    return forwards
