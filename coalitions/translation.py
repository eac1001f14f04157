"""Which listing fields staff write in each language (django-modeltranslation, docs/i18n.md).

The name stays as the coalition spells it. The default language's column holds
the listing's own text, in the contact's language (``Coalition.language``);
where the reader's version is missing, the page shows that text marked with
its ``lang`` and "available only in …" (``Coalition.text_language``).
"""

from modeltranslation.translator import TranslationOptions, register

from coalitions.models import Coalition

FIELDS = ("city", "area_served", "description", "background")


@register(Coalition)
class CoalitionTranslationOptions(TranslationOptions):
    fields = FIELDS
    required_languages = ("en",)


# The audit trail records each language's text too (django-simple-history's copy of the listing).
@register(Coalition.audit_trail.model)
class HistoricalCoalitionTranslationOptions(TranslationOptions):
    fields = FIELDS
