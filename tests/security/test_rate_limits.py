"""Issue 13 items 9, 10 and 12: the rate limiter is atomic, trusts only our proxies, and survives Redis going down."""

import ipaddress
import logging
import os
import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from campaign.models import ContactMessage
from listserv.models import Subscriber
from rescue_restore.web.antiabuse import parse_rate, rate_limit, reset_fallback
from tests.factories.listserv import TopicFactory

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


# The local Redis (CI has it), keys of this test process only: another worker's keys stay.
LIVE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "KEY_PREFIX": f"rr-test-rate-limits-{os.getpid()}",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
    }
}


@pytest.fixture
def live_redis():
    """The rate limiter counting in a real Redis; its keys removed afterwards."""
    from django.core.cache import caches

    with override_settings(CACHES=LIVE_REDIS):
        store = caches["default"]
        store.delete_pattern("*")
        yield store
        store.delete_pattern("*")


@pytest.fixture(autouse=True)
def _fresh_fallback():
    """Each test starts with empty per-process counters, the shared cache trusted again."""
    reset_fallback()
    yield
    reset_fallback()


def test_parse_rate():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/10m") == (5, 600)
    with pytest.raises(ValueError, match="Not a rate"):
        parse_rate("ten an hour")


def _simultaneous(view, count):
    """POST ``count`` times from one address at the same moment; the status codes."""
    barrier = threading.Barrier(count)
    statuses = []

    def run():
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
        barrier.wait()
        statuses.append(view(request).status_code)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_simultaneous_posts_let_exactly_the_limit_through():
    """Checking and then counting let 15 of 200 through against 10; counting first lets 10."""
    through = []

    @rate_limit("race-test", rate="10/h")
    def slow_view(request):
        through.append(1)
        time.sleep(0.2)  # every request is in the view at once: a check-then-count limiter lets them all in
        return HttpResponse("ok")

    statuses = _simultaneous(slow_view, 60)
    assert statuses.count(200) == 10
    assert len(through) == 10


def test_in_redis_simultaneous_posts_let_exactly_the_limit_through(live_redis):
    through = []

    @rate_limit("race-test-redis", rate="10/h")
    def slow_view(request):
        through.append(1)
        time.sleep(0.2)
        return HttpResponse("ok")

    statuses = _simultaneous(slow_view, 60)
    assert statuses.count(200) == 10
    assert statuses.count(429) == 50
    assert len(through) == 10


def test_in_redis_counters_expire_and_refused_posts_give_their_place_back(live_redis, monkeypatch):
    from django_redis.cache import RedisCache
    from redis.client import Pipeline

    # Each POST takes its places in one transaction (one round trip); nothing goes through add().
    transactions, adds = [], []
    original_execute, original_add = Pipeline.execute, RedisCache.add
    monkeypatch.setattr(
        Pipeline, "execute", lambda self, *a, **k: transactions.append(1) or original_execute(self, *a, **k)
    )
    monkeypatch.setattr(RedisCache, "add", lambda self, *a, **k: adds.append(1) or original_add(self, *a, **k))

    @rate_limit("errors-test-redis", rate="2/h")
    def view(request):
        return HttpResponse(status=int(request.POST.get("status", 200)))

    post = RequestFactory().post
    for _ in range(3):
        assert view(post("/", {"status": 400}, REMOTE_ADDR="203.0.113.7")).status_code == 400
    assert view(post("/", REMOTE_ADDR="203.0.113.7")).status_code == 200
    assert view(post("/", REMOTE_ADDR="203.0.113.7")).status_code == 200
    assert view(post("/", REMOTE_ADDR="203.0.113.7")).status_code == 429
    keys = live_redis.keys("rr:rl:errors-test-redis*")
    assert len(keys) == 2  # the attempts and the accepted
    # Both carry the window's expiry (an hour and a minute), set when each was created.
    assert all(0 < live_redis.ttl(key) <= 3660 for key in keys)
    counts = sorted(live_redis.get(key) for key in keys)
    assert counts == [2, 6]  # accepted: 2 (the refused gave theirs back); attempts: all 6
    assert len(transactions) == 6
    assert adds == []


def test_refused_submissions_give_their_place_back():
    @rate_limit("errors-test", rate="2/h")
    def view(request):
        return HttpResponse(status=int(request.POST.get("status", 200)))

    post = RequestFactory().post
    for _ in range(5):
        assert view(post("/", {"status": 400}, REMOTE_ADDR="203.0.113.6")).status_code == 400
    assert view(post("/", REMOTE_ADDR="203.0.113.6")).status_code == 200
    assert view(post("/", REMOTE_ADDR="203.0.113.6")).status_code == 200
    assert view(post("/", REMOTE_ADDR="203.0.113.6")).status_code == 429


@pytest.mark.django_db
def test_forged_forwarded_for_from_a_direct_visitor_is_ignored(
    client, form_data, settings, django_capture_on_commit_callbacks
):
    """Reached without our proxy, a new X-Forwarded-For per request does not give a new address."""
    settings.LISTSERV_SIGNUP_RATE_PER_SOURCE = "10/h"
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    topic = TopicFactory()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's half of each sign-up
        answers = [
            client.post(
                "/listserv/",
                form_data(email=f"victim{n}@example.org", topics=[topic.pk]),
                REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
            ).status_code
            for n in range(12)
        ]
    assert answers[:10] == [302] * 10
    assert answers[10:] == [429, 429]
    assert Subscriber.objects.count() == 10


@pytest.mark.django_db
def test_the_same_headers_through_our_proxy_count_each_visitor(client, form_data, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    topic = TopicFactory()
    for n in range(12):
        response = client.post(
            "/listserv/",
            form_data(email=f"person{n}@example.org", topics=[topic.pk]),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
        assert response.status_code == 302


@pytest.mark.django_db
def test_with_redis_down_sign_ups_and_messages_are_still_saved(
    client, form_data, caplog, django_capture_on_commit_callbacks
):
    topic = TopicFactory()
    with (
        override_settings(CACHES=DEAD_REDIS),
        caplog.at_level(logging.WARNING, logger="rescue_restore.web.cache_health"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        signup = client.post("/listserv/", form_data(email="ana@example.org", topics=[topic.pk]))
        contact = client.post(
            "/contact/", form_data(name="Ana", email="ana@example.org", topic="other", message="Hello")
        )
    assert signup.status_code == 302
    assert contact.status_code == 302
    assert Subscriber.objects.filter(email="ana@example.org").exists()
    assert ContactMessage.objects.count() == 1
    assert "shared cache is unreachable" in caplog.text


@pytest.mark.django_db
def test_with_redis_down_the_limit_still_holds_in_each_process(client, form_data):
    with override_settings(CACHES=DEAD_REDIS):
        data = form_data(name="Ana", email="ana@example.org", topic="other", message="Hello")
        answers = [client.post("/contact/", data, REMOTE_ADDR="203.0.113.77").status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]


@pytest.mark.django_db
def test_after_a_failure_the_shared_cache_is_left_alone_for_a_while(client, form_data, monkeypatch):
    from django_redis.cache import RedisCache
    from redis.client import Pipeline

    # Every way the limiter reaches Redis: its one-round-trip transaction, and add/incr elsewhere.
    calls = []
    original_add, original_execute = RedisCache.add, Pipeline.execute
    monkeypatch.setattr(
        RedisCache, "add", lambda self, *args, **kwargs: calls.append(1) or original_add(self, *args, **kwargs)
    )
    monkeypatch.setattr(
        Pipeline, "execute", lambda self, *args, **kwargs: calls.append(1) or original_execute(self, *args, **kwargs)
    )
    with override_settings(CACHES=DEAD_REDIS):
        data = form_data(name="Ana", email="ana@example.org", topic="other", message="Hello")
        for _ in range(3):
            assert client.post("/contact/", data).status_code == 302
    assert len(calls) == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_from_one_address_store_exactly_the_limit(form_data, settings):
    """Through the real sign-up view, on PostgreSQL: 40 at once from one address, 10 accepted."""
    from django.db import connection, connections
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for concurrent writers")
    settings.LISTSERV_SIGNUP_RATE_PER_SOURCE = "10/h"
    topic = TopicFactory()
    count = 40
    barrier = threading.Barrier(count)
    statuses, errors = [], []

    def run(n):
        try:
            data = form_data(email=f"race{n}@example.org", topics=[topic.pk])
            barrier.wait()
            statuses.append(Client().post("/listserv/", data, REMOTE_ADDR="203.0.113.50").status_code)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses.count(302) == 10
    assert statuses.count(429) == count - 10
    assert Subscriber.objects.count() == 10
