"""Admin for staff-written content in several languages (django-modeltranslation).

Staff see each translated field once per language, English first, and every
list says which rows still lack a translation, so nothing is left behind.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from modeltranslation.admin import TranslationAdmin


def _other_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationStatusFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "untranslated"

    def lookups(self, request, model_admin):
        return [(code, f"Not yet in {name}") for code, name in _other_languages()]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in dict(_other_languages()):
            return queryset
        field = f"{self.model_admin_translation_field}_{code}"
        return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))


class TranslatedContentAdmin(TranslationAdmin):
    """Base admin for models registered in an app's ``translation.py``.

    ``translation_check_field`` names the field whose translation decides
    whether a row counts as translated (the body of a page, the title of a material).
    """

    translation_check_field = "title"

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translations"]

    def get_list_filter(self, request):
        check_field = self.translation_check_field
        status_filter = type("StatusFilter", (TranslationStatusFilter,), {"model_admin_translation_field": check_field})
        return [*super().get_list_filter(request), status_filter]

    @admin.display(description="Translations")
    def translations(self, obj):
        missing = [
            name for code, name in _other_languages() if not getattr(obj, f"{self.translation_check_field}_{code}")
        ]
        return "Missing: " + ", ".join(missing) if missing else "Complete"
