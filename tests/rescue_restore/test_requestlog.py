"""Every response and every log line carry a request id; JSON logs on request."""

import json
import logging

import pytest

from rescue_restore.web.requestlog import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_every_response_gets_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_an_id_from_a_trusted_proxy_is_kept(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    response = client.get("/healthz", headers={"X-Request-ID": "lb-trace-0123456789"}, REMOTE_ADDR="10.1.2.3")
    assert response["X-Request-ID"] == "lb-trace-0123456789"


def test_an_id_from_anyone_else_is_replaced(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    response = client.get("/healthz", headers={"X-Request-ID": "forged-id-0123456789"}, REMOTE_ADDR="198.51.100.7")
    assert response["X-Request-ID"] != "forged-id-0123456789"


@pytest.mark.parametrize("incoming", ["short", "has space 0123456789", "x" * 200, "newline\nin-the-id-000"])
def test_an_insane_id_is_replaced_even_from_a_trusted_proxy(client, settings, incoming):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_written_during_a_request_carry_its_id(client, monkeypatch):
    from rescue_restore.ops import health

    seen = []

    class Collect(logging.Handler):
        def emit(self, record):
            seen.append(record)

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    logging.getLogger("rescue_restore.ops.health").addHandler(handler)
    monkeypatch.setattr(health, "cache_is_up", lambda: health.logger.warning("probe") or True)
    try:
        response = client.get("/healthz")
    finally:
        logging.getLogger("rescue_restore.ops.health").removeHandler(handler)
    assert [record.request_id for record in seen] == [response["X-Request-ID"]]


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_json_lines_are_one_object_each():
    record = logging.LogRecord("rescue_restore.outbox.mail", logging.WARNING, __file__, 1, "failed %s", ("x",), None)
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "rescue_restore.outbox.mail"
    assert entry["message"] == "failed x"
    assert entry["request_id"] == "-"
    assert entry["time"].endswith("+00:00")
