"""Invalidation by what changed, for the page cache (rescue_restore.web.pagecache).

Every stored page carries the tags of what it shows (rescue_restore.web.page_dependencies) with the
version each had when it was rendered. A save or delete of a project app's row asks that app's
``pagecache.py`` which tags it makes stale (``stale_tags``; a model it does not name makes every
page stale) and gives those tags new versions. Each app's module also declares the pages that
may be stored with a form (``FORM_PAGES``) and what is made per visitor (``FRAGMENTS``,
``SESSION_KEYS``, ``SESSION_PAGES``). docs/performance.md has the table of what stales what.
"""

import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, TypedDict

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.http import HttpRequest

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.web.cache_health import shared_cache_failed, shared_cache_usable
from rescue_restore.web.page_dependencies import SITE

CACHE_ALIAS = "default"
# A random value changed by every invalidation: a page rendered while one happened is not stored.
GENERATION_KEY = "pagecache:generation"
TAG_KEY_PREFIX = "pagecache:tag:"
# How long a process trusts the tag versions it read before asking Redis again. That read was a
# fifth of the cost of an answer from the cache. A change gives its tags new versions at once in
# the process that made it (the staff member's own next page is fresh wherever it is served from
# that process); the site's other processes follow within this time.
VERSION_RECHECK_SECONDS = 1.0
_tag_versions: dict[str, tuple[str | None, float]] = {}  # tag -> (version, trusted until)
# Tags whose invalidation could not reach Redis: made at the next chance (see invalidate).
_pending: set[str] = set()


def _cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def _tag_key(tag: str) -> str:
    return TAG_KEY_PREFIX + tag


def invalidate(tags: Iterable[str]) -> None:
    """Make every stored page that shows any of ``tags`` stale, in every process.

    Each tag gets a new random version (and so does the generation, in the same
    Redis transaction): this process sees it at once, the others within
    ``VERSION_RECHECK_SECONDS``. With the shared cache unreachable pages are not
    cached at all (the middleware skips it), so there is nothing stale to serve now;
    the invalidation is remembered and made when Redis answers again, before this
    process serves anything from it. The change that caused it goes on either way.
    """
    tags = set(tags)
    if not tags:
        return
    version = secrets.token_hex(8)
    until = time.monotonic() + VERSION_RECHECK_SECONDS
    for tag in tags:
        _tag_versions[tag] = (version, until)
    if not shared_cache_usable():
        _pending.update(tags)
        return
    try:
        _cache().set_many({GENERATION_KEY: version, **{_tag_key(tag): version for tag in tags}}, None)
        _pending.difference_update(tags)
    except Exception as error:  # Redis down: never let a cache stop a change
        _pending.update(tags)
        shared_cache_failed(error)


def bump_version(**_signal_arguments: object) -> None:
    """Make every stored page stale."""
    invalidate({SITE})


_declarations: dict[str, ModuleType | None] = {}


def declarations() -> dict[str, ModuleType | None]:
    """``{app label: its pagecache module}`` for the project apps that have one (read once)."""
    if not _declarations:
        _declarations.update(app_modules("pagecache"))
        _declarations.setdefault("", None)  # read, even when no app declares anything
    return _declarations


_form_pages: set[str] = set()


def form_pages() -> set[str]:
    """URL names of pages that may be stored with a CSRF token in them (cut out, put back per visitor)."""
    if not _form_pages:
        _form_pages.update(
            name for module in declarations().values() if module is not None for name in module.FORM_PAGES
        )
        _form_pages.add("")  # read, even when no app declares a form page
    return _form_pages


def _declared(attribute: str) -> dict[str, Any]:
    """Everything the apps' pagecache modules declare under ``attribute`` (a set or a dict), merged."""
    merged: dict[str, Any] = {}
    for module in declarations().values():
        value = getattr(module, attribute, None) or {}
        merged.update(value if isinstance(value, dict) else dict.fromkeys(value))
    return merged


class _PerVisitor(TypedDict, total=False):
    fragments: dict[str, Callable[[HttpRequest], str]]
    session_keys: set[str]
    session_pages: set[str]
    never_cached_paths: tuple[str, ...]


_per_visitor: _PerVisitor = {}


def _per_visitor_declarations() -> _PerVisitor:
    if not _per_visitor:
        _per_visitor.update(
            _PerVisitor(
                fragments=_declared("FRAGMENTS"),
                session_keys=set(_declared("SESSION_KEYS")),
                session_pages=set(_declared("SESSION_PAGES")),
                never_cached_paths=tuple(_declared("NEVER_CACHED_PATHS")),
            )
        )
    return _per_visitor


def never_cached_paths() -> tuple[str, ...]:
    """Address prefixes (without a language prefix) the apps say must never be looked up or stored."""
    return _per_visitor_declarations()["never_cached_paths"]


_signalled_admin_views: set[str] = set()


def signalled_admin_views() -> set[str]:
    """Admin URL names (``admin:…``) whose POSTs change rows only through model saves (an app's
    ``pagecache.SIGNALLED_ADMIN_VIEWS``): their signals say what is stale, as for the admin's own forms."""
    if not _signalled_admin_views:
        _signalled_admin_views.update(_declared("SIGNALLED_ADMIN_VIEWS"))
        _signalled_admin_views.add("")  # read, even when no app declares one
    return _signalled_admin_views


def fragment_markup(name: str, request: HttpRequest | None) -> str:
    """The fragment ``name`` for this request, between the markers the cache cuts at."""
    make = _per_visitor_declarations()["fragments"][name]
    html = make(request) if request is not None else ""
    return f"<!--rr-fragment:{name}-->{html}<!--/rr-fragment-->"


def stale_tags_for(instance: Model, update_fields: Iterable[str] | None = None) -> set[str]:
    """The tags a save or delete of ``instance`` makes stale: what its app declares, else every page."""
    module = declarations().get(instance._meta.app_label)
    declared = getattr(module, "stale_tags", None)
    tags = declared(instance, update_fields) if declared is not None else None
    return {SITE} if tags is None else set(tags)


_awaiting_commit = threading.local()


def content_changed(
    sender: type[Model], instance: Model | None = None, update_fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    if sender._meta.app_label not in settings.PROJECT_APPS or instance is None:
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed is sent before and after
        return
    tags = stale_tags_for(instance, update_fields)
    if not tags:
        return
    invalidate(tags)
    connection = transaction.get_connection(kwargs.get("using"))
    if connection.in_atomic_block:
        _again_after_commit(connection, tags)


def _again_after_commit(connection: BaseDatabaseWrapper, tags: set[str]) -> None:
    """Invalidate ``tags`` again once the transaction commits: one callback per transaction.

    A page another process renders from the rows as they were before the commit, after the
    invalidation made now, is then not served either.
    """
    outermost = connection.atomic_blocks[0]
    waiting = getattr(_awaiting_commit, "waiting", None)
    if waiting is None or waiting[0] is not outermost:  # a new transaction (an earlier one may have rolled back)
        waiting = _awaiting_commit.waiting = (outermost, set[str]())
        tags_waiting = waiting[1]

        def after_commit() -> None:
            if getattr(_awaiting_commit, "waiting", None) is waiting:
                _awaiting_commit.waiting = None
            invalidate(tags_waiting)

        transaction.on_commit(after_commit, using=connection.alias)
    waiting[1].update(tags)


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"rescue_restore.web.pagecache.{signal!r}")


def _make_pending() -> None:
    if _pending:
        invalidate(set(_pending))


def _current_versions(cache: BaseCache, tags: Iterable[str]) -> dict[str, str | None]:
    """``{tag: version}``, from this process's trusted copies where it has them, else one Redis read."""
    now = time.monotonic()
    unknown = [tag for tag in tags if (known := _tag_versions.get(tag)) is None or known[1] <= now]
    if unknown:
        found = cache.get_many([_tag_key(tag) for tag in unknown])
        until = now + VERSION_RECHECK_SECONDS
        for tag in unknown:
            _tag_versions[tag] = (found.get(_tag_key(tag)), until)
    return {tag: _tag_versions[tag][0] for tag in tags}


def _still_fresh(cache: BaseCache, entry: Mapping[str, Any]) -> bool:
    versions: dict[str, str | None] = entry["tags"]
    return _current_versions(cache, versions) == versions
