"""Issue 20 item 3: personal links carry no sequential id, expire for changes, and can be revoked.

Before: preferences and unsubscribe links were ``<sequential id>:<HMAC>``, never
expired, and could not be revoked short of rotating the secret key.
"""

import datetime

import pytest
import time_machine
from django.core import signing

from listserv import tokens
from listserv.models import Subscriber
from rescue_restore.models import OutgoingEmail
from tests.factories.listserv import SubscriberFactory
from tests.listserv.conftest import assert_link_for, personal_token

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


def preferences(token):
    return f"/listserv/preferences/{token}/"


def unsubscribe(token):
    return f"/listserv/unsubscribe/{token}/"


def test_links_carry_no_readable_id_and_differ_every_time():
    first, second = SubscriberFactory(), SubscriberFactory()
    made = [tokens.make_preferences_token(subscriber) for subscriber in (first, second, first)]
    assert len(set(made)) == 3
    for token in made:
        assert ":" not in token
        assert not token.startswith((str(first.pk), str(second.pk)))
    assert [tokens.read_personal_link(token).subscriber_id for token in made] == [first.pk, second.pk, first.pk]


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-1], lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1], str.upper]
)
def test_a_changed_or_cut_link_opens_nothing(client, mangle):
    token = tokens.make_preferences_token(SubscriberFactory())
    assert client.get(preferences(mangle(token))).status_code == 404
    assert client.get(unsubscribe(mangle(token))).status_code == 404


def test_a_link_made_with_another_key_opens_nothing(client, settings):
    subscriber = SubscriberFactory()
    settings.SECRET_KEY = "another-key-" + "x" * 50
    token = tokens.make_preferences_token(subscriber)
    settings.SECRET_KEY = "the-real-key-" + "y" * 50
    assert client.get(preferences(token)).status_code == 404
    settings.SECRET_KEY_FALLBACKS = ["another-key-" + "x" * 50]  # a rotated key still reads the links it made
    assert client.get(preferences(token)).status_code == 200


def test_an_old_link_still_unsubscribes_but_no_longer_changes_anything(client, form_data, topics, settings):
    subscriber = SubscriberFactory(topics=[topics[0]])
    with time_machine.travel(START, tick=False):
        token = tokens.make_preferences_token(subscriber)
    later = START + datetime.timedelta(days=settings.LISTSERV_LINK_MANAGE_DAYS + 1)
    with time_machine.travel(later, tick=False):
        page = client.get(preferences(token))
        assert page.status_code == 410
        assert "Email me new links" in page.text
        assert subscriber.email not in page.text
        assert client.post(preferences(token), form_data(topics=[topics[1].pk])).status_code == 410
        assert client.post(preferences(token) + "address/", form_data(new_email="thief@example.org")).status_code == 410
        assert list(subscriber.topics.all()) == [topics[0]]
        assert OutgoingEmail.objects.count() == 0
        shown = client.get(unsubscribe(token))
        assert shown.status_code == 200
        assert subscriber.email not in shown.text  # an old link does not show whose address it is
        done = client.post(unsubscribe(token), {"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200
        assert "/listserv/preferences/" not in done.text
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_recent_link_opens_the_preferences(client, settings):
    subscriber = SubscriberFactory()
    with time_machine.travel(START, tick=False):
        token = tokens.make_preferences_token(subscriber)
    with time_machine.travel(START + datetime.timedelta(days=settings.LISTSERV_LINK_MANAGE_DAYS - 1), tick=False):
        assert client.get(preferences(token)).status_code == 200


def test_unsubscribing_revokes_the_links_sent_and_the_page_after_carries_a_new_one(client, topics):
    subscriber = SubscriberFactory(topics=[topics[0]])
    old = tokens.make_preferences_token(subscriber)
    done = client.post(unsubscribe(old), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert client.get(preferences(old)).status_code == 410
    fresh = personal_token(done.text, "preferences")
    assert fresh != old
    assert client.post(preferences(fresh) + "resubscribe/").status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    # The old link still unsubscribes (RFC 8058).
    client.post(unsubscribe(old), {"List-Unsubscribe": "One-Click"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_changing_the_address_revokes_the_links_sent_to_the_old_one(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="old@example.org")
    old = tokens.make_preferences_token(subscriber)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preferences(old) + "address/", form_data(new_email="new@example.org"))
    [confirmation] = mailoutbox
    confirm_url = "/listserv/confirm/address/" + confirmation.body.split("/listserv/confirm/address/")[1].split()[0]
    moved = client.post(confirm_url)
    assert moved.status_code == 302
    assert client.get(preferences(old)).status_code == 410
    assert client.get(moved["Location"]).status_code == 200  # the page it lands on has a new link


def test_send_me_new_links_revokes_the_old_ones_and_emails_new_ones_once_an_hour(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="ana@example.org")
    old = tokens.make_preferences_token(subscriber)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/listserv/new-links/{old}/")
        again = client.post(f"/listserv/new-links/{old}/")
    assert answer.status_code == again.status_code == 200
    assert answer.content == again.content
    [email] = mailoutbox
    assert email.to == ["ana@example.org"]
    assert email.subject == "Your new Rescue & Restore email updates links"
    new = assert_link_for(email.body, subscriber, "preferences")
    assert_link_for(email.alternatives[0][0], subscriber, "unsubscribe")
    assert client.get(preferences(old)).status_code == 410
    assert client.get(preferences(new)).status_code == 200


def test_an_expired_link_can_ask_for_new_links(client, mailoutbox, settings, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory()
    with time_machine.travel(START, tick=False):
        token = tokens.make_preferences_token(subscriber)
    with time_machine.travel(START + datetime.timedelta(days=400), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(f"/listserv/new-links/{token}/").status_code == 200
        assert_link_for(mailoutbox[0].body, subscriber, "preferences")


@pytest.mark.parametrize("status", [Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED, Subscriber.Status.PENDING])
def test_no_new_links_to_an_address_we_may_not_write_to(client, mailoutbox, status, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(status=status)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/listserv/new-links/{tokens.make_preferences_token(subscriber)}/").status_code == 200
    assert mailoutbox == []


def test_links_in_mail_sent_before_this_format_still_unsubscribe_and_do_nothing_else(client):
    subscriber = SubscriberFactory()
    legacy = signing.Signer(salt=tokens.PREFERENCES_SALT).sign(str(subscriber.pk))
    assert client.get(preferences(legacy)).status_code == 410
    assert client.post(unsubscribe(legacy), {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_the_welcome_email_carries_new_format_links(client, signup, mailoutbox, django_capture_on_commit_callbacks):
    signup("ana@example.org")
    confirm = "/listserv/confirm/" + mailoutbox[0].body.split("/listserv/confirm/")[1].split()[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    welcome = mailoutbox[-1]
    subscriber = Subscriber.objects.get()
    assert_link_for(welcome.body, subscriber, "preferences")
    assert_link_for(welcome.body, subscriber, "unsubscribe")
