"""What wraps every request and response: middleware, headers, form defences, the page cache.

``requestlog``: a request id on every log line and response; JSON logs.
``headers``: Permissions-Policy (Django sets the other security headers).
``antiabuse``: honeypot, signed start time, rate limits, the client address and scheme.
``form_clock``: the signed start time a public form carries (made by antiabuse and the page cache).
``cache_health``: whether to try Redis now; one back-off for the rate limiter and the page cache.
``privacy``: the decorator for pages that show personal data.
``context_processors``: values every template needs.
``pagecache`` (the middleware), ``pagecache_tags`` (invalidation), ``pagecache_gzip``
(compression), ``page_dependencies`` (what the page being rendered shows): the whole-page
cache for anonymous visitors (docs/performance.md). Each app declares what the cache must
know about it in its own ``<app>/pagecache.py``.
"""
