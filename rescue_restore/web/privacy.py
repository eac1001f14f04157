"""The one decorator for pages that show personal data or carry a personal token.

A preferences link, an order's status link or a re-verification link is the
only key to what it opens, so neither a shared cache nor a search engine may
keep it: every such response (error pages and 429s included) is
``Cache-Control: no-store, private``, ``X-Robots-Tag: noindex, nofollow`` and
``Referrer-Policy: same-origin``, so the address (and its token) is never sent
to another site as a Referer. Not ``no-referrer``: browsers then send
``Origin: null`` with the page's own form posts, and Django's CSRF check
rightly refuses them.
"""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers, patch_cache_control

ROBOTS = "noindex, nofollow"


def personal_page[**P](
    view: Callable[Concatenate[HttpRequest, P], HttpResponseBase],
) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    """Mark a view's every response as private, never stored and never indexed."""

    @wraps(view)
    def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        response["X-Robots-Tag"] = ROBOTS
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped
