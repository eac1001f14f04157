"""What the screening pages show: a setting's questions, the result's texts, matching materials.

Read-only: nothing a visitor answers is written anywhere (docs/screening.md).
Materials come from the materials app's ``related.py`` through
``rescue_restore.kernel.discovery`` (apps never import each other); coalitions are
linked by URL name, filtered by the state the visitor chose.
"""

from collections.abc import Mapping

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.text.us_states import PLACE_NAMES
from screening.models import Question, ResultText, Setting

MATERIALS_APP = "materials"
MATERIALS_LIMIT = 6
# Every setting's result also offers what the campaign made for everyone (the clue card, the brochure).
GENERAL_AUDIENCE = "everyone"


def published_questions(setting: Setting) -> list[Question]:
    return list(Question.objects.filter(setting=setting).published().select_related("source").order_by("order", "pk"))


def result_texts() -> dict[str, ResultText]:
    """``{part: ResultText}`` for every part staff have written (parts spelled with ``_`` for templates)."""
    return {text.part.replace("-", "_"): text for text in ResultText.objects.all()}


def matching_materials(audience: str) -> list[dict[str, str]]:
    """Materials for ``audience`` first, then the campaign's general ones: ``[{title, url, summary}]``."""
    items: list[dict[str, str]] = []
    seen: set[str] = set()
    for app, module in app_modules("related"):
        if app != MATERIALS_APP:
            continue
        for wanted in dict.fromkeys([audience, GENERAL_AUDIENCE]):
            for item in module.for_audience(wanted, MATERIALS_LIMIT):
                if item["url"] not in seen:
                    seen.add(item["url"])
                    items.append(item)
    return items[:MATERIALS_LIMIT]


def chosen_state(query: Mapping[str, str]) -> tuple[str, str]:
    """``(code, name)`` of the state or territory the visitor chose, or ``("", "")``."""
    code = query.get("state", "")
    name = PLACE_NAMES.get(code) if code else None
    return (code, name) if name else ("", "")


def coalitions_url(state_code: str) -> str | None:
    """The coalition directory, filtered to ``state_code`` (None when the directory is not installed)."""
    try:
        url = reverse("coalitions:directory")
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode({'state': state_code})}" if state_code else url
