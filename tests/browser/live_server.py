"""A live server that answers one request at a time when it shares the test's SQLite connection.

On SQLite the test database lives in memory, so Django's live server hands the
test's own connection to every request thread. A browser asks for several
files at once (a catalog page loads all its cover images together), and two
threads using one sqlite3 connection at the same moment fail with
"bad parameter or other API misuse". Connections stay threaded, so keep-alive
works as in a browser; only the application call, with the reading of the
body it returns, takes turns. On PostgreSQL every thread has its own
connection and nothing is serialised.
"""

import threading

from django.core.servers.basehttp import ThreadedWSGIServer


class _OneAtATime:
    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.application(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return [body]


class SharedConnectionSafeServer(ThreadedWSGIServer):
    def set_app(self, application):
        if self.connections_override:
            application = _OneAtATime(application)
        super().set_app(application)
