"""Sessions: Django's ``cached_db`` store, with the shared cache's outage rules and staff kept out.

``settings.SESSION_ENGINE`` names this module when the site has Redis. A public visitor's session
(the order list) is read from Redis on every request instead of from PostgreSQL: a returning
visitor's page from the page cache then costs no SQL at all (docs/performance.md, "Sessions").
The database row stays the record, written first as ``cached_db`` always does, so the cache may
be emptied at any time.

``SessionMiddleware`` (in ``settings.MIDDLEWARE``) is Django's, except that it keeps a session the
page cache already opened for this request (it looks at a returning visitor's session before the
rest of the middleware runs): a session is read once a request, whoever opens it first.

Four differences from Django's store, all small:

- **Redis down.** Django's store survives a failed read but not the write-back after it, nor a
  failed delete: every request with a session cookie would fail while Redis does not answer.
  Here a failed read is treated as a miss and starts the back-off the rate limiter and the page
  cache share (``cache_health.shared_cache_failed``): the database answers meanwhile. Writes and
  deletes always try the cache (they are rare: adding to an order, placing it), so a copy is not
  left behind older than its row just because a read failed a moment before.
- **Staff sessions are never copied into the cache**, only public visitors' ones. Signing out
  deletes the row and the copy; if Redis were unreachable at that moment, a copy of a signed-in
  session could outlive the sign-out until its expiry. Staff pages are never served from the page
  cache anyway, so their session read is not what the cache is for.
- **Ending a session is one DELETE**, not a read of the row and then its deletion (an order ends
  the visitor's session inside its own transaction: one round trip fewer for every order).
- **Only an id Django could have made is looked up** (32 lowercase letters and digits; Django's
  store takes any 8 characters). A cookie of 5,000 characters is no session, and never a cache key
  that a cache could refuse: a refusal would switch the shared cache off for the whole process.

And one difference in the middleware: **a replaced session id does not sign the browser out.**
Signing in and passing the second factor give the session a new id (the old one is deleted). A
request the browser sent with the old id before it saw the new one (a script, the icon, a page
it loads on its own) arrives after, finds no session, and Django's middleware answers it by
deleting the session cookie: the browser then drops the new id and the person is signed out the
moment they signed in. So the middleware remembers a replaced id for ``REPLACED_ID_SECONDS``, and
an answer to a request that carried one leaves the cookie alone. The old id still opens nothing.
"""

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions import middleware
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.cache import cache
from django.db import connections, router
from django.http import HttpRequest, HttpResponse

from rescue_restore.web.cache_health import shared_cache_failed, shared_cache_usable

if TYPE_CHECKING:
    from django.contrib.sessions.models import Session
    from django.core.cache.backends.base import BaseCache


# The ids Django makes (``SessionBase._get_new_session_key``). Only such a cookie is looked up: any
# other is no session of ours, and a hostile one (5,000 characters, "../") must not reach the cache,
# whose refusal would switch the shared cache off for this process (``shared_cache_failed``).
SESSION_ID = re.compile(r"[a-z0-9]{32}")


def _cacheable(data: dict[str, Any]) -> bool:
    return SESSION_KEY not in data


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "rr.session."

    if TYPE_CHECKING:  # Django's own, which django-stubs leaves out
        _cache: BaseCache
        _session: dict[str, Any]

        def _get_session_from_db(self) -> Session | None: ...

    def _validate_session_key(self, key: str | None) -> bool:
        return key is not None and SESSION_ID.fullmatch(key) is not None  # Django's: any 8 characters

    def load(self) -> dict[str, Any]:
        if self.session_key is None or not shared_cache_usable():
            return DatabaseStore.load(self)
        try:
            data: dict[str, Any] | None = self._cache.get(self.cache_key)
        except Exception as error:
            shared_cache_failed(error)
            return DatabaseStore.load(self)
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        if _cacheable(data):
            self._copy_to_cache(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key: str) -> bool:
        return DatabaseStore.exists(self, session_key)  # a new key must be new to the database, the record

    def save(self, must_create: bool = False) -> None:
        DatabaseStore.save(self, must_create)
        if _cacheable(self._session):
            self._copy_to_cache(self._session, self.get_expiry_age())
        else:
            self._forget(self.session_key)

    def delete(self, session_key: str | None = None) -> None:
        session_key = session_key or self.session_key
        if session_key is None:
            return
        # One DELETE. Django's store reads the row first and deletes the instance, and a queryset's
        # delete() also reads first here, because the page cache and search listen to every deletion.
        # Nobody listens for sessions, so the row is deleted directly.
        model = self.model
        with connections[router.db_for_write(model)].cursor() as cursor:
            quote = cursor.db.ops.quote_name
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote('session_key')} = %s",  # noqa: S608 (names only)
                [session_key],
            )
        self._forget(session_key)

    def _copy_to_cache(self, data: dict[str, Any], seconds: int) -> None:
        try:
            self._cache.set(self.cache_key, data, seconds)
        except Exception as error:
            shared_cache_failed(error)

    def _forget(self, session_key: str | None) -> None:
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as error:
            shared_cache_failed(error)


# Long enough for every request a browser had in flight when its session id changed.
REPLACED_ID_SECONDS = 120
REPLACED_ID_PREFIX = "rr.session.replaced."


class SessionMiddleware(middleware.SessionMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if not hasattr(request, "session"):  # the page cache may have opened it (web/pagecache.py)
            super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        sent = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        session = getattr(request, "session", None)
        if sent is None or session is None or not SESSION_ID.fullmatch(sent):
            return response
        if session.session_key not in (None, sent) and not session.is_empty():
            _remember_replaced(sent)  # this answer gives the browser a new id for its session
        elif _deletes_session_cookie(response) and not session.modified and _was_replaced(sent):
            # The id was not found because it was replaced a moment ago, not because the session ended
            # (ending one modifies it): the browser may hold the new id by now. Keep it.
            del response.cookies[settings.SESSION_COOKIE_NAME]
        return response


def _deletes_session_cookie(response: HttpResponse) -> bool:
    morsel = response.cookies.get(settings.SESSION_COOKIE_NAME)
    return morsel is not None and morsel.value == "" and str(morsel["max-age"]) == "0"


def _remember_replaced(session_key: str) -> None:
    if not shared_cache_usable():
        return
    try:
        cache.set(REPLACED_ID_PREFIX + session_key, True, REPLACED_ID_SECONDS)
    except Exception as error:
        shared_cache_failed(error)


def _was_replaced(session_key: str) -> bool:
    if not shared_cache_usable():
        return False  # then the cookie is deleted, as Django does
    try:
        return cache.get(REPLACED_ID_PREFIX + session_key) is not None
    except Exception as error:
        shared_cache_failed(error)
        return False
