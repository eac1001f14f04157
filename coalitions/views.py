"""Public pages: the directory and map, a listing, the request form, the re-verification link."""

from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalitions import reverification, services
from coalitions.forms import AffiliationRequestForm, DirectoryFilterForm, ListingUpdateForm, OutdatedReportForm
from coalitions.models import MEMBER_STANDARD, Coalition
from coalitions.states import MAP_HEIGHT, MAP_WIDTH, STATE_CHOICES, STATE_NAMES, TILE_SIZE, map_tiles, name_sort_key
from rescue_restore.site_search.text_search import every_word_in
from rescue_restore.text.us_states import place_name
from rescue_restore.web.antiabuse import rate_limit
from rescue_restore.web.privacy import personal_page

PER_PAGE = 50
SESSION_REFERENCE = "coalitions:last_request_reference"


# Order groups by the state's name, not its code (Iowa after Indiana, not before Idaho).
# Built per request: the order depends on the language of the page.
def _state_order():
    return Case(
        *(When(state=code, then=Value(position)) for position, (code, _name) in enumerate(STATE_CHOICES)),
        output_field=IntegerField(),
    )


def counts_by_state():
    """``{state_code: number of public coalitions}`` in one query."""
    rows = Coalition.objects.public().order_by().values("state").annotate(number=Count("pk"))
    return {row["state"]: row["number"] for row in rows}


def _search(queryset, query):
    return queryset.filter(every_word_in(query, ["name", "city", "area_served"]))


@require_safe
def directory(request):
    filter_form = DirectoryFilterForm(request.GET)
    query, state = filter_form.filters()
    listings = Coalition.objects.public()
    if state:
        listings = listings.filter(state=state)
    if query:
        listings = _search(listings, query)
    listings = listings.annotate(state_order=_state_order()).order_by("state_order", "name", "pk")
    # Only what a listing's row shows (its language marks its area served inside a translated sentence).
    shown = ("name", "slug", "city", "state", "area_served", "language", "listing_status", "last_verified")
    listings = listings.only(*shown)
    page = Paginator(listings, PER_PAGE).get_page(request.GET.get("page"))
    state_groups = _by_state(page.object_list)

    counts = counts_by_state()
    tiles = map_tiles(counts)
    table_rows = [tile for tile in sorted(tiles, key=lambda tile: name_sort_key(tile.name)) if tile.count]
    filters_for_links = request.GET.copy()
    filters_for_links.pop("page", None)
    context = {
        "filter_form": filter_form,
        "query": query,
        "state": state,
        "state_name": STATE_NAMES.get(state, ""),
        "page_obj": page,
        "state_groups": state_groups,
        "tiles": tiles,
        "table_rows": table_rows,
        "total_listed": sum(counts.values()),
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "tile_size": TILE_SIZE,
        "filter_querystring": filters_for_links.urlencode(),
    }
    return render(request, "coalitions/directory.html", context)


def _by_state(listings):
    """``[{"grouper": state name, "list": [listings]}]`` for listings already in state order.

    Each state's name is looked up once (``place_name``), not per row: ``{% regroup … by
    get_state_display %}`` resolved and hashed the lazy name of every row, 40 % of the uncached page.
    """
    groups = []
    for code, rows in groupby(listings, key=attrgetter("state")):
        groups.append({"grouper": place_name(code), "list": list(rows)})
    return groups


def _render_detail(request, coalition, report_form, status=200):
    return render(
        request, "coalitions/detail.html", {"coalition": coalition, "report_form": report_form}, status=status
    )


@require_safe
def detail(request, slug):
    coalition = get_object_or_404(Coalition.objects.public(), slug=slug)
    return _render_detail(request, coalition, OutdatedReportForm())


@require_POST
@rate_limit("coalition-report", rate="5/h")
def report_outdated(request, slug):
    coalition = get_object_or_404(Coalition.objects.public(), slug=slug)
    form = OutdatedReportForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, coalition, form, status=400)
    services.report_outdated(coalition, message=form.cleaned_data["message"], email=form.cleaned_data["email"])
    messages.success(
        request, gettext("Thank you. Your report has been sent to the staff who keep the directory current.")
    )
    return redirect(coalition)


@require_http_methods(["GET", "HEAD", "POST"])
@personal_page
@rate_limit("coalition-request", rate="5/h")
def request_affiliation(request):
    form = AffiliationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            request_object = services.submit_request(form.save(commit=False))
        except services.DuplicateRequestError as duplicate:
            form.add_error(None, duplicate.message)
        else:
            request.session[SESSION_REFERENCE] = request_object.reference
            return redirect("coalitions:request_received")
    context = {"form": form, "member_standard": MEMBER_STANDARD}
    return render(request, "coalitions/request_form.html", context, status=400 if form.is_bound else 200)


@require_safe
@personal_page
@never_cache
def request_received(request):
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("coalitions:request")
    return render(request, "coalitions/request_received.html", {"reference": reference})


def _coalition_or_invalid_page(request, token):
    """``(coalition, None)`` for a good link, ``(None, response)`` for a bad one."""
    try:
        return reverification.coalition_for_token(token), None
    except reverification.InvalidLinkError as invalid:
        return None, _invalid_link_page(request, invalid)


def _invalid_link_page(request, invalid):
    context = {"expired": invalid.expired, "replaced": invalid.replaced}
    return render(request, "coalitions/verify_invalid.html", context, status=400)


def _render_verify(request, coalition, token, update_form, status=200):
    context = {"coalition": coalition, "form": update_form, "token": token}
    return render(request, "coalitions/verify.html", context, status=status)


# The verify pages show a listing's contact details to whoever holds the link: never cached.
@require_safe
@personal_page
@never_cache
def verify_listing(request, token):
    """The signed link from the re-verification email: the details, a confirm button and an update form."""
    coalition, invalid = _coalition_or_invalid_page(request, token)
    if invalid:
        return invalid
    return _render_verify(request, coalition, token, ListingUpdateForm(coalition=coalition))


@require_POST
@personal_page
@never_cache
@rate_limit("coalition-verify", rate="10/h")
def confirm_listing(request, token):
    coalition, invalid = _coalition_or_invalid_page(request, token)
    if invalid:
        return invalid
    try:
        reverification.confirm_listing(coalition, link_sent_at=coalition.reverification_sent_at)
    except reverification.InvalidLinkError as stale:  # another request used the link, or the listing went
        return _invalid_link_page(request, stale)
    messages.success(request, gettext("Thank you. The listing is confirmed as current for another year."))
    return redirect(coalition)


@require_POST
@personal_page
@never_cache
@rate_limit("coalition-verify", rate="10/h")
def update_listing(request, token):
    coalition, invalid = _coalition_or_invalid_page(request, token)
    if invalid:
        return invalid
    update_form = ListingUpdateForm(request.POST, coalition=coalition)
    if update_form.is_valid():
        try:
            services.submit_request(update_form.save(commit=False))
        except services.DuplicateRequestError as duplicate:
            update_form.add_error(None, duplicate.message)
        else:
            messages.success(request, gettext("Thank you. Your updates will appear once a moderator has checked them."))
            return redirect(coalition)
    return _render_verify(request, coalition, token, update_form, status=400)
