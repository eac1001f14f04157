"""Which catalog fields staff write in each language (django-modeltranslation, docs/i18n.md).

An edition's own title stays as printed on it; the material's title, summary
and description are what the catalog shows around it.
"""

from modeltranslation.translator import TranslationOptions, register

from materials.models import Audience, Material


@register(Material)
class MaterialTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("en",)


@register(Audience)
class AudienceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


# The audit trail records each language's text too (django-simple-history's copy of the material).
@register(Material.audit_trail.model)
class HistoricalMaterialTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
