"""Walking the guide as a visitor does: one GET per step, answers carried in the query string."""

from urllib.parse import urlencode

from screening.models import Setting

ANSWER_CYCLE = ["yes", "no", "unsure"]


def questions_of(slug):
    return list(Setting.objects.get(slug=slug).questions.published().order_by("order", "pk"))


def answers_for(questions, cycle=ANSWER_CYCLE):
    """``{field name: answer}``: yes, no, not sure, yes… down the questions."""
    return {f"q{question.pk}": cycle[index % len(cycle)] for index, question in enumerate(questions)}


def walk(client, slug, language_prefix="", cycle=ANSWER_CYCLE):
    """Every response of one journey: the list, the start, each step, the result, its print view."""
    questions = questions_of(slug)
    given = answers_for(questions, cycle)
    base = f"{language_prefix}/could-this-be-trafficking/"
    responses = [client.get(base), client.get(f"{base}{slug}/")]
    so_far = {}
    for step, question in enumerate(questions, start=1):
        responses.append(client.get(f"{base}{slug}/", {**so_far, "step": step}))
        so_far[f"q{question.pk}"] = given[f"q{question.pk}"]
    finish = client.get(f"{base}{slug}/", {**so_far, "step": len(questions) + 1})
    responses.append(finish)
    assert finish.status_code == 302, finish.status_code
    result = client.get(finish["Location"])
    responses.append(result)
    query = urlencode({**so_far, "state": "TX"})
    responses.append(client.get(f"{base}{slug}/result/?{query}"))
    responses.append(client.get(f"{base}{slug}/result/print/?{query}"))
    responses.append(client.get(f"{base}{slug}/", {**so_far, "all": "1"}))
    return responses, given
