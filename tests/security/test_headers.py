"""Every response carries a strict Content-Security-Policy, admin included."""

import pytest

from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/contact/",
        "/search/?q=x",
        "/disclaimer/",
        "/admin/login/",
        "/nope/",
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_csp_without_unsafe_inline_on_every_response(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_pages_for_staff_carry_the_policy(client, superuser):
    sign_in(client, superuser)
    for url in ["/admin/", "/admin/campaign/page/", "/admin/campaign/page/add/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_pages_have_no_inline_script_or_style(client):
    from html.parser import HTMLParser

    class Finder(HTMLParser):
        problems = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "script" and "src" not in attrs:
                self.problems.append("inline script")
            if "style" in attrs:
                self.problems.append(f"style attribute on {tag}")
            if tag == "style":
                self.problems.append("style element")
            if any(name.startswith("on") for name in attrs):
                self.problems.append(f"event handler on {tag}")

    for url in ["/", "/contact/", "/search/?q=signs", "/disclaimer/"]:
        finder = Finder()
        finder.problems = []
        finder.feed(client.get(url).content.decode())
        assert finder.problems == [], url


def test_static_files_carry_the_policy_too(client):
    from django.templatetags.static import static

    response = client.get(static("css/styles.css"))
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_form_without_csrf_token_gets_a_plain_language_page(form_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/contact/", form_data(name="Ana"))
    assert response.status_code == 403
    assert b"Please send the form again" in response.content
    assert b"tel:+18883737888" in response.content
