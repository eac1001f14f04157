"""RFC 8058 one-click unsubscribe: works with no login or CSRF token, only with a valid signed token."""

import pytest
from django.test import Client

from listserv import tokens
from listserv.models import Subscriber
from tests.factories.listserv import SubscriberFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def _url(subscriber):
    return f"/listserv/unsubscribe/{tokens.make_preferences_token(subscriber.pk)}/"


def test_one_click_post_unsubscribes_without_csrf_or_login(strict_client):
    subscriber = SubscriberFactory()
    response = strict_client.post(_url(subscriber), ONE_CLICK)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert subscriber.events.get(to_status="unsubscribed").note == "One-click unsubscribe."
    assert strict_client.post(_url(subscriber), ONE_CLICK).status_code == 200  # twice is fine


@pytest.mark.parametrize("token", ["forged", "1:abc", "{pk}:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{confirm}"])
def test_one_click_with_an_invalid_token_changes_nothing(strict_client, token):
    subscriber = SubscriberFactory(confirmation_nonce="n")
    token = token.format(pk=subscriber.pk, confirm=tokens.make_confirm_token(subscriber))
    response = strict_client.post(f"/listserv/unsubscribe/{token}/", ONE_CLICK)
    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_post_without_the_one_click_body_changes_nothing(strict_client):
    subscriber = SubscriberFactory()
    assert strict_client.post(_url(subscriber), {}).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_opening_the_link_shows_a_button_and_never_unsubscribes(client):
    subscriber = SubscriberFactory()
    response = client.get(_url(subscriber))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert client.head(_url(subscriber)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_other_methods_are_refused(client):
    assert client.put(_url(SubscriberFactory())).status_code == 405
