"""Nothing a visitor answers is kept: no row, cookie, session, log line, error report or cache entry.

Each journey walks every step (start, each question, result, state, print view,
all-on-one-page) and checks one way the answers could be kept. Run on
PostgreSQL too (TEST_DATABASE_URL; docs/screening.md).
"""

import json
import logging

import pytest
from django.apps import apps
from django.core.cache import caches

from rescue_restore.web import pagecache
from rescue_restore.web.requestlog import JsonFormatter, RequestIdFilter
from screening import services
from tests.screening.helpers import questions_of, walk

pytestmark = pytest.mark.django_db

SLUG = "health-care-visit"


def _row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_no_database_row_is_written(client):
    before = _row_counts()
    walk(client, SLUG)
    walk(client, SLUG, language_prefix="/es")
    assert _row_counts() == before


def test_no_cookie_on_any_step(client):
    client.handler.enforce_csrf_checks = True  # as in production: the CSRF middleware runs in full
    for language_prefix in ("", "/es"):
        responses, _given = walk(client, SLUG, language_prefix=language_prefix)
        for response in responses:
            assert not response.cookies, (response.request["PATH_INFO"], response.cookies)
            assert "Set-Cookie" not in response.headers
    assert not client.cookies


def test_every_step_is_no_store_noindex_and_keeps_its_address_to_itself(client):
    responses, _given = walk(client, SLUG)
    for response in responses:
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "same-origin"
        if response.status_code == 200:
            text = response.content.decode()
            assert '<meta name="robots" content="noindex, nofollow">' in text
            assert "data-quick-exit" in text  # the quick exit, on every step


def _formatted(records):
    """Every captured record as the site's log handlers would write it, plain and JSON."""
    plain = logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    request_ids = RequestIdFilter()
    lines = []
    for record in records:
        request_ids.filter(record)
        lines += [plain.format(record), JsonFormatter().format(record)]
    return "\n".join(lines)


def test_no_log_line_holds_an_answer(client, caplog):
    caplog.set_level(logging.DEBUG)
    _responses, given = walk(client, SLUG)
    logged = _formatted(caplog.records)
    for name, value in given.items():
        assert f"{name}={value}" not in logged
    assert "state=TX" not in logged


def test_an_error_report_holds_no_answer(client, caplog, monkeypatch):
    """A failing result page (500) is logged by path alone: the answers in its query string stay out."""

    def broken():
        raise RuntimeError("result texts unavailable")

    monkeypatch.setattr(services, "result_texts", broken)
    client.raise_request_exception = False
    caplog.set_level(logging.DEBUG)
    question = questions_of(SLUG)[0]
    response = client.get(f"/could-this-be-trafficking/{SLUG}/result/", {f"q{question.pk}": "yes", "state": "TX"})
    assert response.status_code == 500
    assert any(record.levelno >= logging.ERROR for record in caplog.records)
    logged = _formatted(caplog.records)
    assert f"/could-this-be-trafficking/{SLUG}/result/" in logged
    assert f"q{question.pk}=yes" not in logged
    assert "state=TX" not in logged
    json.loads(JsonFormatter().format(caplog.records[-1]))  # still one JSON object per line


def test_access_log_keeps_the_path_only(monkeypatch):
    from tests.rescue_restore.test_gunicorn_conf import load

    conf = load(monkeypatch)
    logger = conf["RedactingLogger"].__new__(conf["RedactingLogger"])
    path = f"/es/could-this-be-trafficking/{SLUG}/result/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?q1=yes&q2=unsure&state=TX",
        "PATH_INFO": path,
        "QUERY_STRING": "q1=yes&q2=unsure&state=TX",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    from datetime import timedelta
    from types import SimpleNamespace

    response = SimpleNamespace(status="200 OK", sent=512, headers=[("X-Request-ID", "abc123")])
    logger.cfg = SimpleNamespace(access_log_format=conf["access_log_format"])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=3))
    assert "q1=yes" not in repr(atoms)
    assert "state=TX" not in repr(atoms)
    assert f'"GET {path}" 200' in conf["access_log_format"] % atoms


def _cache_keys():
    cache = caches[pagecache.CACHE_ALIAS]
    # Stored pages only: not the tag versions or the generation the page cache keeps beside them.
    return [
        key
        for key in getattr(cache, "_cache", {})
        if "pagecache:" in key and not any(part in key for part in ("version", ":tag:", "generation"))
    ]


def test_the_page_cache_neither_stores_nor_looks_up_these_pages(client, settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    caches[pagecache.CACHE_ALIAS].clear()
    pagecache.forget_local_copies()
    looked_up = []
    original_key = pagecache._key
    monkeypatch.setattr(
        pagecache, "_key", lambda request, *rest: looked_up.append(request.path) or original_key(request, *rest)
    )
    client.get("/")  # a public page: stored, so the cache is working in this test
    assert len(_cache_keys()) == 1
    looked_up.clear()
    walk(client, SLUG)
    walk(client, SLUG, language_prefix="/es")
    assert looked_up == []
    assert len(_cache_keys()) == 1
    assert not pagecache._local or all("could-this-be-trafficking" not in str(key) for key in pagecache._local)
