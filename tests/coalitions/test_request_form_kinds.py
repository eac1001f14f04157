"""The request form asks only what the chosen request needs: forming a coalition is not asked about members."""

import re

import pytest

from coalitions.models import AffiliationRequest
from tests.coalitions.conftest import FORM_NEW_REQUEST, VALID_REQUEST

pytestmark = pytest.mark.django_db

EXISTING_ONLY = [
    "member_count",
    "member_sectors",
    "task_force_exists",
    "current_activities",
    "covers_sex_and_labor_trafficking",
    "area_served",
    "year_founded",
    "coalition_website",
    "public_email",
    "consent_to_list",
]


def _fieldset(html, name):
    return re.search(
        rf'<fieldset class="usa-fieldset rr-request-form__{name}[^"]*">.*?</fieldset>\s*(?=<fieldset|<section)',
        html,
        re.S,
    )[0]


def test_the_questions_about_an_existing_coalition_are_grouped_apart(client):
    html = client.get("/coalitions/request/").text
    existing, new = _fieldset(html, "existing"), _fieldset(html, "new")
    for name in EXISTING_ONLY:
        assert f'name="{name}"' in existing, name
        assert f'name="{name}"' not in new, name
    assert 'name="interested_organizations"' in new
    assert 'name="interested_organizations"' not in existing
    before = html.split('class="usa-fieldset rr-request-form__new')[0]
    for name in ["kind", "community", "state", "contact_name", "email"]:
        assert f'name="{name}"' in before, name


def test_forming_a_coalition_needs_no_member_count_or_task_force_answer(post_request):
    response = post_request(FORM_NEW_REQUEST, member_count="", task_force_exists="", member_sectors=[])
    assert response.status_code == 302, response.context["form"].errors
    request_object = AffiliationRequest.objects.get()
    assert request_object.kind == "form-new"
    assert request_object.member_count == 0


def test_answers_posted_to_questions_a_new_coalition_is_not_asked_are_not_stored(post_request):
    response = post_request(FORM_NEW_REQUEST, year_founded="1492", member_count="many", consent_to_list="on")
    assert response.status_code == 302, response.context["form"].errors
    stored = AffiliationRequest.objects.get()
    assert (stored.member_count, stored.member_sectors, stored.task_force_exists) == (0, [], "")
    assert (stored.year_founded, stored.public_email, stored.consent_to_list) == (None, "", False)
    assert stored.current_activities == stored.area_served == stored.coalition_website == ""
    assert "Legal aid clinic" in stored.interested_organizations


@pytest.mark.parametrize("field", ["member_count", "task_force_exists"])
def test_an_existing_coalition_must_still_answer_its_questions(post_request, field):
    response = post_request(VALID_REQUEST, **{field: ""})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not AffiliationRequest.objects.exists()


def test_an_existing_coalition_does_not_store_a_list_of_interested_organizations(post_request):
    response = post_request(VALID_REQUEST, interested_organizations="Someone else")
    assert response.status_code == 302
    assert AffiliationRequest.objects.get().interested_organizations == ""
