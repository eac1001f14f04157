"""The guided look at the signs: one question per step, then a result. Nothing is stored.

Every step is a plain GET form that carries the answers so far as hidden
fields; no session, no cookie, no CSRF token (GET forms need none). Every
answer is ``no-store``, ``private`` and ``noindex`` (``personal_page``), and
the page cache skips these addresses (``rescue_restore/web/pagecache.py``).
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from rescue_restore.text.us_states import PLACE_CHOICES
from rescue_restore.web.privacy import personal_page
from screening import answers, services
from screening.models import Setting


@personal_page
def index(request):
    settings_list = Setting.objects.published().order_by("order", "pk")
    return render(request, "screening/index.html", {"settings": settings_list})


@personal_page
def setting(request, slug):
    setting = get_object_or_404(Setting.objects.published(), slug=slug)
    questions = services.published_questions(setting)
    given = answers.read(request.GET, questions)
    if request.GET.get("all") == "1":
        return render(request, "screening/all_questions.html", _context(setting, questions, given))
    total = len(questions)
    asked = answers.step_number(request.GET, total + 1)
    first_unanswered = next((index for index, question in enumerate(questions, 1) if question.pk not in given), None)
    if asked == total + 1 and first_unanswered is None:
        return redirect(f"{reverse('screening:result', args=[setting.slug])}?{answers.query(questions, given)}")
    if asked == 0 or not questions:
        return render(request, "screening/start.html", _context(setting, questions, given))
    # A step that skips an unanswered question shows that question instead, saying why.
    shown = min(asked, first_unanswered) if first_unanswered else min(asked, total)
    question = questions[shown - 1]
    context = _context(setting, questions, given)
    context.update(
        {
            "question": question,
            "step": shown,
            "total": total,
            "missing": shown < asked,
            "chosen": given.get(question.pk, ""),
            "hidden": answers.carried(questions, given, leave_out=question),
            "back_query": answers.query(questions, given, step=shown - 1),
        }
    )
    return render(request, "screening/step.html", context, status=200)


@personal_page
def result(request, slug):
    return render(request, "screening/result.html", _result_context(request, slug))


@personal_page
def result_print(request, slug):
    return render(request, "screening/result_print.html", _result_context(request, slug))


def _context(setting, questions, given):
    for question in questions:  # what the templates need of each question, without a function call
        question.field_name = answers.field_name(question)
        question.answer = given.get(question.pk, "")
    return {
        "setting": setting,
        "questions": questions,
        "answers": given,
        "choices": answers.CHOICES,
    }


def _result_context(request, slug):
    setting = get_object_or_404(Setting.objects.published(), slug=slug)
    questions = services.published_questions(setting)
    given = answers.read(request.GET, questions)
    state_code, state_name = services.chosen_state(request.GET)
    context = _context(setting, questions, given)
    context.update(
        {
            "summary": answers.summarize(questions, given),
            "texts": services.result_texts(),
            "materials": services.matching_materials(setting.audience),
            "state_code": state_code,
            "state_name": state_name,
            "state_choices": PLACE_CHOICES,
            "coalitions_url": services.coalitions_url(state_code),
            "hidden": answers.carried(questions, given),
            "answers_query": answers.query(questions, given),
            "print_query": answers.query(questions, given, **({"state": state_code} if state_code else {})),
            "change_query": answers.query(questions, given, step=len(questions)),
        }
    )
    return context
