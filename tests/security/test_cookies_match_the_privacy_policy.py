"""Issue 20 item 6: every cookie a public journey sets is the one the privacy statements describe.

Each journey is walked with a fresh browser (Django's test client, with CSRF
checks on as a browser meets them); the cookies it ends up with are compared
with the cookie table in docs/privacy.md and with the public privacy page in
both languages. A new cookie, or a journey that starts setting one the
statements say it does not, fails here until the statements are changed too.

Before: the policy said ``sessionid`` is set "only" for a coalition request or
a staff sign-in; "Add to my order" set it too.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

from listserv import tokens
from tests.coalitions.conftest import VALID_REQUEST
from tests.factories.listserv import SubscriberFactory, TopicFactory
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The journeys a member of the public takes, and the phrase the statements use for each cookie's "set when".
JOURNEY_COOKIES = {
    "read pages": set(),
    "open a form": {"csrftoken"},
    "add to my order": {"csrftoken", "sessionid", "messages"},
    "place an order": {"csrftoken", "sessionid", "messages"},
    "sign up for email updates": {"csrftoken"},
    "send a contact message": {"csrftoken"},
    "send a coalition request": {"csrftoken", "sessionid"},
    "unsubscribe from an email link": set(),
}


def _csrf(client, path):
    page = client.get(path)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return match.group(1) if match else ""


def _post(client, path, data):
    from rescue_restore.web.antiabuse import signed_start_time

    return client.post(
        path, {"csrfmiddlewaretoken": _csrf(client, path), "website": "", "form_started": signed_start_time(), **data}
    )


def walk(journey, client):
    if journey == "read pages":
        for path in ["/", "/es/", "/pages/privacy/", "/coalitions/", "/listserv/archive/", "/materials/"]:
            client.get(path)
    elif journey == "open a form":
        client.get("/contact/")
    elif journey in {"add to my order", "place an order"}:
        material = MaterialFactory()
        edition = EditionFactory(material=material, language="en", item_code="RR-COOKIE-EN", stock_on_hand=50)
        client.get(material.get_absolute_url())
        data = {"csrfmiddlewaretoken": _csrf(client, "/materials/"), "action": "add", "item": edition.item_code}
        assert client.post("/materials/order/list/", data).status_code == 302
        if journey == "place an order":
            order = {**VALID_DETAILS, f"qty_{edition.pk}": "2", "submission_token": "cookie-journey-0123456789abcdef"}
            assert _post(client, "/materials/order/", order).status_code == 302
    elif journey == "sign up for email updates":
        topic = TopicFactory()
        assert _post(client, "/listserv/", {"email": "ana@example.org", "topics": [topic.pk]}).status_code == 302
        client.get("/listserv/check-your-email/")
    elif journey == "send a contact message":
        data = {"name": "Ana", "email": "ana@example.org", "topic": "other", "message": "Hello"}
        assert _post(client, "/contact/", data).status_code == 302
        client.get("/")
    elif journey == "send a coalition request":
        response = _post(client, "/coalitions/request/", VALID_REQUEST)
        assert response.status_code == 302
        client.get(response["Location"])
    elif journey == "unsubscribe from an email link":
        url = f"/listserv/unsubscribe/{tokens.make_preferences_token(SubscriberFactory())}/"
        client.get(url)
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    return client.cookies_set


class RecordingClient(Client):
    """A browser that remembers every cookie any answer set with a value (deleting one sets it empty)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cookies_set = set()

    def request(self, **request):
        response = super().request(**request)
        self.cookies_set |= {name for name, morsel in response.cookies.items() if morsel.value}
        return response


@pytest.mark.parametrize("journey", JOURNEY_COOKIES)
def test_each_public_journey_sets_exactly_the_cookies_listed(journey, settings):
    settings.RATELIMIT_ENABLE = False
    assert walk(journey, RecordingClient(enforce_csrf_checks=True)) == JOURNEY_COOKIES[journey]


def documented_cookies(text):
    """Cookie names in the docs/privacy.md table: rows of the form | `name` | set when | holds | lasts |."""
    section = text.split("## Cookies", 1)[1].split("\n## ", 1)[0]
    return {match.group(1): match.group(2) for match in re.finditer(r"^\| `([a-z_]+)` \| ([^|]+) \|", section, re.M)}


def test_the_cookie_table_in_docs_privacy_lists_every_cookie_and_the_journeys_that_set_it():
    table = documented_cookies((ROOT / "docs" / "privacy.md").read_text())
    every_cookie = set().union(*JOURNEY_COOKIES.values())
    assert set(table) - {"sessionid"} >= every_cookie - {"sessionid"}
    assert set(table) == every_cookie
    for journey, cookies in JOURNEY_COOKIES.items():
        for cookie in cookies:
            if cookie == "sessionid":  # the one cookie whose "set when" names journeys
                assert journey.replace("send a ", "").split()[0] in table[cookie].lower(), (journey, table[cookie])


@pytest.mark.parametrize(
    ("path", "words"), [("/pages/privacy/", "Add to my order"), ("/es/pages/privacy/", "Agregar a mi pedido")]
)
def test_the_public_privacy_page_names_every_cookie_and_the_order_list(client, path, words):
    text = client.get(path).content.decode()
    for cookie in set().union(*JOURNEY_COOKIES.values()):
        assert f"<strong>{cookie}</strong>" in text, (path, cookie)
    session_line = text.split("<strong>sessionid</strong>", 1)[1].split("</li>", 1)[0]
    assert words in session_line, session_line


def test_the_csrf_cookie_dies_with_the_browser_as_the_privacy_page_says(client):
    """No expiry date: nothing of this site stays on the device once the browser is closed."""
    morsel = client.get("/contact/").cookies["csrftoken"]
    assert morsel.value
    assert morsel["max-age"] == ""
    assert morsel["expires"] == ""
    for path, words in (
        ("/pages/privacy/", "deletes it when you close it"),
        ("/es/pages/privacy/", "la borra al cerrarse"),
    ):
        csrf_line = client.get(path).content.decode().split("<strong>csrftoken</strong>", 1)[1].split("</li>", 1)[0]
        assert words in csrf_line, csrf_line
