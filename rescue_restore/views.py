"""Project-wide pages: search, robots.txt, security.txt and the error pages."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from rescue_restore.site_search.search import search_site
from rescue_restore.web.context_processors import site as site_context


@require_safe
def search(request):
    outcome = search_site(request.GET.get("q", ""))
    context = {
        "query": outcome.query,
        "results": outcome.results,
        "suggestion": outcome.suggestion,
        "suggestion_url": f"{reverse('search')}?{urlencode({'q': outcome.suggestion})}" if outcome.suggestion else "",
        "showing_suggestion": outcome.showing_suggestion,
    }
    return render(request, "search.html", context)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    body = render_to_string("robots.txt", {"site_url": settings.SITE_URL})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def security_txt(request):
    # RFC 9116: Expires is required and should be less than a year ahead.
    expires = (timezone.now() + timedelta(days=364)).replace(microsecond=0)
    body = render_to_string("security.txt", {"site_url": settings.SITE_URL, "expires": expires.isoformat()})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every site; point them at the static file."""
    return HttpResponsePermanentRedirect(static("img/favicons/favicon.ico"))


def csrf_failure(request, reason=""):
    """A form came back without a valid security token (expired page, blocked cookies)."""
    return render(request, "errors/403_csrf.html", status=403)


def permission_denied(request, exception):
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception):
    return render(request, "errors/400.html", status=400)


def page_not_found(request, exception):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Rendered without the request: a broken session, database or context
    # processor must not also break the error page. The page keeps the full
    # chrome (banner, hotline, quick exit, footer) from the site values alone.
    return HttpResponse(render_to_string("errors/500.html", site_context(None)), status=500)
