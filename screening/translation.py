"""Which screening fields staff write in each language (django-modeltranslation, docs/i18n.md)."""

from modeltranslation.translator import TranslationOptions, register

from screening.models import Question, ResultText, Setting, Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher")
    required_languages = ("en",)


@register(Setting)
class SettingTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    required_languages = ("en",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "sign")
    required_languages = ("en",)


@register(ResultText)
class ResultTextTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
