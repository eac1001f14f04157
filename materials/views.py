"""Catalog, material pages, the order form and the requester's private status page."""

import re

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from materials import services
from materials.forms import CatalogFilterForm, OrderForm
from materials.models import Audience, Edition, Material, Order
from rescue_restore.antiabuse import rate_limit
from rescue_restore.privacy import personal_page

PAGE_SIZE = 12
MAX_LISTED_EDITIONS = 300
# What a status token (secrets.token_urlsafe) and an item code can look like. Anything else
# is a 404 before the database sees it: PostgreSQL refuses a NUL in a query parameter (500).
STATUS_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
ITEM_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,39}")


def _catalog_queryset(filters):
    materials = Material.objects.published()
    if "q" in filters:
        materials = materials.matching(filters["q"])
    if "audience" in filters:
        materials = materials.filter(audiences__slug=filters["audience"])
    if "kind" in filters:
        materials = materials.filter(kind=filters["kind"])
    if "language" in filters:
        materials = materials.filter(editions__language=filters["language"])
    return (
        materials.distinct()
        .order_by("title", "pk")
        .prefetch_related(
            Prefetch("editions", queryset=Edition.objects.order_by("language")),
            Prefetch("audiences", queryset=Audience.objects.order_by("order", "name")),
        )
    )


@require_safe
def catalog(request):
    audiences = list(Audience.objects.all())
    form = CatalogFilterForm(request.GET, audiences)
    filters = form.filters()
    paginator = Paginator(_catalog_queryset(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "materials/catalog.html",
        {"form": form, "filters": filters, "page": page, "audiences": audiences, "paginator": paginator},
    )


@require_safe
def detail(request, slug):
    material = get_object_or_404(
        Material.objects.published().prefetch_related(
            Prefetch("editions", queryset=Edition.objects.order_by("language")), "audiences"
        ),
        slug=slug,
    )
    return render(request, "materials/detail.html", {"material": material})


_QUANTITY_KEY = re.compile(r"qty_([0-9]{1,11})")


def _posted_quantities(request):
    """{edition id: True if a quantity other than 0 was typed} for the ``qty_<id>`` keys posted."""
    posted = {}
    for key in request.POST:
        match = _QUANTITY_KEY.fullmatch(key)
        if match:
            posted[int(match[1])] = any(value.strip() not in ("", "0") for value in request.POST.getlist(key))
    return posted


def _order_editions(request, prefill):
    """The editions the form lists, and the ids of those among them no longer orderable.

    At most MAX_LISTED_EDITIONS orderable editions, plus any asked for by
    name. A catalog larger than that needs a basket rather than one long
    page; an edition named in ``?item=`` or in the posted quantities is
    always included, so a quantity someone typed is never silently dropped:
    one withdrawn since the form was shown comes back with an error on it.
    """
    orderable = Edition.objects.orderable().select_related("material").order_by("material__title", "language", "pk")
    editions = list(orderable[:MAX_LISTED_EDITIONS])
    listed_ids = {edition.pk for edition in editions}
    listed_codes = {edition.item_code for edition in editions}
    posted = _posted_quantities(request)
    missing_ids, missing_codes = set(posted) - listed_ids, prefill - listed_codes
    withdrawn = []
    if missing_ids or missing_codes:
        extra = list(orderable.filter(Q(pk__in=list(missing_ids)[:500]) | Q(item_code__in=missing_codes)))
        listed_ids |= {edition.pk for edition in extra}
        asked_for = [pk for pk in missing_ids - listed_ids if posted[pk]][:500]
        withdrawn = list(Edition.objects.select_related("material").filter(pk__in=asked_for)) if asked_for else []
        editions = sorted([*editions, *extra, *withdrawn], key=lambda e: (e.material.title, e.language, e.pk))
    return editions, {edition.pk for edition in withdrawn}


def _order_form(request):
    prefill = {code for code in request.GET.getlist("item")[:50] if ITEM_CODE.fullmatch(code)}
    editions, withdrawn = _order_editions(request, prefill)
    return OrderForm(
        request.POST if request.method == "POST" else None, editions=editions, prefill=prefill, withdrawn=withdrawn
    )


def _earlier_order(request):
    """A repeat of a submission that placed its order shows that order, even over the rate limit."""
    order = services.find_resubmission(request.POST.get("submission_token"), request.POST.get("email"))
    return redirect("materials:order_confirmation", token=order.status_token) if order else None


@require_http_methods(["GET", "HEAD", "POST"])
@personal_page
@rate_limit("materials-order", rate="10/h", replay=_earlier_order)
@never_cache
def order(request):
    form = _order_form(request)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and not form.is_valid():
        # A repeat of a submission that already placed its order (double click, back and
        # re-submit, retry) can fail the stock check because its own first request took the
        # copies: answer with that order's confirmation, as place_order does for a valid repeat.
        resubmitted = services.find_resubmission(request.POST.get("submission_token"), request.POST.get("email"))
        if resubmitted is not None:
            return redirect("materials:order_confirmation", token=resubmitted.status_token)
    elif request.method == "POST":
        try:
            placed = services.place_order(form.details(), form.quantities(), form.cleaned_data["submission_token"])
        except services.OrderRefusedError as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            status = 409
        except services.SubmissionTokenReusedError:
            form.add_error(None, "This form was already used for another order. Reload the page to start a new one.")
        else:
            return redirect("materials:order_confirmation", token=placed.order.status_token)
    return render(request, "materials/order.html", {"form": form}, status=status)


def _order_by_token(token):
    if not STATUS_TOKEN.fullmatch(token):
        raise Http404("No such order")
    return get_object_or_404(Order, status_token=token)


def _order_context(order):
    items = order.items.select_related("edition__material").order_by("edition__material__title", "edition__language")
    return {"order": order, "items": items}


def _private(response):
    # The token is the only key to these pages: keep them out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@personal_page
@never_cache
def order_confirmation(request, token):
    order = _order_by_token(token)
    return _private(render(request, "materials/order_confirmation.html", _order_context(order)))


@require_safe
@personal_page
@never_cache
def order_status(request, token):
    order = _order_by_token(token)
    return _private(render(request, "materials/order_status.html", _order_context(order)))


def _published_edition(item_code):
    if not ITEM_CODE.fullmatch(item_code):
        raise Http404("No such item")
    edition = get_object_or_404(Edition.objects.select_related("material"), item_code=item_code)
    if not Material.objects.published().filter(pk=edition.material_id).exists():
        raise Http404("No such material")
    return edition


@require_safe
@cache_control(max_age=3600, public=True)
def cover_thumbnail(request, item_code):
    """The cover thumbnail, read from the media storage whatever backend it is."""
    edition = _published_edition(item_code)
    if not edition.cover_thumbnail:
        raise Http404("No cover")
    return FileResponse(edition.cover_thumbnail.open("rb"), content_type="image/jpeg")


@require_safe
@cache_control(max_age=3600, public=True)
def pdf(request, item_code):
    edition = _published_edition(item_code)
    if not edition.pdf:
        raise Http404("No PDF")
    return FileResponse(
        edition.pdf.open("rb"), content_type="application/pdf", filename=f"{edition.item_code}.pdf", as_attachment=True
    )
