"""The fake Postmark API answers django-anymail's Postmark backend as the real one does."""

import json
import socket
import urllib.request

import pytest
from anymail.backends.postmark import EmailBackend
from django.core.mail import EmailMessage

from bench.fake_provider import serve


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def provider():
    port = _free_port()
    server, store = serve(port)
    yield f"http://127.0.0.1:{port}/", store
    server.shutdown()
    server.server_close()


def test_single_and_batch_sends_are_accepted_and_recorded(provider):
    api_url, store = provider
    backend = EmailBackend(server_token="test-token", api_url=api_url)

    single = EmailMessage("Hello", "Body", "from@example.gov", ["ana@example.org"])
    backend.send_messages([single])
    batch = EmailMessage("Bulletin", "Body", "from@example.gov", ["b@example.org", "c@example.org"])
    batch.merge_headers = {"b@example.org": {"List-Unsubscribe": "<https://x/u/b>"}, "c@example.org": {}}
    backend.send_messages([batch])

    assert single.anymail_status.status == {"sent"}
    assert batch.anymail_status.recipients["b@example.org"].status == "sent"
    assert store.stats() == {"requests": {"/email": 1, "/email/batch": 1}, "messages": 3}
    with urllib.request.urlopen(api_url + "_messages") as response:  # noqa: S310 - loopback test server
        received = json.load(response)
    assert [message["To"] for message in received] == ["ana@example.org", "b@example.org", "c@example.org"]
    assert {"Name": "List-Unsubscribe", "Value": "<https://x/u/b>"} in received[1]["Headers"]


def test_a_request_without_the_server_token_is_refused(provider):
    api_url, store = provider
    request = urllib.request.Request(api_url + "email", data=b"{}", method="POST")  # noqa: S310 - loopback
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)  # noqa: S310 - loopback test server
    assert refused.value.code == 401
    assert store.stats()["messages"] == 0
