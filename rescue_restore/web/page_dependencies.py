"""What the page being rendered shows, for the page cache's invalidation (rescue_restore.web.pagecache).

A page depends on *tags*: ``"site"`` (every page), an app's label (the pages that
show that app's shared content: lists, search results, related items) and finer
tags an app names itself (``"materials.availability:12"``). Code that reads
something onto a page says so with ``depends_on(...)``; outside a request the page
cache may store, it does nothing. Each app's ``pagecache.py`` says which tags a
save of its rows makes stale.
"""

from contextvars import ContextVar, Token

SITE = "site"
_collected: ContextVar[set[str] | None] = ContextVar("page_dependencies", default=None)


def depends_on(*tags: str) -> None:
    """Record that the page being rendered shows what ``tags`` name."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def collecting() -> tuple[set[str], Token[set[str] | None]]:
    """Start collecting for one request: returns ``(tags set, reset token)``."""
    tags: set[str] = {SITE}
    return tags, _collected.set(tags)


def stop_collecting(token: Token[set[str] | None]) -> None:
    _collected.reset(token)
