"""Rate limits count each visitor, not the proxy in front of the site."""

import ipaddress

import pytest
from django.test import RequestFactory

from rescue_restore.web.antiabuse import client_ip


def _networks(*cidrs):
    return [ipaddress.ip_network(cidr) for cidr in cidrs]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        ((), "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the socket address
        (("10.0.0.2/32",), "203.0.113.9", "203.0.113.9"),
        (("10.0.0.0/24",), "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # a forged left entry is ignored
        (("10.0.0.0/24",), "198.51.100.1, 203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies of ours
        (("10.0.0.0/24",), "", "10.0.0.2"),
        (("10.0.0.0/24",), "not-an-address", "10.0.0.2"),
        (("192.0.2.0/24",), "203.0.113.9", "10.0.0.2"),  # the peer is not one of our proxies
        (("10.0.0.0/24", "2001:db8::/32"), "203.0.113.9, 2001:db8::7", "203.0.113.9"),  # IPv6 proxies too
    ],
)
def test_client_ip_reads_the_entry_the_trusted_proxy_added(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = _networks(*proxies)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_visitors_behind_the_same_proxy_have_separate_limits(client, form_data, settings):
    settings.TRUSTED_PROXIES = _networks("10.0.0.2/32")
    data = form_data(name="Ana", email="ana@example.org", topic="other", message="Hello")
    for _ in range(5):
        client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    other = client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302


@pytest.mark.django_db
def test_posts_with_errors_do_not_use_up_the_limit_for_accepted_ones(client, form_data):
    from campaign.models import ContactMessage

    for _ in range(10):  # a person correcting mistakes, more times than the 5 accepted posts allowed
        assert client.post("/contact/", form_data(name="Ana", email="not-an-address", message="Hi")).status_code == 400
    valid = form_data(name="Ana", email="ana@example.org", topic="other", message="Hello")
    assert client.post("/contact/", valid).status_code == 302
    assert ContactMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_flood_of_bad_posts_is_limited_too(client, form_data):
    from rescue_restore.web.antiabuse import ATTEMPTS_PER_ACCEPTED

    bad = form_data(name="Ana", email="not-an-address", message="Hi")
    for _ in range(5 * ATTEMPTS_PER_ACCEPTED):
        assert client.post("/contact/", bad).status_code == 400
    assert client.post("/contact/", bad).status_code == 429


def test_an_ipv4_mapped_peer_is_recognised_as_our_proxy(settings):
    settings.TRUSTED_PROXIES = _networks("127.0.0.1/32")
    request = RequestFactory().get("/", REMOTE_ADDR="::ffff:127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
