"""Whether this process should try the shared cache (Redis) now, or leave it alone for a while.

The rate limiter (rescue_restore.web.antiabuse) and the page cache (rescue_restore.web.pagecache
and pagecache_tags) both use the shared cache and both keep working without it. The first failure
to reach it, met by either, makes both leave it alone for ``SHARED_CACHE_RETRY_SECONDS`` in this
process: a Redis that does not answer costs one socket timeout per interval, not one per request.
"""

import logging
import time

logger = logging.getLogger(__name__)

# After a failure the shared cache is left alone this long.
SHARED_CACHE_RETRY_SECONDS = 30
_state = {"shared_down_until": 0.0, "warned_at": -60.0}


def reset() -> None:
    """Forget that the shared cache was down (for tests)."""
    _state.update(shared_down_until=0.0, warned_at=-60.0)


def shared_cache_usable() -> bool:
    """False for ``SHARED_CACHE_RETRY_SECONDS`` after anything failed to reach the shared cache."""
    return time.monotonic() >= _state["shared_down_until"]


def shared_cache_failed(error: BaseException) -> None:
    """Record that the shared cache did not answer: every user of it leaves it alone for a while."""
    now = time.monotonic()
    _state["shared_down_until"] = now + SHARED_CACHE_RETRY_SECONDS
    if now - _state["warned_at"] >= 60:  # once a minute per process
        _state["warned_at"] = now
        logger.warning(
            "The shared cache is unreachable (%s): for %d s rate limits count per process and pages are not cached",
            error,
            SHARED_CACHE_RETRY_SECONDS,
        )
