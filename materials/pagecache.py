"""Which public pages show which of this app's rows, for the page cache (rescue_restore.web.pagecache).

Tags: ``"materials"`` is on every page that shows the catalog's content (the
catalog, a material's page, site search and audience pages through their
discovered modules); ``availability(material_id)`` is on the pages that show
whether that material's editions can be ordered (its own page, and every catalog
page that lists it, in either language). An order or a stock movement changes
an edition's stock, and so its material's availability only when the stock
crosses zero (the pages say "out of stock", never how many); a sign-up or an
order's own rows change no public page. A material's draft, its new files and its
history change no public page either until the draft is published, which saves the
material (``"materials"``) and the editions whose files it replaces.
"""

import functools
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from materials.models import (
    Audience,
    Edition,
    Material,
    MaterialDraft,
    MaterialDraftEvent,
    MaterialDraftFile,
    Order,
    OrderingPolicy,
    OrderItem,
    OrderStatusChange,
)
from materials.models.stock import StockMovement
from materials.order_list import SESSION_KEY, OrderList

# Pages stored although they hold a CSRF token (cut out and put back per visitor): the catalog and a
# material's page carry "Add to my order" forms; the order page's server copy is its empty state.
FORM_PAGES = {"materials:catalog", "materials:detail", "materials:order"}
# The order list is the only thing a visitor's session holds that public pages show, and only in the
# summary fragment (filled per answer) and the "in your order" states site.js sets from it: a visitor
# with a list gets the same cached catalog as everyone else. The order form shows the list itself:
# it is stored for each list's content (rescue_restore.web.pagecache._session_variant_key).
SESSION_KEYS = {SESSION_KEY}
SESSION_PAGES = {"materials:order"}


def order_summary(request: HttpRequest) -> str:
    """The visitor's order list at a glance (count, link, the chosen editions for site.js), or nothing."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""  # no session, no list: and no session read
    chosen = OrderList(request.session).edition_ids()
    if not chosen:
        return ""
    return _summary(get_language(), tuple(chosen))


@functools.lru_cache(maxsize=1024)
def _summary(language: str, chosen: tuple[int, ...]) -> str:
    """The summary for these editions in this language, rendered once a process (a third of a returning
    visitor's answer from the page cache was this template)."""
    return render_to_string(
        "materials/includes/order_summary.html", {"chosen_count": len(chosen), "chosen_edition_ids": list(chosen)}
    )


FRAGMENTS: dict[str, Callable[[HttpRequest], str]] = {"materials.order_summary": order_summary}

# Edition fields that change with orders and stock movements. Only the stock is shown (as
# "can be ordered" or "out of stock"); when the low-stock alert was sent is not.
STOCK_FIELDS = frozenset({"stock_on_hand", "low_stock_notified_at"})
# Rows no public page shows.
PRIVATE = (
    Order,
    OrderItem,
    OrderStatusChange,
    StockMovement,
    OrderingPolicy,
    MaterialDraft,
    MaterialDraftFile,
    MaterialDraftEvent,
    MaterialDraft.edited_by.through,
)
# Admin steps whose every write is a model save (their signals say what changed): a POST to them
# does not make every page stale (rescue_restore.web.pagecache).
SIGNALLED_ADMIN_VIEWS = {
    "admin:materials_materialdraft_clearance",
    "admin:materials_material_start_draft",
    "admin:materials_material_roll_back",
}


def availability(material_id: int) -> str:
    return f"materials.availability:{material_id}"


def stale_tags(instance: Model, update_fields: Iterable[str] | None) -> set[str] | None:
    """The tags a save or delete of ``instance`` makes stale; None for a model not named here."""
    if isinstance(instance, Edition):
        if update_fields is not None and set(update_fields) <= STOCK_FIELDS:
            # Written by materials/stock.py, which reports only a change of stock a visitor sees.
            return {availability(instance.material_id)}
        return {"materials", availability(instance.material_id)}
    if isinstance(instance, Material | Audience):
        return {"materials"}
    if isinstance(instance, PRIVATE) or (instance._meta.model_name or "").startswith("historical"):
        return set()  # a history row's own save changes nothing shown (its subject's save did)
    return None
