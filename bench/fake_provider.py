"""A local stand-in for the Postmark HTTP API, for benchmarks and the production smoke test.

It answers the endpoints django-anymail's Postmark backend calls the way the real
service does (one JSON object per message, a MessageID each, ErrorCode 0), after an
optional delay that stands for the network and the provider's own work. Nothing
leaves the machine: it binds to loopback only.

    python bench/fake_provider.py --port 8925 --delay-ms 40

Point the site at it with ``EMAIL_PROVIDER=postmark POSTMARK_SERVER_TOKEN=anything
EMAIL_PROVIDER_API_URL=http://127.0.0.1:8925/``.

Besides the API it answers ``GET /_stats`` (requests and messages received, per
endpoint) and ``GET /_messages`` (every message received, in order, as JSON), and
``POST /_reset`` empties both, so a test can check what was delivered. With
``--record FILE`` each message is also appended to FILE as one JSON line.
``GET /_copies`` counts the copies received per Message-ID header.

Postmark's outbound message search (``GET /messages/outbound`` with ``count``,
``offset``, ``recipient`` and one ``metadata_<key>=<value>``) answers from what
was received, as the real one does for accepted messages; ``--no-search``
answers it 404, like a provider that cannot be asked.

Stalls: ``--stall-every N --stall-seconds S`` makes every Nth send call (of any
send endpoint) wait S seconds *after* recording its messages, like a provider
that accepts a message and answers late. In-process, ``Stalls`` also stalls
chosen calls by number and reports when a stall begins (``store.stalls``).
"""

import argparse
import contextlib
import json
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# Endpoint -> how the request body lists its messages.
_SINGLE = {"/email", "/email/withTemplate", "/email/withTemplate/"}
_LIST = {"/email/batch"}
_MESSAGES_KEY = {"/email/batchWithTemplates": "Messages"}
_BULK = {"/email/bulk"}


def message_id(message):
    """The Message-ID header a message was sent with ("" when none)."""
    for header in message.get("Headers") or []:
        if isinstance(header, dict) and str(header.get("Name", "")).lower() == "message-id":
            return header.get("Value", "")
    return ""


class Stalls:
    """Which send calls answer late: every Nth, or the calls numbered in ``calls`` (1-based, per endpoint).

    A stalled call has already recorded its messages (the provider accepted
    them) and waits ``seconds``, or until ``release()``; ``began`` counts the
    stalls started, and ``wait_for(n)`` blocks until n have begun.
    """

    def __init__(self, every=0, seconds=0.0, calls=None):
        self.every, self.seconds = every, seconds
        self.calls = {endpoint: set(numbers) for endpoint, numbers in (calls or {}).items()}
        self.released = threading.Event()
        self.condition = threading.Condition()
        self.began = 0
        self.stalled_message_ids = []

    def applies(self, endpoint, call_number, total_calls):
        if call_number in self.calls.get(endpoint, ()):
            return True
        return bool(self.every) and total_calls % self.every == 0

    def stall(self, messages=()):
        with self.condition:
            self.began += 1
            self.stalled_message_ids.extend(message_id(message) for message in messages)
            self.condition.notify_all()
        self.released.wait(self.seconds)

    def wait_for(self, count, timeout):
        with self.condition:
            return self.condition.wait_for(lambda: self.began >= count, timeout)

    def release(self):
        self.released.set()


class _Store:
    """What the server received; shared by the handler threads."""

    def __init__(self, record_path=None, stalls=None, search=True):
        self.lock = threading.Lock()
        self.messages = []
        self.requests = {}
        self.stalls = stalls or Stalls()
        self.search_enabled = search
        self.searches = 0
        self.record = open(record_path, "a", encoding="utf-8") if record_path else None  # noqa: SIM115

    def add(self, endpoint, messages):
        """Record the messages; returns True when this call should answer late."""
        with self.lock:
            self.requests[endpoint] = self.requests.get(endpoint, 0) + 1
            total_calls = sum(self.requests.values())
            received_at = time.time()
            self.messages.extend({**message, "_received_at": received_at} for message in messages)
            if self.record:
                for message in messages:
                    self.record.write(json.dumps(message) + "\n")
                self.record.flush()
            return self.stalls.applies(endpoint, self.requests[endpoint], total_calls)

    def copies(self):
        """Copies received per Message-ID."""
        with self.lock:
            return Counter(message_id(message) for message in self.messages)

    def search(self, query):
        """Postmark's outbound search over what was received: (total, one page of summaries)."""
        metadata = {key[len("metadata_") :]: values[0] for key, values in query.items() if key.startswith("metadata_")}
        recipient = (query.get("recipient") or [""])[0].lower()
        count, offset = int(query["count"][0]), int(query["offset"][0])
        with self.lock:
            self.searches += 1
            matches = [
                message
                for message in self.messages
                if all(str((message.get("Metadata") or {}).get(k)) == v for k, v in metadata.items())
                and (not recipient or recipient in str(message.get("To", "")).lower())
            ]
        page = [
            {
                "MessageID": str(uuid.uuid5(uuid.NAMESPACE_OID, message_id(message) or str(index))),
                "To": [{"Email": message.get("To", ""), "Name": None}],
                "Recipients": [message.get("To", "")],
                "Subject": message.get("Subject", ""),
                "Metadata": message.get("Metadata") or {},
                "Status": "Sent",
            }
            for index, message in enumerate(matches[offset : offset + count])
        ]
        return len(matches), page

    def stats(self):
        with self.lock:
            return {"requests": dict(self.requests), "messages": len(self.messages)}

    def reset(self):
        with self.lock:
            self.messages.clear()
            self.requests.clear()


def _accepted(message):
    return {
        "To": message.get("To", ""),
        "SubmittedAt": datetime.now(UTC).isoformat(),
        "MessageID": str(uuid.uuid4()),
        "ErrorCode": 0,
        "Message": "OK",
    }


def make_handler(store, delay_seconds):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass  # quiet: a benchmark sends thousands of requests

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            parts = urlsplit(self.path)
            if self.path == "/_stats":
                self._answer(200, store.stats())
            elif self.path == "/_messages":
                with store.lock:
                    self._answer(200, list(store.messages))
            elif self.path == "/_copies":
                self._answer(200, dict(store.copies()))
            elif parts.path == "/messages/outbound" and store.search_enabled:
                if not self.headers.get("X-Postmark-Server-Token"):
                    self._answer(401, {"ErrorCode": 10, "Message": "No Account or Server API tokens were supplied."})
                    return
                total, page = store.search(parse_qs(parts.query))
                self._answer(200, {"TotalCount": total, "Messages": page})
            else:
                self._answer(404, {"ErrorCode": 404, "Message": "Not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path == "/_reset":
                store.reset()
                self._answer(200, {"reset": True})
                return
            if not self.headers.get("X-Postmark-Server-Token"):
                self._answer(401, {"ErrorCode": 10, "Message": "No Account or Server API tokens were supplied."})
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._answer(422, {"ErrorCode": 402, "Message": "Invalid JSON"})
                return
            if delay_seconds:
                time.sleep(delay_seconds)
            endpoint = self.path.split("?", 1)[0]
            if endpoint in _SINGLE and isinstance(body, dict):
                received, answer = [body], _accepted(body)
            elif endpoint in _LIST and isinstance(body, list):
                received, answer = body, [_accepted(message) for message in body]
            elif endpoint in _MESSAGES_KEY and isinstance(body, dict):
                received = body.get(_MESSAGES_KEY[endpoint]) or []
                answer = [_accepted(message) for message in received]
            elif endpoint in _BULK and isinstance(body, dict):
                received = [{**body, "Messages": None, **message} for message in body.get("Messages") or []]
                answer = {"ID": str(uuid.uuid4()), "Status": "Accepted", "SubmittedAt": "now"}
            else:
                self._answer(422, {"ErrorCode": 300, "Message": "Invalid email request"})
                return
            if store.add(endpoint, received):
                store.stalls.stall(received)  # accepted, answering late
            with contextlib.suppress(OSError):  # the client stopped waiting (its read timeout) or died
                self._answer(200, answer)

    return Handler


def serve(port, delay_ms=0, record_path=None, stalls=None, search=True):
    """Start the server on 127.0.0.1:port (0: any free port) in a background thread; return (server, store)."""
    store = _Store(record_path, stalls, search)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(store, delay_ms / 1000))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, store


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--port", type=int, default=8925)
    parser.add_argument("--delay-ms", type=int, default=0, help="answer each API call after this many ms")
    parser.add_argument("--record", help="append every message received to this file, one JSON line each")
    parser.add_argument("--stall-every", type=int, default=0, help="every Nth send call answers late")
    parser.add_argument("--stall-seconds", type=float, default=60.0, help="how late a stalled call answers")
    parser.add_argument("--no-search", action="store_true", help="answer the outbound message search 404")
    args = parser.parse_args()
    stalls = Stalls(every=args.stall_every, seconds=args.stall_seconds)
    server, _store = serve(args.port, args.delay_ms, args.record, stalls, search=not args.no_search)
    print(f"fake Postmark API on http://127.0.0.1:{args.port}/ (delay {args.delay_ms} ms)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
