"""What moderators see: decisions as action buttons, and a slug help that shows an address."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from coalitions.models import AffiliationRequest
from tests.factories.coalitions import AffiliationRequestFactory
from tests.materials.test_staff_screens import actions
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_decisions_are_action_buttons_with_approve_first(client, staff_coalition_moderator):
    request_object = AffiliationRequestFactory()
    sign_in(client, staff_coalition_moderator)
    response = client.get(f"/admin/coalitions/affiliationrequest/{request_object.pk}/change/")
    found = actions(response)
    assert found[0] == ("Approve", True)
    assert ("Decline", False) in found
    assert all(not primary for _title, primary in found[1:])
    assertContains(response, 'name="_save"')  # staff notes stay editable


def test_coalition_slug_help_shows_a_real_address(client, staff_coalition_moderator):
    sign_in(client, staff_coalition_moderator)
    response = client.get("/admin/coalitions/coalition/add/")
    assertContains(response, "/coalitions/this-slug/")
    assertNotContains(response, "/coalitions//")


def test_guidance_is_the_main_step_for_a_request_to_form_a_new_coalition(client, staff_coalition_moderator):
    request_object = AffiliationRequestFactory(kind=AffiliationRequest.Kind.FORM_NEW, coalition_name="")
    sign_in(client, staff_coalition_moderator)
    found = actions(client.get(f"/admin/coalitions/affiliationrequest/{request_object.pk}/change/"))
    assert ("Answer with guidance", True) in found
    assert [title for title, primary in found if primary] == ["Answer with guidance"]
