"""Which campaign fields staff write in each language (django-modeltranslation, docs/i18n.md)."""

from modeltranslation.translator import TranslationOptions, register

from campaign.models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_html")
    required_languages = ("en",)


# The audit trail records each language's text too (django-simple-history's copy of the page).
@register(Page.audit_trail.model)
class HistoricalPageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_html")
