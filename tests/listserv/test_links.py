"""Links in emails: confirm by POST only, tokens that cannot be forged, replayed or used late; preferences."""

import datetime

import pytest
import time_machine

from listserv import tokens
from listserv.models import Subscriber
from tests.factories.listserv import SubscriberFactory
from tests.listserv.conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirm_link(signup, mailoutbox):
    signup("ana@example.org")
    return link_in(mailoutbox[-1], "/listserv/confirm/")


def test_opening_the_confirm_link_changes_nothing_and_the_button_confirms(client, confirm_link):
    page = client.get(confirm_link)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert client.head(confirm_link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    response = client.post(confirm_link)
    assert response.status_code == 302
    assert response["Location"].startswith("/listserv/preferences/")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    event = subscriber.events.get(to_status="confirmed")
    assert event.from_status == "pending"


def test_a_used_confirm_link_is_refused(client, confirm_link):
    client.post(confirm_link)
    Subscriber.objects.update(status=Subscriber.Status.UNSUBSCRIBED)  # the person left since
    assert client.get(confirm_link).status_code == 400
    assert client.post(confirm_link).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_forged_and_tampered_confirm_links_are_refused(client, confirm_link):
    subscriber = Subscriber.objects.get()
    forged = tokens.signing.dumps({"s": subscriber.pk, "n": subscriber.confirmation_nonce}, salt="wrong-salt")
    for link in (
        f"/listserv/confirm/{forged}/",
        confirm_link[:-3] + "xx/",
        "/listserv/confirm/nonsense/",
        # A preferences token is signed for another purpose.
        f"/listserv/confirm/{tokens.make_preferences_token(subscriber.pk)}/",
    ):
        assert client.post(link).status_code == 400, link
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirm_link_older_than_seven_days_is_refused(client, signup, mailoutbox):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        signup("ana@example.org")
    link = link_in(mailoutbox[0], "/listserv/confirm/")
    with time_machine.travel(datetime.datetime(2026, 5, 8, 9, 1, tzinfo=datetime.UTC), tick=False):
        assert client.post(link).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_unsubscribed_person_can_sign_up_again_with_confirmation(client, signup, topics, mailoutbox):
    SubscriberFactory(email="ana@example.org", status=Subscriber.Status.UNSUBSCRIBED, topics=[topics[0]])
    signup("ana@example.org", topic_list=[topics[1]])
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    client.post(link_in(mailoutbox[0], "/listserv/confirm/"))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.topics.all()) == [topics[1]]


def _preferences(subscriber):
    return f"/listserv/preferences/{tokens.make_preferences_token(subscriber.pk)}/"


def test_preferences_change_topics(client, form_data, topics):
    subscriber = SubscriberFactory(topics=[topics[0]])
    url = _preferences(subscriber)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(topics=[topics[1].pk, topics[2].pk]))
    assert response.status_code == 302
    assert set(subscriber.topics.all()) == {topics[1], topics[2]}
    assert client.post(url, form_data(topics=[])).status_code == 400
    assert set(subscriber.topics.all()) == {topics[1], topics[2]}


def test_preferences_with_a_bad_token_are_not_found(client):
    subscriber = SubscriberFactory()
    assert client.get(f"/listserv/preferences/{subscriber.pk}:forged/").status_code == 404
    assert client.get("/listserv/preferences/999999:x/").status_code == 404


def test_address_change_waits_for_the_new_address_to_confirm(
    client, form_data, topics, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="old@example.org", topics=[topics[0]])
    url = _preferences(subscriber) + "address/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(new_email="new@example.org"))
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"
    [email] = mailoutbox
    assert email.to == ["new@example.org"]
    assert "old@example.org" in email.body
    link = link_in(email, "/listserv/confirm/address/")
    assert client.get(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"
    assert client.post(link).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.email == "new@example.org"
    assert client.post(link).status_code == 400  # used once


def test_address_change_to_a_taken_address_is_refused_at_confirmation(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="old@example.org")
    SubscriberFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_preferences(subscriber) + "address/", form_data(new_email="TAKEN@example.org"))
    response = client.post(link_in(mailoutbox[0], "/listserv/confirm/address/"))
    assert response.status_code == 409
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"


def test_address_change_emails_are_capped_at_one_per_hour(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            client.post(_preferences(subscriber) + "address/", form_data(new_email=f"victim{n}@example.org"))
    assert len(mailoutbox) == 1


def test_bad_new_address_is_a_field_error(client, form_data):
    subscriber = SubscriberFactory()
    response = client.post(_preferences(subscriber) + "address/", form_data(new_email="x@y\r\nBcc: z@example.org"))
    assert response.status_code == 400
    assert "new_email" in response.context["form"].errors


def test_unsubscribed_person_can_subscribe_again_from_preferences(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    assert client.get(_preferences(subscriber) + "resubscribe/").status_code == 405
    client.post(_preferences(subscriber) + "resubscribe/")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("status", [Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED, Subscriber.Status.PENDING])
def test_subscribe_again_does_not_claim_success_when_nothing_changed(client, status):
    subscriber = SubscriberFactory(status=status, confirmed_at=None)
    response = client.post(_preferences(subscriber) + "resubscribe/", follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert "You are subscribed again." not in shown
    assert shown
    subscriber.refresh_from_db()
    assert subscriber.status == status


def test_a_used_address_change_link_is_refused_when_opened_too(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="old@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_preferences(subscriber) + "address/", form_data(new_email="new@example.org"))
    link = link_in(mailoutbox[0], "/listserv/confirm/address/")
    assert client.post(link).status_code == 302
    response = client.get(link)
    assert response.status_code == 400
    assert response.templates[0].name == "listserv/link_invalid.html"
