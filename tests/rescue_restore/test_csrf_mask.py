"""The page cache's CSRF tokens: Django's format and check, one per answer, for first and returning visitors."""

import gzip
import re
from collections import Counter

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware
from django.test import Client, RequestFactory

from rescue_restore.web.csrf_mask import fresh_token, random_chars

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _accepted(secret, token):
    """Whether Django's own middleware accepts ``token`` posted with the cookie ``secret``."""
    request = RequestFactory().post("/", {"csrfmiddlewaretoken": token})
    request.COOKIES["csrftoken"] = secret
    middleware = CsrfViewMiddleware(lambda request: None)
    middleware.process_request(request)
    return middleware.process_view(request, lambda request: None, (), {}) is None


def test_random_chars_are_of_the_alphabet_and_of_the_length_asked():
    for count in (1, 32, 200):
        chars = random_chars(count)
        assert len(chars) == count
        assert set(chars) <= set(CSRF_ALLOWED_CHARS)


def test_every_character_is_equally_likely():
    # 200,000 draws: each character about 3,226 times. A plain "byte % 62" would give the first 8
    # characters 5/256 each and the others 4/256 (about 3,906 against 3,125): the first 8 are
    # compared with the rest, whose means differ by about 20 draws by chance.
    counts = Counter(random_chars(200_000))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    first = [counts[char] for char in CSRF_ALLOWED_CHARS[:8]]
    rest = [counts[char] for char in CSRF_ALLOWED_CHARS[8:]]
    assert abs(sum(first) / len(first) - sum(rest) / len(rest)) < 200


def test_a_returning_visitors_token_is_checked_by_django_against_their_cookie():
    request = RequestFactory().get("/")
    secret = random_chars(CSRF_SECRET_LENGTH)
    request.META["CSRF_COOKIE"] = secret
    tokens = {fresh_token(request) for _ in range(20)}
    assert len(tokens) == 20  # masked afresh every time (BREACH)
    assert all(len(token) == 2 * CSRF_SECRET_LENGTH for token in tokens)
    assert all(_accepted(secret, token) for token in tokens)
    assert request.META["CSRF_COOKIE"] == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert not _accepted(random_chars(CSRF_SECRET_LENGTH), tokens.pop())  # another visitor's cookie


def test_a_first_visitor_gets_a_new_secret_to_be_sent_as_their_cookie():
    request = RequestFactory().get("/")
    token = fresh_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH
    assert set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert _accepted(secret, token)
    assert secret not in token


@pytest.mark.django_db
def test_a_returning_visitor_posts_the_form_of_a_cached_page(settings, form_data):
    settings.PAGE_CACHE_ENABLED = True
    Client().get("/listserv/")
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/contact/")  # has a CSRF cookie before the cached page
    cookie = visitor.cookies["csrftoken"].value
    response = visitor.get("/listserv/")
    assert response["X-Page-Cache"] == "hit"
    body = gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    token = CSRF_VALUE.search(body.decode())[1]
    assert visitor.cookies["csrftoken"].value == cookie
    posted = visitor.post("/listserv/", form_data(email="not-an-address", csrfmiddlewaretoken=token))
    assert posted.status_code == 400  # the form's own error, not a CSRF failure (403)
