"""Which bulletin fields staff may write in Spanish too (django-modeltranslation, docs/i18n.md).

A bulletin without a Spanish version goes to Spanish-reading subscribers in English.
"""

from modeltranslation.translator import TranslationOptions, register

from listserv.models import Bulletin, Topic


@register(Bulletin)
class BulletinTranslationOptions(TranslationOptions):
    fields = ("subject", "body", "body_html")
    required_languages = ("en",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


# The audit trail records each language's text too (body_html is left out of the bulletin's history).
@register(Bulletin.audit_trail.model)
class HistoricalBulletinTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
