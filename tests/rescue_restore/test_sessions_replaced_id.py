"""A request that still carries a session id replaced a moment ago does not sign the browser out.

Passing the second factor gives the session a new id and deletes the old one. A browser may have
sent requests with the old id before the answer with the new one reached it (a script, its icon,
a page it loads on its own). Django answers such a request by deleting the session cookie, and
the browser then dropped the new id: a passkey was enrolled and the person was back at the
sign-in page (tests/browser/test_mfa_passkeys.py failed that way). rescue_restore/web/sessions.py
remembers a replaced id for a while and leaves the cookie alone in the answer to it; the old id
still opens nothing.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from rescue_restore.web import cache_health
from rescue_restore.web.sessions import REPLACED_ID_SECONDS
from tests.signin import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"
COOKIE = django_settings.SESSION_COOKIE_NAME
STORES = ["django.contrib.sessions.backends.db", "rescue_restore.web.sessions"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache_health.reset()
    yield
    cache_health.reset()


@pytest.fixture(params=STORES, ids=["database", "cache"])
def store(request, settings):
    settings.SESSION_ENGINE = request.param  # clients made after this take it (the middleware reads it once)
    return request.param


def _verified(client, user):
    """Password, then an authenticator app code; return the session id the password step gave."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client.post("/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD})
    after_password = client.cookies[COOKIE].value
    answer = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "/admin/"})
    assert answer.status_code == 302
    assert client.cookies[COOKIE].value != after_password
    return after_password


def _late_request(session_id, path="/admin/account/enrol/"):
    """What the browser sent with the old id before it saw the new one."""
    late = Client()
    late.cookies[COOKIE] = session_id
    return late.get(path)


def _deletes_the_cookie(response):
    return COOKIE in response.cookies and response.cookies[COOKIE].value == ""


def test_a_late_request_with_the_replaced_id_leaves_the_new_cookie_alone(store, superuser):
    client = Client()
    old_id = _verified(client, superuser)
    for path in ("/admin/account/enrol/", "/favicon.ico", "/admin/", "/materials/"):
        late = _late_request(old_id, path)
        assert not _deletes_the_cookie(late), path
        assert COOKIE not in late.cookies, path
    # The old id still opens nothing; the new one opens the admin.
    assert _late_request(old_id, "/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_id_nobody_replaced_is_still_deleted_as_django_does(store, superuser):
    _verified(Client(), superuser)
    unknown = _late_request("x" * 32, "/admin/")
    assert unknown.status_code == 302
    assert _deletes_the_cookie(unknown)


def test_the_replaced_id_is_forgotten_after_a_while(store, superuser):
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        old_id = _verified(Client(), superuser)
        assert not _deletes_the_cookie(_late_request(old_id))
        clock.shift(dt.timedelta(seconds=REPLACED_ID_SECONDS + 1))
        assert _deletes_the_cookie(_late_request(old_id))


def test_signing_out_still_deletes_the_cookie(store, superuser):
    client = Client()
    _verified(client, superuser)
    signed_out = client.post(reverse("admin:logout"))
    assert _deletes_the_cookie(signed_out)
    # And a request still carrying the ended session's id is told to delete it too.
    assert client.get("/admin/").status_code == 302


def test_the_password_step_remembers_the_id_it_replaced(store, superuser, edition_in_an_order_list):
    """A visitor's order list session becomes a staff session at sign-in: its old id is replaced too."""
    client = edition_in_an_order_list
    visitor_id = client.cookies[COOKIE].value
    client.post("/admin/login/?next=/admin/", {"username": superuser.username, "password": PASSWORD})
    assert client.cookies[COOKIE].value != visitor_id
    assert not _deletes_the_cookie(_late_request(visitor_id, "/materials/"))


def test_a_shared_cache_that_fails_only_brings_back_djangos_answer(store, superuser, monkeypatch):
    client = Client()
    old_id = _verified(client, superuser)

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis does not answer")

    for method in ("get", "set", "delete", "get_many", "set_many"):
        monkeypatch.setattr(cache, method, unreachable)
    late = _late_request(old_id, "/admin/")
    assert late.status_code == 302
    assert _deletes_the_cookie(late)  # the cookie is deleted, as Django does: never a 500


@pytest.mark.parametrize("hostile", ["x" * 5000, "../../etc/passwd", "A" * 32, "é" * 32])
def test_a_cookie_that_is_no_session_id_of_ours_never_reaches_the_cache(
    store, hostile, edition_in_an_order_list, monkeypatch
):
    """A cache that refuses such a key would have switched the shared cache off for the whole process."""
    looked_up = []
    for name in ("get", "set"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda key, *args, _real=real, **kwargs: (looked_up.append(key), _real(key, *args, **kwargs))[1],
        )
    late = _late_request(hostile, "/admin/")
    visitor = Client()
    visitor.cookies[COOKIE] = hostile
    added = visitor.post("/materials/order/list/", {"action": "add", "item": "RR-REPLACED-EN"})
    assert late.status_code == 302
    assert _deletes_the_cookie(late)  # Django's answer to a cookie that names no session
    assert added.status_code == 302
    assert visitor.cookies[COOKIE].value != hostile
    assert not [key for key in looked_up if "replaced" in key]
    assert cache_health.shared_cache_usable()


@pytest.fixture
def edition_in_an_order_list():
    from tests.factories.materials import EditionFactory, MaterialFactory

    edition = EditionFactory(material=MaterialFactory(title="Look Beneath the Surface"), item_code="RR-REPLACED-EN")
    visitor = Client()
    visitor.post("/materials/order/list/", {"action": "add", "item": edition.item_code})
    assert COOKIE in visitor.cookies
    return visitor
