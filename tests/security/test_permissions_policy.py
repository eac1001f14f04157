"""Issue 13 item 14 (part): a Permissions-Policy on every response, static files included."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

MUST_BE_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"]


def _features(header):
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.mark.parametrize(
    "url", ["/", "/contact/", "/admin/login/", "/nope/", "/healthz", "/robots.txt", "/materials/", "/listserv/"]
)
def test_every_response_turns_powerful_features_off(client, url):
    features = _features(client.get(url)["Permissions-Policy"])
    for feature in MUST_BE_OFF:
        assert features[feature] == "()", feature


def test_static_files_served_by_whitenoise_carry_it(client):
    response = client.get(static("css/styles.css"))
    assert response.status_code == 200
    features = _features(response["Permissions-Policy"])
    assert all(features[feature] == "()" for feature in MUST_BE_OFF)


def test_passkeys_stay_allowed_for_the_site_itself(client):
    features = _features(client.get("/admin/login/")["Permissions-Policy"])
    assert features["publickey-credentials-get"] == "(self)"
