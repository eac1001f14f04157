"""Catalog, material pages, the order form and the requester's private status page."""

import logging
import re
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from materials import images, services
from materials import order_list as order_list_module
from materials.forms import ORDER_FORM_ID, CatalogFilterForm, OrderForm, OrderListChangeForm
from materials.models import Audience, Edition, Material, Order
from materials.order_list import OrderList
from materials.pagecache import availability
from rescue_restore.ops.retention import retention_cutoff
from rescue_restore.web.antiabuse import rate_limit
from rescue_restore.web.page_dependencies import depends_on
from rescue_restore.web.privacy import personal_page

logger = logging.getLogger(__name__)

PAGE_SIZE = 12
# What a status token (secrets.token_urlsafe) and an item code can look like. Anything else
# is a 404 before the database sees it: PostgreSQL refuses a NUL in a query parameter (500).
# An order's status link expires with its personal details (materials/retention.py closes these).
CLOSED_STATUSES = {Order.Status.SHIPPED, Order.Status.CANCELLED, Order.Status.DECLINED}
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
    # On /es/ the materials with a Spanish edition come first, and each card lists its Spanish edition first.
    return (
        materials.distinct()
        .in_reader_order()
        .prefetch_related(
            Prefetch("editions", queryset=Edition.objects.in_reader_order()),
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
    depends_on("materials", *(availability(material.pk) for material in page.object_list))
    return render(
        request,
        "materials/catalog.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "audiences": audiences,
            "paginator": paginator,
            **_order_list_context(request),
        },
    )


@require_safe
def detail(request, slug):
    material = get_object_or_404(
        Material.objects.published().prefetch_related(
            Prefetch("editions", queryset=Edition.objects.in_reader_order()), "audiences"
        ),
        slug=slug,
    )
    depends_on("materials", availability(material.pk))
    return render(request, "materials/detail.html", {"material": material, **_order_list_context(request)})


def _order_list_context(request):
    """What the "Add to my order" buttons need: which editions are already chosen."""
    chosen = OrderList(request.session).edition_ids()
    return {"chosen_edition_ids": set(chosen), "chosen_count": len(chosen)}


_QUANTITY_KEY = re.compile(r"qty_([0-9]{1,11})")


def _posted_quantities(request: HttpRequest) -> dict[int, bool]:
    """{edition id: True if a quantity other than 0 was typed} for the ``qty_<id>`` keys posted."""
    posted = {}
    for key in request.POST:
        match = _QUANTITY_KEY.fullmatch(key)
        if match:
            posted[int(match[1])] = any(value.strip() not in ("", "0") for value in request.POST.getlist(key))
    return posted


def _order_form(request: HttpRequest, order_list: OrderList) -> OrderForm:
    """The form shown with the visitor's list (a GET); a POST is checked by ``_submit``."""
    # ?item=CODE (an old "Order print copies" link) adds that item to the list.
    for code in request.GET.getlist("item")[:5]:
        if ITEM_CODE.fullmatch(code) and not order_list.is_full():
            edition = order_list_module.addable_editions().filter(item_code=code).first()
            if edition is not None:
                order_list.add(edition.pk)
    editions, withdrawn = order_list_module.form_editions(order_list.edition_ids())
    return OrderForm(editions=editions, withdrawn=withdrawn, initial_quantities=order_list.quantities())


def _resubmission(request: HttpRequest) -> Order | None:
    """The order an earlier request with this POST's submission token placed (None: none, or not this person's).

    The rate limiter's replay and an invalid form ask here; a valid form asks
    nothing (``place_order`` looks only when its transaction fails). Each POST
    takes one of those paths, so it looks once at most.
    """
    try:
        return services.find_resubmission(request.POST.get("submission_token"), request.POST.get("email"))
    except services.SubmissionTokenReusedError:
        return None


def _earlier_order(request: HttpRequest) -> HttpResponse | None:
    """A repeat of a submission that placed its order shows that order, even over the rate limit."""
    order = _resubmission(request)
    return redirect("materials:order_confirmation", token=order.status_token) if order else None


@require_http_methods(["GET", "HEAD", "POST"])
@personal_page
@rate_limit("materials-order", rate="10/h", replay=_earlier_order)
@never_cache
def order(request: HttpRequest) -> HttpResponse:
    order_list = OrderList(request.session)
    if request.method == "POST":
        return _submit(request, order_list)
    form = _order_form(request, order_list)
    # Stored by the page cache for this list's content (SESSION_PAGES): stale when an item's
    # availability or any material changes.
    depends_on("materials", *(availability(edition.material_id) for edition in form.editions))
    return _order_page(request, form, status=200)


def _order_page(request: HttpRequest, form: OrderForm, status: int) -> HttpResponse:
    return render(request, "materials/order.html", {"form": form, "order_form_id": ORDER_FORM_ID}, status=status)


def _submit(request: HttpRequest, order_list: OrderList) -> HttpResponse:
    """Check the posted form against its editions as the order locks them, and place a valid order.

    One read of the editions serves the form's stock checks and the order
    (``services.submit_order``). The visitor's list is emptied in the order's
    own transaction: the session is written once, and an order costs one commit.
    """
    list_ids, posted = order_list.edition_ids(), _posted_quantities(request)
    checked: list[OrderForm] = []  # the form check() builds: the service calls it before anything can fail

    def check(found: dict[int, Edition]) -> services.OrderRequest | None:
        editions, withdrawn = order_list_module.arrange_form_editions(found, list_ids, posted)
        form = OrderForm(request.POST, editions=editions, withdrawn=withdrawn)
        checked.append(form)
        if not form.is_valid():
            return None
        return services.OrderRequest(form.details(), form.quantities(), form.cleaned_data["submission_token"])

    errors: list[str] = []
    try:
        placed = services.submit_order(
            order_list_module.form_candidates(list_ids, posted), check, also=order_list.clear
        )
    except services.OrderRefusedError as refused:
        errors, status = refused.problems, 409
    except services.SubmissionTokenReusedError:
        errors = [gettext("This form was already used for another order. Reload the page to start a new one.")]
        status = 400
    else:
        if placed is not None:
            if not placed.created:
                order_list.clear()  # the first request's order: its transaction emptied the list it saw
            return redirect("materials:order_confirmation", token=placed.order.status_token)
        # A repeat of a submission that already placed its order (double click, back and
        # re-submit, retry) can fail the stock check because its own first request took the
        # copies: answer with that order's confirmation, as submit_order does for a valid repeat.
        resubmitted = _resubmission(request)
        if resubmitted is not None:
            order_list.clear()
            return redirect("materials:order_confirmation", token=resubmitted.status_token)
        status = 400
    [form] = checked
    for error in errors:
        form.add_error(None, error)
    # The list keeps what was typed, so the copies survive the error and a trip to the catalog.
    order_list.update(form.typed_quantities())
    return _order_page(request, form, status=status)


def _safe_next(candidate: str) -> str:
    """A page of this site to return to after changing the list, or the order page."""
    if candidate and candidate.startswith("/") and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None):
        return candidate
    return reverse("materials:order") + "#your-items"


@require_POST
@rate_limit("materials-order-list", rate="300/h")
def order_list_change(request: HttpRequest) -> HttpResponse:
    """The "Add to my order" and "Remove" buttons (plain forms: no JavaScript needed)."""
    form = OrderListChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That item could not be found. Choose it again from the catalog."))
        return redirect(_safe_next(""))
    order_list = OrderList(request.session)
    change = order_list_module.add_item if form.cleaned_data["action"] == "add" else order_list_module.remove_item
    level, text = change(order_list, form.cleaned_data["item"])
    next_url, anchor = form.cleaned_data["next"], f"edition-{form.cleaned_data['item']}"
    at_item = form.cleaned_data["action"] == "add" and level != "error" and next_url.endswith(f"#{anchor}")
    if at_item:
        # "Add to my order" returns to the item itself: its message is shown there, where the visitor
        # is, not at the top of a long page (templates/includes/messages.html).
        messages.add_message(request, getattr(messages, level.upper()), text, extra_tags=anchor)
    else:
        # Any other message is at the top of the page: the view starts there too.
        messages.add_message(request, getattr(messages, level.upper()), text)
        if form.cleaned_data["action"] == "add":
            next_url = next_url.split("#", 1)[0]
    return redirect(_safe_next(next_url))


class _StatusLinkExpired(Exception):  # noqa: N818 (answered by the view with a 410 page)
    pass


def _order_by_token(token: str) -> Order:
    """The order a private status link opens; ``_StatusLinkExpired`` once the order's retention period is over.

    The link lives as long as the order's personal details: when the order has
    been closed (shipped, cancelled, declined) for ``PERSONAL_DATA_RETENTION_MONTHS``
    (or its details were erased) it opens nothing, whether or not the daily
    purge has run yet.
    """
    if not STATUS_TOKEN.fullmatch(token):
        raise Http404("No such order")
    order = get_object_or_404(Order, status_token=token)
    if _status_link_expired(order):
        raise _StatusLinkExpired
    return order


def _status_link_expired(order, now=None):
    if order.personal_data_erased_at is not None:
        return True
    if order.status not in CLOSED_STATUSES:
        return False
    closed_at = order.status_changes.aggregate(last=Max("changed_at"))["last"] or order.updated_at
    return closed_at < retention_cutoff(now or timezone.now())


def _expired_status_link(view):
    @wraps(view)
    def wrapped(request, token):
        try:
            return view(request, token)
        except _StatusLinkExpired:
            return _private(render(request, "materials/order_link_expired.html", status=410))

    return wrapped


def _order_context(order: Order) -> dict[str, Any]:
    items = order.items.select_related("edition__material").order_by("edition__material__title", "edition__language")
    return {"order": order, "items": items}


def _private(response):
    # The token is the only key to these pages: keep them out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@personal_page
@never_cache
@_expired_status_link
def order_confirmation(request: HttpRequest, token: str) -> HttpResponse:
    order = _order_by_token(token)
    return _private(render(request, "materials/order_confirmation.html", _order_context(order)))


@require_safe
@personal_page
@never_cache
@_expired_status_link
def order_status(request: HttpRequest, token: str) -> HttpResponse:
    order = _order_by_token(token)
    return _private(render(request, "materials/order_status.html", _order_context(order)))


def _published_edition(item_code):
    if not ITEM_CODE.fullmatch(item_code):
        raise Http404("No such item")
    edition = get_object_or_404(Edition.objects.select_related("material"), item_code=item_code)
    if not Material.objects.published().filter(pk=edition.material_id).exists():
        raise Http404("No such material")
    return edition


def _open_media(field):
    """The stored file, or a 404 when the row names a file the storage no longer has.

    A missing file (a restore without its media, a bucket emptied by hand) is not the
    visitor's error and not a crash: it answers "not found" and leaves a warning an
    operator can search for. Both storages (disk, S3) raise FileNotFoundError for it.
    """
    try:
        return field.open("rb")
    except FileNotFoundError:
        logger.warning("Media file missing from the storage: %s", field.name)
        raise Http404("No such file") from None


@require_safe
@cache_control(max_age=3600, public=True)
def cover_thumbnail(request, item_code):
    """The cover thumbnail, read from the media storage whatever backend it is."""
    edition = _published_edition(item_code)
    if not edition.cover_thumbnail:
        raise Http404("No cover")
    return FileResponse(_open_media(edition.cover_thumbnail), content_type="image/jpeg")


@require_safe
@cache_control(max_age=3600, public=True)
def cover_rendition(request, item_code, width):
    """A WebP rendition of the cover thumbnail (materials/images.py), made now if the storage lacks it."""
    if width not in images.RENDITION_WIDTHS:
        raise Http404("No such size")
    edition = _published_edition(item_code)
    if not edition.cover_thumbnail:
        raise Http404("No cover")
    storage, name = edition.cover_thumbnail.storage, images.rendition_name(edition.cover_thumbnail.name, width)
    try:
        return FileResponse(storage.open(name, "rb"), content_type="image/webp")
    except FileNotFoundError:
        pass
    try:
        images.ensure_cover_renditions(edition.cover_thumbnail)
    except FileNotFoundError:
        logger.warning("Media file missing from the storage: %s", edition.cover_thumbnail.name)
        raise Http404("No such file") from None
    return FileResponse(storage.open(name, "rb"), content_type="image/webp")


@require_safe
@cache_control(max_age=3600, public=True)
def pdf(request, item_code):
    edition = _published_edition(item_code)
    if not edition.pdf:
        raise Http404("No PDF")
    return FileResponse(
        _open_media(edition.pdf),
        content_type="application/pdf",
        filename=f"{edition.item_code}.pdf",
        as_attachment=True,
    )
