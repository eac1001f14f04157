"""Project-wide pages: search, robots.txt, security.txt and the error pages."""

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from rescue_restore.search import clean_query, search_site


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = search_site(query) if query else []
    return render(request, "search.html", {"query": query, "results": results})


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    body = render_to_string("robots.txt", {"site_url": settings.SITE_URL})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def security_txt(request):
    body = render_to_string("security.txt", {"site_url": settings.SITE_URL})
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
    # No request context processors beyond the basics: the error may come
    # from the very code they would call.
    return HttpResponse(
        render_to_string(
            "errors/500.html", {"hotline_number": settings.HOTLINE_NUMBER, "hotline_tel": settings.HOTLINE_TEL}
        ),
        status=500,
    )
