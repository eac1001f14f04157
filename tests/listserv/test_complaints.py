"""A complaint (spam report) suppresses anonymous sign-ups for 12 months, even after an unsubscribe.

Only the person subscribing again through the preferences link they hold lifts it
(PRODUCT.md, Decisions). The sign-up form answers exactly as for any other address.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from listserv import bounces, services, tokens
from listserv.models import Subscriber
from tests.factories.listserv import SubscriberFactory
from tests.listserv.test_signup import _comparable

pytestmark = pytest.mark.django_db


@pytest.fixture
def complained_then_unsubscribed(topics):
    subscriber = SubscriberFactory(email="ana@example.org", topics=[topics[0]])
    bounces.record_event("complaint", "ana@example.org", "Postmark complained")
    services.unsubscribe(Subscriber.objects.get(pk=subscriber.pk), note="One-click unsubscribe.")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return subscriber


def test_unsubscribing_after_a_complaint_keeps_anonymous_sign_ups_silent(
    signup, complained_then_unsubscribed, mailoutbox
):
    fresh = signup("someone-new@example.org")
    mailoutbox.clear()
    suppressed = signup("ANA@example.org")
    assert _comparable(suppressed) == _comparable(fresh)
    assert mailoutbox == []
    assert complained_then_unsubscribed.complained_at is not None


def test_an_old_confirmation_link_does_not_lift_the_suppression(client, complained_then_unsubscribed):
    subscriber = complained_then_unsubscribed
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_nonce="left-over-nonce")
    subscriber.refresh_from_db()
    token = tokens.make_confirm_token(subscriber)
    client.post(f"/listserv/confirm/{token}/")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_subscribing_again_through_the_preferences_link_lifts_it(
    client, signup, complained_then_unsubscribed, mailoutbox
):
    subscriber = complained_then_unsubscribed
    client.post(f"/listserv/preferences/{tokens.make_preferences_token(subscriber.pk)}/resubscribe/")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.complained_at is None
    services.unsubscribe(subscriber, note="Left again.")
    mailoutbox.clear()
    signup("ana@example.org")
    [email] = mailoutbox
    assert email.to == ["ana@example.org"]


def test_after_twelve_months_an_anonymous_sign_up_is_answered_again(signup, complained_then_unsubscribed, mailoutbox):
    mailoutbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        signup("ana@example.org")
    [email] = mailoutbox
    assert email.subject == "Confirm your Rescue & Restore email updates"
