"""Reading and carrying a visitor's answers: they live only in the query string of the next step.

Nothing here stores anything. Each answer is ``q<question id>=yes|no|unsure``;
anything else in the query string (unknown names, other values, hostile text)
is ignored, never echoed back and never an error.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from screening.models import Question

YES, NO, UNSURE = "yes", "no", "unsure"
CHOICES = [(YES, _("Yes")), (NO, _("No")), (UNSURE, _("Not sure"))]
VALUES = {value for value, _label in CHOICES}


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def read(query: Mapping[str, str], questions: Iterable[Question]) -> dict[int, str]:
    """``{question id: answer}`` for each question with a valid answer in ``query`` (a QueryDict)."""
    answers: dict[int, str] = {}
    for question in questions:
        value = query.get(field_name(question))
        if value in VALUES:
            answers[question.pk] = value
    return answers


def carried(
    questions: Iterable[Question], answers: Mapping[int, str], leave_out: Question | None = None
) -> list[tuple[str, str]]:
    """``[(name, value)]`` hidden fields that carry the answers so far, except ``leave_out``'s."""
    return [
        (field_name(question), answers[question.pk])
        for question in questions
        if question.pk in answers and question is not leave_out
    ]


def query(questions: Iterable[Question], answers: Mapping[int, str], **extra: str | int) -> str:
    """The answers (and ``extra`` parameters) as a query string, for a link to another step."""
    return urlencode([*carried(questions, answers), *extra.items()])


@dataclass(frozen=True)
class Summary:
    noticed: list[str]  # the signs answered "yes", in plain words
    unsure: list[str]  # the signs answered "not sure"
    unanswered: int


def summarize(questions: Sequence[Question], answers: Mapping[int, str]) -> Summary:
    """What the result lists: the signs noticed and those the visitor was not sure of. Never a verdict."""
    noticed = [question.sign for question in questions if answers.get(question.pk) == YES]
    unsure = [question.sign for question in questions if answers.get(question.pk) == UNSURE]
    return Summary(noticed, unsure, sum(1 for question in questions if question.pk not in answers))


def step_number(query: Mapping[str, str], last: int) -> int:
    """The step asked for (0: the start screen), clamped to ``0..last``; junk reads as 0."""
    raw = query.get("step", "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 3:
        return 0
    return min(int(raw), last)
