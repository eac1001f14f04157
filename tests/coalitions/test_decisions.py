"""Coalition decisions in PRODUCT.md: one open update request per listing, whatever city it names;
the year founded is never in the future."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from coalitions import services
from coalitions.models import AffiliationRequest
from tests.coalitions.test_reverification import link_for
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory

pytestmark = pytest.mark.django_db


def update_data(form_data, **changes):
    fields = {
        "coalition_name": "Springfield Coalition",
        "community": "Springfield",
        "state": "IL",
        "public_email": "contact@example.org",
        "task_force_exists": "yes",
        "contact_name": "Pat Lee",
    }
    return form_data(**{**fields, **changes})


def test_a_second_open_update_naming_another_city_is_refused(client, form_data):
    coalition = CoalitionFactory(contact_email="contact@example.org")
    link = link_for(coalition) + "update/"
    assert client.post(link, update_data(form_data)).status_code == 302
    response = client.post(link, update_data(form_data, community="Chatham"))
    assert response.status_code == 400
    assert "already have updates to this listing waiting for a moderator" in response.content.decode()
    assert AffiliationRequest.objects.filter(coalition=coalition).count() == 1


def test_the_database_refuses_a_second_open_update_of_one_listing():
    coalition = CoalitionFactory()
    AffiliationRequestFactory(kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, community="Springfield")
    with pytest.raises(IntegrityError):
        AffiliationRequestFactory(kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, community="Chatham")


def test_the_service_turns_the_race_into_the_friendly_duplicate():
    coalition = CoalitionFactory()
    AffiliationRequestFactory(kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, community="Springfield")
    second = AffiliationRequest(
        kind=AffiliationRequest.Kind.UPDATE,
        coalition=coalition,
        community="Chatham",
        state="IL",
        contact_name="Pat Lee",
        email="other@example.org",
    )
    with pytest.raises(services.DuplicateRequestError) as refused:
        services.submit_request(second)
    assert refused.value.message == services.DUPLICATE_UPDATE_MESSAGE


def test_a_closed_update_does_not_block_the_next_one(client, form_data):
    coalition = CoalitionFactory(contact_email="contact@example.org")
    AffiliationRequestFactory(
        kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, status=AffiliationRequest.Status.DECLINED
    )
    assert client.post(link_for(coalition) + "update/", update_data(form_data)).status_code == 302


def test_the_year_founded_cannot_be_in_the_future(client, form_data, post_request):
    next_year = timezone.localdate().year + 1
    response = post_request(year_founded=str(next_year))
    assert response.status_code == 400
    assert "The year founded cannot be in the future." in response.content.decode()
    assert post_request(year_founded=str(next_year - 1)).status_code == 302

    coalition = CoalitionFactory(contact_email="contact@example.org")
    response = client.post(link_for(coalition) + "update/", update_data(form_data, year_founded=str(next_year)))
    assert response.status_code == 400
    assert "The year founded cannot be in the future." in response.content.decode()
