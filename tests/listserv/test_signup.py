"""Sign-up: validation, no disclosure of who is subscribed, one confirmation email per hour, expiry."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from listserv.models import Subscriber
from rescue_restore.models import OutgoingEmail
from tests.factories.listserv import SubscriberFactory
from tests.listserv.conftest import link_in

pytestmark = pytest.mark.django_db


def test_new_address_gets_a_confirmation_email_and_stays_pending(signup, topics, mailoutbox):
    response = signup("ana@example.org", topic_list=topics[:2], name="Ana")
    assert response.status_code == 302
    assert response["Location"] == "/listserv/check-your-email/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.name == "Ana"
    assert set(subscriber.topics.all()) == set(topics[:2])
    [email] = mailoutbox
    assert email.to == ["ana@example.org"]
    assert email.subject == "Confirm your Rescue & Restore email updates"
    assert "Training opportunities" in email.body
    assert link_in(email, "/listserv/confirm/") in email.alternatives[0][0]


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("not-an-address", "Enter a valid email address."),
        ("", "This field is required."),
        ("a" * 250 + "@example.org", "at most 254 characters"),
        ("ana@example.org\r\nBcc: victim@example.org", "Enter a valid email address."),
        ("ana@example.org\nX-Injected: 1", "Enter a valid email address."),
        ("josé@example.org", "Enter a valid email address."),  # non-ASCII before the @ cannot be delivered
        ("ana@example.org\x00", "Null characters are not allowed."),
    ],
)
def test_bad_addresses_are_refused_and_nothing_is_stored(signup, mailoutbox, email, error):
    response = signup(email)
    assert response.status_code == 400
    errors = response.context["form"].errors["email"]
    assert any(error in message for message in errors), errors
    assert "Error: " in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    "topic_id", ["99999999999999999999", "9223372036854775808", "-1", "abc", "1.5", "\x00", "\u0661", "0x1", " 1"]
)
def test_a_topic_that_does_not_exist_is_a_form_error(client, form_data, topics, mailoutbox, topic_id):
    response = client.post("/listserv/", form_data(email="ana@example.org", topics=[topics[0].pk, topic_id]))
    assert response.status_code == 400
    assert "Select a valid choice." in " ".join(response.context["form"].errors["topics"])
    assert Subscriber.objects.count() == 0
    assert mailoutbox == []


def test_a_sign_up_reads_the_topics_once(client, form_data, topics):
    """The topic ids are checked in Python before Django's one query for the chosen topics."""
    data = form_data(email="ana@example.org", topics=[topics[0].pk, topics[1].pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/listserv/", data)
    assert response.status_code == 302
    assert len([query for query in captured.captured_queries if '"listserv_topic"' in query["sql"]]) == 1


def test_the_largest_id_the_database_holds_is_looked_up_not_refused_early(client, form_data, topics):
    response = client.post("/listserv/", form_data(email="ana@example.org", topics=[topics[0].pk, str(2**63 - 1)]))
    assert response.status_code == 400
    assert "Select a valid choice." in " ".join(response.context["form"].errors["topics"])


def test_internationalised_domain_is_accepted_and_mailed(signup, mailoutbox):
    assert signup("ana@bücher.example").status_code == 302
    assert Subscriber.objects.get().email == "ana@bücher.example"
    assert mailoutbox[0].to == ["ana@bücher.example"]
    assert "xn--bcher-kva.example" in mailoutbox[0].message().as_string()


def test_line_break_in_the_name_is_refused(signup):
    response = signup(name="Ana\r\nBcc: x@example.org")
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


def test_a_topic_is_required_and_an_empty_post_is_an_error_not_a_crash(client, signup):
    assert signup(topic_list=[]).status_code == 400
    assert client.post("/listserv/", {}).status_code == 400
    assert Subscriber.objects.count() == 0


def test_honeypot_and_rate_limit_apply(signup, settings):
    from rescue_restore.web.antiabuse import parse_rate

    assert signup(website="http://spam.example").status_code == 400
    limit, _period = parse_rate(settings.LISTSERV_SIGNUP_RATE_PER_SOURCE)
    # Counts live in fixed hourly windows: start just after one opens, so the loop never crosses into the next.
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, 1, tzinfo=datetime.UTC), tick=True):
        for n in range(limit):
            assert signup(f"person{n}@example.org").status_code == 302
        assert signup("one-more@example.org").status_code == 429


def _comparable(response):
    return response.status_code, response.get("Location"), tuple(sorted(response.cookies.keys())), response.content


def test_answer_is_identical_whatever_the_address_is(signup, topics, client):
    new = signup("new@example.org")
    pending = signup("new@example.org")
    SubscriberFactory(email="confirmed@example.org", topics=[topics[0]])
    confirmed = signup("CONFIRMED@example.org")
    SubscriberFactory(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    unsubscribed = signup("left@example.org")
    SubscriberFactory(email="spam@example.org", status=Subscriber.Status.COMPLAINED)
    complained = signup("spam@example.org")
    answers = {_comparable(r) for r in (new, pending, confirmed, unsubscribed, complained)}
    assert answers == {(302, "/listserv/check-your-email/", (), b"")}
    page = client.get("/listserv/check-your-email/")
    assert page.status_code == 200
    assert "If the address can receive updates" in page.content.decode()


def test_confirmed_address_keeps_its_topics_and_gets_a_reminder_not_a_confirmation(signup, topics, mailoutbox):
    subscriber = SubscriberFactory(email="ana@example.org", topics=[topics[0]])
    signup("Ana@Example.org", topic_list=[topics[2]])
    assert list(subscriber.topics.all()) == [topics[0]]
    [email] = mailoutbox
    assert email.subject == "You already receive Rescue & Restore email updates"
    assert "/listserv/preferences/" in email.body
    assert Subscriber.objects.count() == 1


def test_a_hundred_sign_ups_send_one_email_per_hour(signup, settings, mailoutbox):
    settings.RATELIMIT_ENABLE = False
    for n in range(100):
        assert signup("target@example.org" if n % 2 else "TARGET@example.org").status_code == 302
    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.count() == 1
    assert Subscriber.objects.count() == 1


def test_after_an_hour_a_new_sign_up_sends_again(signup, mailoutbox):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        signup("ana@example.org")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 59, tzinfo=datetime.UTC), tick=False):
        signup("ana@example.org")
    assert len(mailoutbox) == 1
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, 1, tzinfo=datetime.UTC), tick=False):
        signup("ana@example.org")
    assert len(mailoutbox) == 2


def test_resend_sends_a_fresh_working_link_under_the_same_cap(
    client, signup, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        signup("ana@example.org")
    with time_machine.travel(datetime.datetime(2026, 5, 7, 9, 0, tzinfo=datetime.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/listserv/resend/", form_data(email="ana@example.org"))
            client.post("/listserv/resend/", form_data(email="ana@example.org"))  # within the hour: no email
        assert response["Location"] == "/listserv/check-your-email/"
    assert len(mailoutbox) == 2
    # Ten days after sign-up the first link is dead, the resent one still works.
    with time_machine.travel(datetime.datetime(2026, 5, 11, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert client.get(link_in(mailoutbox[0], "/listserv/confirm/")).status_code == 400
        fresh = link_in(mailoutbox[1], "/listserv/confirm/")
        assert client.get(fresh).status_code == 200
        assert client.post(fresh).status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_resend_for_an_unknown_address_answers_the_same_and_sends_nothing_new(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/listserv/resend/", form_data(email="nobody@example.org"))
    assert response["Location"] == "/listserv/check-your-email/"
    # No half-made subscriber (no topics, never asked for) and no email to a stranger.
    assert Subscriber.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(signup, topics):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        signup("old@example.org")
        SubscriberFactory(email="kept@example.org")
    with time_machine.travel(datetime.datetime(2026, 5, 6, 9, 0, tzinfo=datetime.UTC), tick=False):
        signup("recent@example.org")
    with time_machine.travel(datetime.datetime(2026, 5, 8, 9, 1, tzinfo=datetime.UTC), tick=False):
        call_command("expire_listserv_signups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"kept@example.org", "recent@example.org"}


def test_signup_page_shows_topics_and_the_privacy_act_statement(client, topics):
    response = client.get("/listserv/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Privacy Act statement" in html
    for topic in topics:
        assert topic.name in html


@pytest.mark.parametrize(
    "variant",
    [
        "ana@EXAMPLE.org",
        "ana@\uff45xample.org",  # fullwidth e: IDNA maps it to a plain e
        "ana@exa\u200bmple.org",  # zero-width space: IDNA drops it
    ],
)
def test_spellings_of_one_mailbox_are_one_subscriber_under_one_hourly_cap(signup, mailoutbox, variant):
    assert signup("ana@example.org").status_code == 302
    assert signup(variant).status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ana@example.org"]
    assert len(mailoutbox) == 1


def test_punycode_and_unicode_spellings_of_a_domain_are_one_subscriber(signup, mailoutbox):
    signup("ana@xn--bcher-kva.example")
    signup("ana@BÜCHER.example")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ana@bücher.example"]
    assert len(mailoutbox) == 1
