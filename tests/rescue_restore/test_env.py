import pytest
from django.core.exceptions import ImproperlyConfigured

from rescue_restore.config import env


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)])
def test_read_bool_accepts_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("RR_FLAG", raw)
    assert env.read_bool("RR_FLAG") is expected


@pytest.mark.parametrize("raw", ["ture", "2", "enabled"])
def test_read_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("RR_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="RR_FLAG"):
        env.read_bool("RR_FLAG")


def test_read_int_enforces_bounds(monkeypatch):
    monkeypatch.setenv("RR_NUMBER", "99")
    with pytest.raises(ImproperlyConfigured, match="above the maximum"):
        env.read_int("RR_NUMBER", 1, maximum=10)
    monkeypatch.setenv("RR_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env.read_int("RR_NUMBER", 1)


def test_required_string_missing_is_refused(monkeypatch):
    monkeypatch.delenv("RR_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="RR_MISSING is required"):
        env.read_str("RR_MISSING", required=True)


def test_read_choice_names_the_allowed_values(monkeypatch):
    monkeypatch.setenv("RR_MODE", "fast")
    with pytest.raises(ImproperlyConfigured, match="not one of: a, b"):
        env.read_choice("RR_MODE", {"a", "b"}, "a")


def test_read_networks_takes_addresses_and_cidrs(monkeypatch):
    import ipaddress

    monkeypatch.setenv("RR_PROXIES", "10.0.0.0/8, 127.0.0.1, ::1/128")
    assert env.read_networks("RR_PROXIES") == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("::1/128"),
    ]


@pytest.mark.parametrize("raw", ["10.0.0.0/33", "proxy.internal", "1.2.3"])
def test_read_networks_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("RR_PROXIES", raw)
    with pytest.raises(ImproperlyConfigured, match="RR_PROXIES"):
        env.read_networks("RR_PROXIES")
