"""After confirming a sign-up, a welcome email brings the subscriber's own preferences and unsubscribe links."""

import re

import pytest

from listserv.models import Subscriber
from tests.listserv.conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirm(client, signup, mailoutbox, django_capture_on_commit_callbacks):
    signup("ana@example.org")
    link = link_in(mailoutbox[-1], "/listserv/confirm/")

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(link)

    return post


def test_confirming_sends_a_welcome_with_working_preferences_and_unsubscribe_links(client, confirm, mailoutbox):
    assert confirm().status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    welcome = mailoutbox[-1]
    assert len(mailoutbox) == 2
    assert welcome.to == ["ana@example.org"]
    assert welcome.subject == "Welcome to Rescue & Restore email updates"
    assert "Updates on human trafficking" in welcome.body  # the topic signed up for
    preferences = link_in(welcome, "/listserv/preferences/")
    unsubscribe = link_in(welcome, "/listserv/unsubscribe/")
    html = welcome.alternatives[0][0]
    assert preferences in html
    assert unsubscribe in html
    assert "<h1" in html
    assert "1-888-373-7888" in welcome.body
    assert "1-888-373-7888" in html
    assert client.get(preferences).status_code == 200
    assert client.get(unsubscribe).status_code == 200


def test_a_replayed_confirmation_sends_no_second_welcome(client, confirm, mailoutbox):
    confirm()
    assert confirm().status_code == 400
    subjects = [message.subject for message in mailoutbox]
    assert subjects.count("Welcome to Rescue & Restore email updates") == 1


def test_the_welcome_is_not_sent_before_the_person_confirms(signup, mailoutbox):
    signup("ana@example.org")
    assert [message.subject for message in mailoutbox] == ["Confirm your Rescue & Restore email updates"]
    assert not re.search("Welcome", mailoutbox[0].body)
