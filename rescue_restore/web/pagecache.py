"""Whole-page cache for anonymous visitors, and HTML compression.

One middleware, ``PageCacheMiddleware``, in ``MIDDLEWARE`` right after WhiteNoise:
an answer from the cache leaves there, as a static file leaves at WhiteNoise,
without the rest of the middleware (sign-in, second factor, messages, history,
lockout), which has nothing to do for a visitor who is not signed in. What of it
puts a per-visit value on every answer runs its own steps around the answer
(``VISIT_STEPS``: the session, the CSRF cookie, the CSP nonce and header); the
page's language is the key's, activated here. A test holds an answer from the
cache to the headers of the same page rendered through the whole stack. A page
is stored as the whole stack answered it, minus the per-visit values.

What is cached (docs/performance.md has the reasoning):

- GET answers with status 200 and HTML, to a request with no session, no
  messages and no Authorization header (staff are never served from the cache),
  whose view read no session, added no message and set no cookie, and whose
  Cache-Control does not say private, no-cache or no-store, and whose URL has
  no ``token`` in it. Pages that used the CSRF token (forms) only when their URL
  name is in an app's ``pagecache.FORM_PAGES``. An address with a query string
  (filters, search words, or parameters nobody reads) is stored the second time
  it is asked for within ``TIMEOUT``, not the first: made-up addresses cost the
  cache a small marker each, not a page.
- The key is the release (``RELEASE``, else a digest of the code and templates this
  process runs: a deploy never serves the previous release's pages), the cache
  version, the language (chosen from the address as ``LocaleMiddleware`` chooses
  it), the host and the full path with its query string: one language's page
  never answers another's.

What changes per visitor is cut out before the page is stored and put back,
fresh, on every answer: the CSP nonce, the CSRF token (``csrf_mask.fresh_token``, so the
visitor also gets their own CSRF cookie), the signed form start time, the
order form's submission token (``PER_VISIT_FIELDS``) and the fragments an app
makes per visitor (``{% page_fragment %}``, an app's ``pagecache.FRAGMENTS``:
the order list's summary). Nothing else of a request can reach a stored page.

A visitor with a session is answered from the cache too when they are not signed
in and their session holds only what apps declare it may (``SESSION_KEYS``: the
order list, whose only sign on a shared page is a fragment). A page that shows the
session's content (``SESSION_PAGES``: the order form) is stored for that content:
its key adds a digest of the declared values (``_session_variant_key``), and it
is stored the second time that content asks for it, so a visitor coming back to
the same list gets it from the cache, two lists never share a page, and lists
made one after another cost the cache a marker each, not a page.

Invalidation by what changed: every stored page carries the tags of what it
shows (``rescue_restore.web.page_dependencies``: ``"site"`` on every page, an app's
label on pages with that app's lists, finer tags such as a material's
availability) with the version each tag had when the page was rendered. A save or
delete of a project app's row asks that app's ``pagecache.py`` which tags it makes
stale (``stale_tags``; a model it does not name makes every page stale) and gives
those tags new versions: a sign-up changes none, an order only the pages showing
its editions' availability. A successful POST by a signed-in user outside the
admin's own add/change/delete forms (and the admin steps an app names in
``SIGNALLED_ADMIN_VIEWS``, which only save models) makes every page stale (the admin's bulk
actions use ``QuerySet.update``, which sends no signal). Each process trusts the
tag versions it read for ``VERSION_RECHECK_SECONDS`` (1 s); the process that made
a change sees it at once.

Redis down: after one failure the cache is left alone for the back-off interval
it shares with the rate limiter (``cache_health.shared_cache_usable``; each process
pays one socket timeout per interval, not one per request), pages are rendered and sent
uncached, and an invalidation that could not be made is made when Redis answers.

Compression: HTML answers are gzipped when the client accepts it, except for
signed-in users (their pages mix personal data with what they type; they do
not need the bytes saved). Every compressed answer with a per-visitor value in
it gets a random-length gzip header field (as Django's ``GZipMiddleware`` does
against BREACH), and the CSRF token is masked afresh on every answer; a page
with none is the same for everyone and is sent as the same bytes. A stored
page is compressed once, as one deflate stream, so an answer from the cache is
joined, not compressed again: the fresh values go in as stored deflate blocks
(rescue_restore.web.pagecache_gzip). Invalidation by tags: rescue_restore.web.pagecache_tags.
"""

import hashlib
import json
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypedDict

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import BaseCache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string
from django.utils.translation import activate, get_language, get_language_from_path, get_language_from_request

from rescue_restore.web import page_dependencies
from rescue_restore.web.cache_health import shared_cache_failed, shared_cache_usable
from rescue_restore.web.csrf_mask import fresh_token
from rescue_restore.web.form_clock import signed_start_time
from rescue_restore.web.page_dependencies import SITE  # noqa: F401 (part of the page cache's API)
from rescue_restore.web.pagecache_gzip import (
    FRAGMENT_SLOT as _FRAGMENT_SLOT,
)
from rescue_restore.web.pagecache_gzip import (
    NONCE_SLOT as _NONCE,
)
from rescue_restore.web.pagecache_gzip import (
    PLAIN_GZIP_HEADER,
    compressed_for_answers,
    deflate,
    gzip_header,
    gzip_pieces,
    joined,
    spliced_body,
)
from rescue_restore.web.pagecache_tags import (  # noqa: F401 (the page cache's API: apps.py, tests, the template tag)
    GENERATION_KEY,
    VERSION_RECHECK_SECONDS,
    _cache,
    _current_versions,
    _make_pending,
    _pending,
    _per_visitor_declarations,
    _still_fresh,
    _tag_key,
    _tag_versions,
    bump_version,
    connect_signals,
    content_changed,
    declarations,
    form_pages,
    fragment_markup,
    invalidate,
    never_cached_paths,
    signalled_admin_views,
    stale_tags_for,
)


class Entry(TypedDict, total=False):
    """A stored page: its text cut at every per-visit value, and how to answer with it (``_entry``)."""

    view: str
    headers: list[tuple[str, str]]
    vary: str
    texts: list[bytes]
    stream: tuple[list[bytes], list[int]] | None  # compressed once for every answer (pagecache_gzip)
    stream_without_fragments: tuple[list[bytes], list[int]] | None
    compressed: list[bytes] | None  # else each piece compressed apart
    slots: list[str]
    lengths: list[int]
    tags: dict[str, str | None]  # the version of each tag it shows, when it was rendered
    gzip_body: bytes  # only on this process's own copy


CACHE_ALIAS = "default"
TIMEOUT = 600
# Each process also keeps the pages it served last (checked against the tag versions like the
# shared copy): an answer from the cache then costs no Redis read while the versions are trusted.
LOCAL_ENTRIES = 200
_local: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
MAX_KEYED_PATH = 512  # longer addresses (hostile or not) are rendered, never stored
MIN_COMPRESS_BYTES = 200

# Hidden fields whose value is made for each visit, and how to make a fresh one.
PER_VISIT_FIELDS: dict[str, Callable[[HttpRequest], str]] = {
    "csrfmiddlewaretoken": fresh_token,  # get_token's token, from one read of randomness (csrf_mask.py)
    "form_started": lambda request: signed_start_time(),
    "submission_token": lambda request: secrets.token_urlsafe(24),
}
_FIELD_VALUE = re.compile(rb'name="(' + b"|".join(name.encode() for name in PER_VISIT_FIELDS) + rb')" value="([^"]*)"')
_FRAGMENT = re.compile(rb"<!--rr-fragment:([a-z_.]+)-->(.*?)<!--/rr-fragment-->", re.DOTALL)
_SKIPPED_HEADERS = {"set-cookie", "content-length", "content-encoding", "content-security-policy", "vary"}
_COMMA = re.compile(r"\s*,\s*")
_fingerprint: list[str] = []
FINGERPRINTED_SUFFIXES = {".html", ".py", ".mo"}


def forget_local_copies() -> None:
    """Drop this process's own copies of pages and of the tag versions: the next answer asks Redis."""
    _local.clear()
    _tag_versions.clear()


def code_fingerprint(roots: Iterable[Path] | None = None) -> str:
    """A digest of the templates, Python code and compiled translations under ``roots``, and the static manifest."""
    base = Path(settings.BASE_DIR)
    if roots is None:
        roots = [base / name for name in ("templates", "locale", "rescue_restore", *settings.PROJECT_APPS)]
    digest = hashlib.sha256()
    paths = [path for root in roots for path in root.rglob("*") if path.suffix in FINGERPRINTED_SUFFIXES]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for path in [*sorted(paths), manifest]:
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def release() -> str:
    """What renders the pages: ``settings.RELEASE``, else the code fingerprint (computed once a process)."""
    if settings.RELEASE:
        return str(settings.RELEASE)
    if not _fingerprint:
        _fingerprint.append(code_fingerprint())
    return _fingerprint[0]


# The middleware after this one that puts a per-visit value on every answer, in ``MIDDLEWARE`` order:
# their request steps run before an answer from the cache is made, their response steps after it.
# The rest (CommonMiddleware, sign-in, second factor, staff sessions, messages, history, the
# clickjacking header, lockout) adds nothing per visit to a page a visitor who is not signed in gets:
# what it adds to every page (X-Frame-Options, Content-Language, Vary) is stored with the page.
# LocaleMiddleware is not one of them: the page's language is the key's, which the page cache
# activates itself (for the fragments), and the headers it adds are stored with the page.
VISIT_STEPS = (
    "rescue_restore.web.sessions.SessionMiddleware",  # a stale session cookie is deleted; Vary: Cookie
    "django.middleware.csrf.CsrfViewMiddleware",  # the visitor's CSRF secret; the cookie when it is new
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # the nonce, in the page and the header
)


class VisitStep(Protocol):
    """A middleware's own request and response steps (Django's ``MiddlewareMixin`` hooks)."""

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None: ...

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase: ...


def _visit_steps() -> list[VisitStep]:
    """``VISIT_STEPS`` that ``settings.MIDDLEWARE`` holds, made once per middleware chain."""
    return [import_string(name)(_never_called) for name in settings.MIDDLEWARE if name in VISIT_STEPS]


def _never_called(request: HttpRequest) -> HttpResponseBase:
    raise AssertionError("a visit step is only asked for its request and response steps")


def _may_use_cache(request: HttpRequest, session_step: VisitStep | None) -> bool:
    """Whether the request may be answered from (and stored in) the cache at all."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path_info
    never = never_cached_paths()  # an app's pagecache.NEVER_CACHED_PATHS, in any language (/es/…)
    if never and (path.startswith(never) or f"/{path.lstrip('/').partition('/')[2]}".startswith(never)):
        return False
    cookies = request.COOKIES
    if cookies.get("messages"):
        return False
    if len(request.get_full_path()) > MAX_KEYED_PATH:
        return False
    return not cookies.get(settings.SESSION_COOKIE_NAME) or _shared_pages_are_right_for(request, session_step)


def _shared_pages_are_right_for(request: HttpRequest, session_step: VisitStep | None) -> bool:
    """A visitor with a session: holding only what fragments show (the order list), so not signed in.

    The session is opened here, once for the request: the session middleware keeps it
    (``rescue_restore.web.sessions.SessionMiddleware``), and a signed-in user's session holds the
    sign-in's own keys, which no app declares.
    """
    if session_step is None:
        return False
    session_step.process_request(request)
    return set(request.session.keys()) <= _per_visitor_declarations()["session_keys"]


def _shows_the_session(view: str | None) -> bool:
    """Whether the view shows what a session holds (an app's ``SESSION_PAGES``: the order form)."""
    return view in _per_visitor_declarations()["session_pages"]


def _right_for(request: HttpRequest, entry: Entry) -> bool:
    """A page that shows what a session holds is never the stored one for a session: its variant is."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES or not _shows_the_session(entry.get("view"))


def _session_variant_key(request: HttpRequest, key: str) -> str | None:
    """``key`` for this session's content: the key of a page that shows it (``SESSION_PAGES``), or None.

    Only a visitor whose session the cache may serve (``_may_use_cache`` opened it and found only
    what apps declare, ``SESSION_KEYS``) and that holds something has one. The digest is of those
    values alone (the order list: edition ids and copies), so two visitors with the same list share
    the page, as two visitors without one share the empty form; what is personal to a visit (the
    CSRF token, the form's start time and one-time token) is cut out as on every stored page.
    """
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    held = [[name, session[name]] for name in sorted(_per_visitor_declarations()["session_keys"]) if name in session]
    if not held:
        return None
    content = json.dumps(held, separators=(",", ":"), default=str)
    return f"{key}:session:{hashlib.sha256(content.encode()).hexdigest()}"


def _stored_at_first_ask(request: HttpRequest, store_key: str, key: str) -> bool:
    """Whether this answer is stored the first time it is rendered (else the second: ``_asked_for_before``).

    Anyone can make new addresses at will: a query string no view reads (``?utm_x=1``, ``?x=2``…),
    new search words, a new order list (a session variant). Stored at once, each would cost Redis a
    whole page for ``TIMEOUT`` (a catalog page is about 80 kB there), so a stranger asking for made-up
    addresses could fill the server's memory (docs/performance.md, "Made-up addresses"). Pages whose
    address has no query string are as many as the site's content, and are stored at once.
    """
    return store_key == key and not request.META.get("QUERY_STRING")


def _asked_for_before(cache: BaseCache, store_key: str) -> bool:
    """Whether this address or session variant was rendered before, within ``TIMEOUT``; it is stored only then.

    A page is kept only for an address or an order list that comes back: a visitor making new ones
    one after another (hostile or not) costs the cache a small marker each, not a page.
    """
    try:
        return not cache.add(f"{store_key}:asked", 1, TIMEOUT)
    except Exception as error:  # Redis went down during the request: the answer still goes out
        shared_cache_failed(error)
        return False


def _lookup(cache: BaseCache, key: str) -> Entry | None:
    """The stored page for ``key``: this process's copy, else the shared one (then kept here too)."""
    entry = _recall(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            _remember(key, entry)
    return entry


def _admin_object_form(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None or "admin" not in match.namespaces:
        return False
    return (match.url_name or "").endswith(("_add", "_change", "_delete")) or match.view_name in signalled_admin_views()


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _language(request: HttpRequest) -> str:
    """The page's language, chosen as ``LocaleMiddleware`` will choose it (``_storable`` checks it did).

    The site's addresses (``i18n_patterns`` without a prefix for English) decide it alone; the
    visitor's cookie or Accept-Language only where no pattern has a language prefix.
    """
    from_path = get_language_from_path(request.path_info)
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    patterns_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    if patterns_used and (from_path or not prefixed_default):
        return from_path or settings.LANGUAGE_CODE
    return get_language_from_request(request, check_path=patterns_used)


def _key(request: HttpRequest, language: str) -> str:
    address = f"{language}|{request.get_host()}|{request.get_full_path()}"
    return f"pagecache:{release()}:{hashlib.sha256(address.encode()).hexdigest()}"


def _cache_control(response: HttpResponseBase) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in _COMMA.split(response.get("Cache-Control", ""))}


def _where_to_store(
    request: HttpRequest, response: HttpResponseBase, language: str, key: str, variant: str | None
) -> str | None:
    """The key to store this answer under: the page's, its session variant's (``_session_variant_key``), or None."""
    if not _storable(request, response, language):
        return None
    session = getattr(request, "session", None)
    # The sign-in middleware looks at the session on every request. Only a session with something
    # in it makes the answer personal: pages are stored from visitors with an empty session, and
    # served to the others through their fragments (_may_use_cache); a page that shows what the
    # session holds is stored for that content alone.
    if session is None or not session.accessed or session.is_empty():
        return key
    view = request.resolver_match.view_name if request.resolver_match else None
    return variant if variant is not None and _shows_the_session(view) else None


def _storable(request: HttpRequest, response: HttpResponseBase, language: str) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME} or get_language() != language:
        return False  # the CSRF cookie is the visitor's own, set again on an answer from the cache
    if not response.get("Content-Type", "").startswith("text/html") or response.has_header("Content-Encoding"):
        return False
    match = request.resolver_match
    if match is None or any("token" in name for name in match.kwargs):
        return False
    form_page = match.view_name in form_pages()
    if _cache_control(response) & {"private", "no-cache", "no-store"} and not form_page:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not form_page:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # the view wrote to the session: what it answered is this visit's
    storage = getattr(request, "_messages", None)
    return not (storage is not None and (storage.used or storage.added_new or storage._queued_messages))


def _cut(request: HttpRequest, body: bytes) -> tuple[list[bytes], list[str], list[int]] | None:
    """Split the body at every per-visit value: ``(texts, slot names, value lengths)``, or None if it would leak."""
    nonce = getattr(request, "_csp_nonce", None)
    nonce = str(nonce) if nonce is not None and nonce else None
    fragments = _per_visitor_declarations()["fragments"]
    cuts: list[tuple[int, int, str]] = []  # (start, end, slot name) of every per-visit value, in page order
    for match in _FRAGMENT.finditer(body):
        if match.group(1).decode() not in fragments:
            return None
        cuts.append((match.start(2), match.end(2), _FRAGMENT_SLOT + match.group(1).decode()))
    for match in _FIELD_VALUE.finditer(body):
        if not any(start <= match.start() < end for start, end, _name in cuts):
            cuts.append((match.start(2), match.end(2), match.group(1).decode()))
    texts: list[bytes] = []
    slots: list[str] = []
    lengths: list[int] = []
    start = 0
    for cut_start, cut_end, name in sorted(cuts):
        texts.append(body[start:cut_start])
        slots.append(name)
        lengths.append(cut_end - cut_start)
        start = cut_end
    texts.append(body[start:])
    if nonce:
        pieces: list[bytes] = []
        names: list[str] = []
        sizes: list[int] = []
        for index, text in enumerate(texts):
            parts = text.split(nonce.encode())
            for position, part in enumerate(parts):
                pieces.append(part)
                if position < len(parts) - 1:
                    names.append(_NONCE)
                    sizes.append(len(nonce))
            if index < len(slots):
                names.append(slots[index])
                sizes.append(lengths[index])
        texts, slots, lengths = pieces, names, sizes
    csrf_secret = request.META.get("CSRF_COOKIE")
    if csrf_secret and any(csrf_secret.encode() in text for text in texts):
        return None
    if sum(text.count(b"csrfmiddlewaretoken") for text in texts) != slots.count("csrfmiddlewaretoken"):
        return None  # a token left in the stored text (fragments, made per answer, may hold their own)
    return texts, slots, lengths


def _recall(key: str) -> Entry | None:
    remembered = _local.get(key)
    if remembered is None or remembered[0] < time.monotonic():
        return None
    return remembered[1]


def _remember(key: str, entry: Entry) -> None:
    # Pages that change with the date alone (a material published today) expire like the shared copy.
    _local[key] = (time.monotonic() + TIMEOUT, entry)
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _compress(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Gzip an HTML answer in place when the client accepts it (never for signed-in users)."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if (
        response.streaming
        or not isinstance(response, HttpResponse)
        or response.has_header("Content-Encoding")
        or not response.get("Content-Type", "").startswith("text/html")
        or len(response.content) < MIN_COMPRESS_BYTES
        or not _accepts_gzip(request)
        or _signed_in(request)
    ):
        return response
    response.content = gzip_pieces([(deflate(response.content), response.content)], [])
    response["Content-Length"] = str(len(response.content))
    response["Content-Encoding"] = "gzip"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.visit_steps = _visit_steps()
        self.session_step = next((step for step in self.visit_steps if isinstance(step, SessionMiddleware)), None)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE_ENABLED:
            return _compress(request, self.get_response(request))
        if not _may_use_cache(request, self.session_step):
            response = self.get_response(request)
            # A staff POST may change rows without signals (bulk actions); the admin's own add, change
            # and delete forms save through the models, whose signals say what changed.
            staff_post = request.method == "POST" and response.status_code < 400 and _signed_in(request)
            if staff_post and not _admin_object_form(request):
                bump_version()
            return _compress(request, response)
        if not shared_cache_usable():  # Redis failed a moment ago: do not wait for it on every request
            return _compress(request, self.get_response(request))
        cache = _cache()
        try:
            _make_pending()
            language = _language(request)
            key = _key(request, language)
            entry = _lookup(cache, key)
            if entry is not None and _still_fresh(cache, entry) and _right_for(request, entry):
                return self._answer_with_visit_steps(request, entry, language)
            # A page that shows the session's content (the order form) is stored per content: a
            # visitor coming back to the same list gets it from the cache too. Other pages (a shared
            # entry that does not show the session) have no variant to look for.
            variant = None
            if entry is None or _shows_the_session(entry.get("view")):
                variant = _session_variant_key(request, key)
            if variant is not None:
                entry = _lookup(cache, variant)
                if entry is not None and _still_fresh(cache, entry) and _shows_the_session(entry.get("view")):
                    return self._answer_with_visit_steps(request, entry, language)
            generation = cache.get(GENERATION_KEY)
        except Exception as error:  # Redis down: answer without the cache, never fail the page
            shared_cache_failed(error)
            return _compress(request, self.get_response(request))
        tags, token = page_dependencies.collecting()
        try:
            response = self.get_response(request)
        finally:
            page_dependencies.stop_collecting(token)
        store_key = _where_to_store(request, response, language, key, variant)
        # An address with a query string, or a session variant, is stored the second time it is
        # asked for (_stored_at_first_ask, _asked_for_before).
        if (
            isinstance(response, HttpResponse)
            and store_key is not None
            and shared_cache_usable()
            and (_stored_at_first_ask(request, store_key, key) or _asked_for_before(cache, store_key))
        ):
            cut = _cut(request, response.content)
            if cut is not None:
                self._store(cache, store_key, self._entry(request, response, *cut), tags, generation)
        return _compress(request, response)

    def _store(self, cache: BaseCache, key: str, entry: Entry, tags: Iterable[str], generation: str | None) -> None:
        try:
            keys = [_tag_key(tag) for tag in tags]
            found = cache.get_many([GENERATION_KEY, *keys])
            if found.get(GENERATION_KEY) != generation:
                return  # something changed while the page was rendered: it may show the rows as they were
            entry["tags"] = {tag: found.get(_tag_key(tag)) for tag in tags}
            cache.set(key, entry, TIMEOUT)
            _remember(key, entry)
        except Exception as error:  # went down during the request: the answer still goes out
            shared_cache_failed(error)

    def _entry(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        texts: list[bytes],
        slots: list[str],
        lengths: list[int],
    ) -> Entry:
        stream = compressed_for_answers(texts, slots, lengths)
        has_fragments = any(slot.startswith(_FRAGMENT_SLOT) for slot in slots)
        stream_without_fragments = compressed_for_answers(texts, slots, lengths, True) if has_fragments else None
        headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS]
        patch_vary_headers(response, ("Accept-Encoding",))  # as _compress does; set whole on every answer
        vary = response["Vary"]
        return {
            "view": request.resolver_match.view_name if request.resolver_match else "",
            "headers": headers,
            "vary": vary,
            "texts": texts,
            "stream": stream,
            "stream_without_fragments": stream_without_fragments,
            "compressed": None if stream else [deflate(text) for text in texts],  # the pieces apart
            "slots": slots,
            "lengths": lengths,
        }

    def _answer_with_visit_steps(self, request: HttpRequest, entry: Entry, language: str) -> HttpResponseBase:
        activate(language)
        for step in self.visit_steps:
            step.process_request(request)  # the session's keeps one the cache opened already
        response = self._answer(request, entry)
        for step in reversed(self.visit_steps):
            response = step.process_response(request, response)
        return response

    def _answer(self, request: HttpRequest, entry: Entry) -> HttpResponseBase:
        fresh: dict[str, bytes] = {}
        for slot in entry["slots"]:
            if slot not in fresh:
                if slot == _NONCE:
                    fresh[slot] = str(request._csp_nonce).encode()  # type: ignore[attr-defined]  # the CSP middleware's
                elif slot.startswith(_FRAGMENT_SLOT):
                    name = slot.removeprefix(_FRAGMENT_SLOT)
                    fresh[slot] = _per_visitor_declarations()["fragments"][name](request).encode()
                else:
                    fresh[slot] = PER_VISIT_FIELDS[slot](request).encode()
        values = [fresh[slot] for slot in entry["slots"]]
        response = HttpResponse(status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["Vary"] = entry["vary"]
        if "Expires" in response:
            # Django makes Expires from max-age at the answer's time (never_cache: now), so it is
            # made again here rather than sent as it was when the page was stored.
            max_age = get_max_age(response)
            if max_age is not None:
                response["Expires"] = http_date(time.time() + max_age)
        plain_size = sum(len(text) for text in entry["texts"]) + sum(len(value) for value in values)
        if _accepts_gzip(request) and plain_size >= MIN_COMPRESS_BYTES:
            body = entry.get("gzip_body")  # kept on the process's own copy of the entry
            same_lengths = all(
                len(value) == length or slot.startswith(_FRAGMENT_SLOT)
                for slot, value, length in zip(entry["slots"], values, entry["lengths"], strict=True)
            )
            if not same_lengths:  # a value of another length than the stored page's: compress it all
                plain = joined(entry["texts"], values)
                body = gzip_pieces([(deflate(plain), plain)], [])
            elif body is None and (stream := entry.get("stream")):
                chunks, spliced = stream
                empty = all(
                    value == b""
                    for slot, value in zip(entry["slots"], values, strict=True)
                    if slot.startswith(_FRAGMENT_SLOT)
                )
                if empty and (bare := entry.get("stream_without_fragments")):
                    chunks, spliced = bare
                header = gzip_header() if values else PLAIN_GZIP_HEADER
                body = spliced_body(chunks, spliced, entry["texts"], values, header)
                if not values:
                    entry["gzip_body"] = body
            elif body is None:
                pieces = list(zip(entry["compressed"] or [], entry["texts"], strict=True))
                if values:
                    body = gzip_pieces(pieces, values)
                else:
                    body = entry["gzip_body"] = gzip_pieces(pieces, [], header=PLAIN_GZIP_HEADER)
            response["Content-Encoding"] = "gzip"
        else:
            body = joined(entry["texts"], values)
        response.content = b"" if request.method == "HEAD" else body
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        return response
