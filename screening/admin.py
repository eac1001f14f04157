"""Staff edit the settings, their questions and order, the sources and the result texts, in both languages."""

from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from rescue_restore.i18n.admin_translation import TranslatedContentAdmin
from screening.models import Question, ResultText, Setting, Source


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["order", "text", "sign", "source", "is_published", "is_demo", "last_reviewed"]
    ordering = ["order"]


@admin.register(Setting)
class SettingAdmin(TranslatedContentAdmin):
    list_display = ["title", "order", "audience", "is_published", "is_demo", "last_reviewed"]
    list_editable = ["order"]
    list_filter = ["is_published", "audience"]
    search_fields = ["title", "intro", "questions__text"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "intro", "audience", "order", "is_published", "is_demo", "last_reviewed"]
    inlines = [QuestionInline]

    def view_on_site(self, setting):
        return setting.get_absolute_url() if setting.is_published else None


@admin.register(Question)
class QuestionAdmin(TranslatedContentAdmin):
    translation_check_field = "text"
    list_display = ["text", "setting", "order", "source", "is_published", "is_demo", "last_reviewed"]
    list_filter = ["setting", "source", "is_demo", "is_published"]
    search_fields = ["text", "sign"]
    date_hierarchy = "last_reviewed"
    ordering = ["setting__order", "order"]
    list_select_related = ["setting", "source"]


@admin.register(Source)
class SourceAdmin(TranslatedContentAdmin):
    list_display = ["title", "publisher", "year", "last_reviewed"]
    search_fields = ["title", "publisher"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(ResultText)
class ResultTextAdmin(TranslatedContentAdmin):
    translation_check_field = "text"
    list_display = ["part", "last_reviewed"]
    fields = ["part", "text", "last_reviewed"]
