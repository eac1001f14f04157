"""Issue 20 item 4: X-Forwarded-Proto is believed only from TRUSTED_PROXIES, like X-Forwarded-For.

Before: production's SECURE_PROXY_SSL_HEADER read X-Forwarded-Proto from any
peer, so a visitor reaching gunicorn directly could call plain HTTP secure.
"""

import ipaddress

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_RR_TRUSTED_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128"))


def test_a_direct_visitor_claiming_https_is_still_sent_to_https(client):
    response = client.get("/", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_direct_visitor_cannot_send_the_internal_header_either(client):
    response = client.get("/", REMOTE_ADDR="198.51.100.20", HTTP_X_RR_TRUSTED_FORWARDED_PROTO="https")
    assert response.status_code == 301


def test_our_proxy_saying_https_is_believed(client):
    response = client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response.wsgi_request.is_secure()


def test_our_proxy_saying_http_is_redirected(client):
    response = client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301


def test_production_settings_read_the_header_the_middleware_writes():
    from tests.rescue_restore.test_settings import PRODUCTION_ENV, run_manage

    code = (
        "from django.conf import settings; m = settings.MIDDLEWARE;"
        "print(settings.SECURE_PROXY_SSL_HEADER[0]);"
        "print(m.index('rescue_restore.web.antiabuse.TrustedForwardedProtoMiddleware')"
        " < m.index('django.middleware.security.SecurityMiddleware'))"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["HTTP_X_RR_TRUSTED_FORWARDED_PROTO", "True"], result.stderr
