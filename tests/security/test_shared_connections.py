"""Issue 20 item 5: limits that spare a shared connection and still stop list-bombing.

Before: a clinic or shelter behind one address got "try again in an hour" after 10
sign-ups; a form sent within 2 seconds of loading was refused with "reload the page".
"""

import datetime
import ipaddress

import pytest
import time_machine

from listserv.models import Subscriber
from rescue_restore.models import OutgoingEmail
from tests.factories.listserv import TopicFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 5, 1, 9, 0, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _start_of_an_hour():
    """Counts live in fixed hourly windows: start just after one opens, so no test crosses into the next."""
    with time_machine.travel(START, tick=True):
        yield


@pytest.fixture
def topic():
    return TopicFactory()


def test_fifteen_people_behind_one_clinic_address_can_all_sign_up(
    client, form_data, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(
                "/listserv/",
                form_data(email=f"nurse{n}@clinic.example.org", topics=[topic.pk]),
                REMOTE_ADDR="192.0.2.8",
            ).status_code
            for n in range(15)
        ]
    assert answers == [302] * 15
    assert Subscriber.objects.count() == 15
    assert OutgoingEmail.objects.count() == 15


def test_two_hundred_sign_ups_for_one_victim_from_many_addresses_send_one_email(
    client, form_data, topic, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from listserv import services

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    queued = []
    original = services.enqueue_with_transaction
    monkeypatch.setattr(services, "enqueue_with_transaction", lambda *args: queued.append(args) or original(*args))
    with django_capture_on_commit_callbacks(execute=True):
        answers = {
            client.post(
                "/listserv/",
                form_data(email="victim@example.org" if n % 2 else "VICTIM@example.org", topics=[topic.pk]),
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=f"198.51.{n // 250}.{n % 250 + 1}",
            ).status_code
            for n in range(200)
        }
    assert answers == {302}  # the same answer for every post: nothing tells the sender they were stopped
    assert OutgoingEmail.objects.filter(recipients=["victim@example.org"]).count() <= 1
    assert OutgoingEmail.objects.count() == 1
    # Past the per-target rate the posts made no work at all: a handful of tasks, not 200.
    assert len(queued) == 3  # LISTSERV_REQUESTS_PER_TARGET


def test_a_form_sent_too_quickly_keeps_what_was_typed_and_says_what_to_do(client, form_data, topic, settings):
    settings.FORM_MIN_FILL_SECONDS = 2
    with time_machine.travel(START, tick=False):  # the clock stands still: sent "at once", however slow the machine
        data = form_data(email="ana@example.org", name="Ana Reyes", topics=[topic.pk])
        response = client.post("/listserv/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check what you typed below and send the form again." in html
    assert "reload the page" not in html
    assert 'value="ana@example.org"' in html
    assert 'value="Ana Reyes"' in html
    assert Subscriber.objects.count() == 0
    # Sent again a moment later, as it is, the same form goes through.
    with time_machine.travel(START + datetime.timedelta(seconds=5), tick=False):
        again = client.post("/listserv/", data)
    assert again.status_code == 302


def test_a_form_left_open_for_days_keeps_what_was_typed_and_can_be_sent_again(client, form_data, topic):
    data = form_data(name="Ana", email="ana@example.org", topic="other", message="Hello there")
    with time_machine.travel(START + datetime.timedelta(days=3), tick=True):
        response = client.post("/contact/", data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Please check what you typed below and send the form again." in html
        assert "Hello there" in html
        import re

        fresh = re.search(r'name="form_started" value="([^"]+)"', html).group(1)
        assert fresh != data["form_started"]
        assert client.post("/contact/", {**data, "form_started": fresh}).status_code == 302


def test_a_bot_filling_the_honeypot_still_gets_the_vague_refusal(client, form_data, topic):
    response = client.post("/listserv/", form_data(email="a@example.org", topics=[topic.pk], website="spam"))
    assert response.status_code == 400
    assert "We could not accept this form." in response.content.decode()
