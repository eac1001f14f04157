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
"""

import argparse
import json
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Endpoint -> how the request body lists its messages.
_SINGLE = {"/email", "/email/withTemplate", "/email/withTemplate/"}
_LIST = {"/email/batch"}
_MESSAGES_KEY = {"/email/batchWithTemplates": "Messages"}
_BULK = {"/email/bulk"}


class _Store:
    """What the server received; shared by the handler threads."""

    def __init__(self, record_path=None):
        self.lock = threading.Lock()
        self.messages = []
        self.requests = {}
        self.record = open(record_path, "a", encoding="utf-8") if record_path else None  # noqa: SIM115

    def add(self, endpoint, messages):
        with self.lock:
            self.requests[endpoint] = self.requests.get(endpoint, 0) + 1
            self.messages.extend(messages)
            if self.record:
                for message in messages:
                    self.record.write(json.dumps(message) + "\n")
                self.record.flush()

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
            if self.path == "/_stats":
                self._answer(200, store.stats())
            elif self.path == "/_messages":
                with store.lock:
                    self._answer(200, list(store.messages))
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
                store.add(endpoint, [body])
                self._answer(200, _accepted(body))
            elif endpoint in _LIST and isinstance(body, list):
                store.add(endpoint, body)
                self._answer(200, [_accepted(message) for message in body])
            elif endpoint in _MESSAGES_KEY and isinstance(body, dict):
                messages = body.get(_MESSAGES_KEY[endpoint]) or []
                store.add(endpoint, messages)
                self._answer(200, [_accepted(message) for message in messages])
            elif endpoint in _BULK and isinstance(body, dict):
                messages = body.get("Messages") or []
                store.add(endpoint, [{**body, "Messages": None, **message} for message in messages])
                self._answer(200, {"ID": str(uuid.uuid4()), "Status": "Accepted", "SubmittedAt": "now"})
            else:
                self._answer(422, {"ErrorCode": 300, "Message": "Invalid email request"})

    return Handler


def serve(port, delay_ms=0, record_path=None):
    """Start the server on 127.0.0.1:port in a background thread; return (server, store)."""
    store = _Store(record_path)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(store, delay_ms / 1000))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, store


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--port", type=int, default=8925)
    parser.add_argument("--delay-ms", type=int, default=0, help="answer each API call after this many ms")
    parser.add_argument("--record", help="append every message received to this file, one JSON line each")
    args = parser.parse_args()
    server, _store = serve(args.port, args.delay_ms, args.record)
    print(f"fake Postmark API on http://127.0.0.1:{args.port}/ (delay {args.delay_ms} ms)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
