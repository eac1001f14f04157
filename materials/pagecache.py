"""Which public pages show which of this app's rows, for the page cache (rescue_restore.pagecache).

Tags: ``"materials"`` is on every page that shows the catalog's content (the
catalog, a material's page, site search and audience pages through their
discovered modules); ``availability(material_id)`` is on the pages that show
whether that material's editions can be ordered (its own page, and every catalog
page that lists it, in either language). An order or a stock movement changes
an edition's stock and so only its material's availability; a sign-up or an
order's own rows change no public page.
"""

from materials.models import Audience, Edition, Material, Order, OrderingPolicy, OrderItem, OrderStatusChange
from materials.models.stock import StockMovement

# Pages stored although they hold a CSRF token (cut out and put back per visitor): the catalog and a
# material's page carry "Add to my order" forms; the order page's server copy is its empty state.
FORM_PAGES = {"materials:catalog", "materials:detail", "materials:order"}
# Edition fields that change with orders and stock movements. Only the stock is shown (as
# "can be ordered" or "out of stock"); when the low-stock alert was sent is not.
STOCK_FIELDS = frozenset({"stock_on_hand", "low_stock_notified_at"})
# Rows no public page shows.
PRIVATE = (Order, OrderItem, OrderStatusChange, StockMovement, OrderingPolicy)


def availability(material_id):
    return f"materials.availability:{material_id}"


def stale_tags(instance, update_fields):
    """The tags a save or delete of ``instance`` makes stale; None for a model not named here."""
    if isinstance(instance, Edition):
        if update_fields is not None and set(update_fields) <= STOCK_FIELDS:
            return {availability(instance.material_id)} if "stock_on_hand" in update_fields else set()
        return {"materials", availability(instance.material_id)}
    if isinstance(instance, Material | Audience):
        return {"materials"}
    if isinstance(instance, PRIVATE) or instance._meta.model_name.startswith("historical"):
        return set()  # a history row's own save changes nothing shown (its subject's save did)
    return None
