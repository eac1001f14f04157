"""What a person starts on /es/ remembers Spanish, and every email it causes speaks it."""

import pytest
from django.utils import translation

from materials import fulfilment, services
from materials.models import Order
from tests.coalitions.conftest import VALID_REQUEST
from tests.factories.listserv import TopicFactory
from tests.factories.materials import EditionFactory
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db

SPANISH_LINK = "https://rescue-restore.example.gov/es/"


def test_a_sign_up_on_the_spanish_page_is_stored_in_spanish_and_its_link_opens_in_spanish(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    topic = TopicFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/listserv/", form_data(email="ana@example.org", topics=[topic.pk]))
    from listserv.models import Subscriber

    assert Subscriber.objects.get().language == "es"
    (email,) = mailoutbox
    assert f"{SPANISH_LINK}listserv/confirm/" in email.body


def test_an_affiliation_request_on_the_spanish_page_is_stored_in_spanish(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/coalitions/request/", form_data(**VALID_REQUEST))
    assert response.status_code == 302
    from coalitions.models import AffiliationRequest

    assert AffiliationRequest.objects.get().language == "es"


def test_emails_staff_send_later_follow_the_order_not_the_staff_members_language(
    mailoutbox, django_capture_on_commit_callbacks, superuser
):
    edition = EditionFactory(stock_on_hand=100)
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        order = services.place_order({**VALID_DETAILS, "needed_by": None}, {edition.pk: 5}, "t" * 40).order
    assert order.language == "es"
    confirmation, staff_notification = sorted(mailoutbox, key=lambda email: email.to != [order.email])
    assert f"{SPANISH_LINK}materials/" in confirmation.body
    assert "/es/" not in staff_notification.body

    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        fulfilment.approve_order(Order.objects.get(pk=order.pk), by=superuser)
    (approved,) = mailoutbox
    assert f"{SPANISH_LINK}materials/" in approved.body


def test_rows_made_outside_a_request_default_to_english():
    edition = EditionFactory(stock_on_hand=10)
    with translation.override(None):
        order = services.place_order({**VALID_DETAILS, "needed_by": None}, {edition.pk: 1}, "u" * 40).order
    assert order.language == "en"
