"""The guide step by step: one question a screen, answers carried by GET, a result that never judges."""

import re

import pytest
from django.utils.html import escape

from screening.models import Question, ResultText, Setting
from tests.factories.materials import MaterialFactory
from tests.screening.helpers import answers_for, questions_of, walk

pytestmark = pytest.mark.django_db

SETTINGS = [
    "health-care-visit",
    "social-services-or-shelter",
    "law-enforcement-contact",
    "workplace-or-inspection",
    "school",
]
VERDICTS = ["this is trafficking", "this is not trafficking", "esto es trata", "esto no es trata", "is a victim"]


def test_the_shipped_content_covers_every_setting_in_both_languages():
    assert list(Setting.objects.published().values_list("slug", flat=True)) == SETTINGS
    for setting in Setting.objects.all():
        questions = setting.questions.published()
        assert 4 <= questions.count() <= 7
        assert setting.title_es
        assert setting.intro_es
        for question in questions:
            assert question.text_es
            assert question.sign_es
            assert question.source.title_es
            assert question.last_reviewed
    assert set(ResultText.objects.values_list("part", flat=True)) == set(ResultText.Part.values)
    assert all(text.text_es for text in ResultText.objects.all())


@pytest.mark.parametrize("slug", SETTINGS)
def test_each_setting_walks_to_a_result_with_the_hotline(client, slug):
    responses, given = walk(client, slug)
    assert all(response.status_code in (200, 302) for response in responses)
    result = responses[-4].content.decode()
    questions = questions_of(slug)
    for question in questions:
        answer = given[f"q{question.pk}"]
        if answer in ("yes", "unsure"):
            assert escape(question.sign) in result
        else:
            assert escape(question.sign) not in result
    assert "1-888-373-7888" in result
    assert "sms:233733" in result
    assert "tel:911" in result
    assert not any(verdict in result.lower() for verdict in VERDICTS)


def test_one_question_per_step_with_earlier_answers_hidden(client):
    first, second = questions_of("health-care-visit")[:2]
    page = client.get("/could-this-be-trafficking/health-care-visit/", {"step": 2, f"q{first.pk}": "yes"})
    text = page.content.decode()
    assert escape(second.text) in text
    assert escape(first.text) not in text
    assert f'<input type="hidden" name="q{first.pk}" value="yes">' in text
    assert '<input type="hidden" name="step" value="3">' in text
    assert 'method="get"' in text
    assert "csrfmiddlewaretoken" not in text
    assert second.source.title in text
    assert "Question last reviewed" in text


def test_a_step_without_its_answer_asks_again(client):
    first = questions_of("school")[0]
    page = client.get("/could-this-be-trafficking/school/", {"step": 2})
    text = page.content.decode()
    assert page.status_code == 200
    assert escape(first.text) in text
    assert "Choose yes, no or not sure to go on." in text
    assert "data-error-summary" in text


def test_going_back_keeps_the_answer_chosen(client):
    first, second = questions_of("school")[:2]
    page = client.get(
        "/could-this-be-trafficking/school/", {"step": 1, f"q{first.pk}": "unsure", f"q{second.pk}": "no"}
    )
    text = page.content.decode()
    assert re.search(rf'name="q{first.pk}"\s+value="unsure"\s+checked', text)
    assert f'<input type="hidden" name="q{second.pk}" value="no">' in text


def test_no_signs_marked_says_so_and_still_gives_the_hotline(client):
    questions = questions_of("school")
    query = answers_for(questions, ["no"])
    text = client.get("/could-this-be-trafficking/school/result/", query).content.decode()
    assert "You did not mark any of these signs" in text
    assert "I did not notice any of the listed signs, but I am worried." in text
    assert "1-888-373-7888" in text


def test_result_offers_materials_for_the_audience_and_the_coalitions_of_a_state(client):
    MaterialFactory(title="Tool kit for health care providers", slug="hc-tool-kit", audiences=["health-care"])
    MaterialFactory(title="Hotline clue card", slug="clue-card", kind="clue-card", audiences=["general-public"])
    questions = questions_of("health-care-visit")
    text = client.get(
        "/could-this-be-trafficking/health-care-visit/result/", {**answers_for(questions), "state": "TX"}
    ).content.decode()
    assert "/materials/hc-tool-kit/" in text
    assert "/materials/clue-card/" in text
    assert "/coalitions/?state=TX" in text
    assert "coalitions in Texas" in text


def test_spanish_journey_shows_spanish_questions_sources_and_results(client):
    question = questions_of("law-enforcement-contact")[0]
    page = client.get("/es/could-this-be-trafficking/law-enforcement-contact/", {"step": 1}).content.decode()
    assert '<html lang="es">' in page
    assert escape(question.text_es) in page
    assert escape(question.source.title_es) in page
    result = client.get(
        "/es/could-this-be-trafficking/law-enforcement-contact/result/", {f"q{question.pk}": "yes"}
    ).content.decode()
    assert escape(question.sign_es) in result
    assert "Qué hacer ahora" in result
    assert "llame al 911" in result.lower()


def test_untranslated_question_is_marked_english(client):
    question = questions_of("school")[0]
    Question.objects.filter(pk=question.pk).update(text_es="")
    page = client.get("/es/could-this-be-trafficking/school/", {"step": 1}).content.decode()
    assert f' lang="en">{escape(question.text_en)}</h1>' in page


@pytest.mark.parametrize(
    "query",
    [
        {"step": "abc"},
        {"step": "²"},
        {"step": "-1"},
        {"step": "99999999999999"},
        {"q1": "<script>alert(1)</script>", "step": "2"},
        {"q1": "yes\x00", "step": "2"},
        {"all": "\x00"},
        {"state": "\x00ZZ"},
    ],
)
def test_hostile_query_strings_are_ignored_never_a_500(client, query):
    for path in ("/could-this-be-trafficking/school/", "/could-this-be-trafficking/school/result/"):
        response = client.get(path, query)
        assert response.status_code in (200, 302)
        assert "<script>alert" not in response.content.decode()


def test_unknown_or_unpublished_setting_is_not_found(client):
    Setting.objects.filter(slug="school").update(is_published=False)
    assert client.get("/could-this-be-trafficking/school/").status_code == 404
    assert client.get("/could-this-be-trafficking/no-such-setting/result/").status_code == 404
    assert "School" not in client.get("/could-this-be-trafficking/").content.decode()
