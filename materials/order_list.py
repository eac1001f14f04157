"""The visitor's order list: the editions chosen with "Add to my order", kept in the session.

No account and no model: the list is a short sequence of ``[edition id,
copies]`` pairs in the visitor's session, in the order they were added, so
it survives a refused form, a trip back to the catalog and a page reload. It
holds ids and numbers only; the editions are read fresh from the database
each time, so a withdrawn or sold-out edition is shown as such, never
ordered by accident. Placing an order empties it; a session left with
nothing else in it is then ended.
"""

from collections.abc import Mapping, Sequence

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext

from materials import stock
from materials.models import Edition
from materials.models.catalog import EditionQuerySet

SESSION_KEY = "materials_order_list"
# A visitor's list is short; the cap keeps the order page (one field per item) small.
MAX_ITEMS = 40
# Ids as the database stores them: a bigger number cannot be an edition.
MAX_ID = 2**31 - 1

# One item of the list: (edition id, copies typed so far or None).
type Entry = tuple[int, int | None]


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, list | tuple) or len(entry) != 2:
        return False
    edition_id, copies = entry
    valid_id = type(edition_id) is int and 0 < edition_id <= MAX_ID
    return valid_id and (copies is None or (type(copies) is int and 0 <= copies <= MAX_ID))


class OrderList:
    """Read and change the list in ``session``; every change is saved at once."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session

    def _entries(self) -> list[Entry]:
        stored = self.session.get(SESSION_KEY, [])
        if not isinstance(stored, list):
            return []
        entries: list[Entry] = []
        seen: set[int] = set()
        for entry in stored[:MAX_ITEMS]:
            if _valid_entry(entry) and entry[0] not in seen:
                seen.add(entry[0])
                entries.append((entry[0], entry[1]))
        return entries

    def _store(self, entries: list[Entry]) -> None:
        if entries:
            stored = [[edition_id, copies] for edition_id, copies in entries[:MAX_ITEMS]]
            # An unchanged list is not written again: a form sent back with an error (a refused
            # order keeps what was typed) would otherwise save the session for nothing.
            if self.session.get(SESSION_KEY) != stored:
                self.session[SESSION_KEY] = stored
            return
        self.session.pop(SESSION_KEY, None)
        if not self.session.keys():
            # Nothing else in it: end the session rather than keep an empty one. Its row goes, the
            # cookie is deleted, and the visitor's next pages can come from the page cache again.
            self.session.flush()

    def quantities(self) -> dict[int, int | None]:
        """{edition id: copies or None}, in the order the items were added."""
        return dict(self._entries())

    def edition_ids(self) -> list[int]:
        return [edition_id for edition_id, _copies in self._entries()]

    def __len__(self) -> int:
        return len(self._entries())

    def __contains__(self, edition_id: object) -> bool:
        return edition_id in self.quantities()

    def is_full(self) -> bool:
        return len(self) >= MAX_ITEMS

    def add(self, edition_id: int, copies: int | None = 1) -> bool:
        """Add an edition at the end; False when it was already there or the list is full."""
        entries = self._entries()
        if any(existing == edition_id for existing, _copies in entries) or len(entries) >= MAX_ITEMS:
            return False
        self._store([*entries, (edition_id, copies)])
        return True

    def remove(self, edition_id: int) -> None:
        self._store([(existing, copies) for existing, copies in self._entries() if existing != edition_id])

    def update(self, quantities: Mapping[int, int | None]) -> None:
        """Keep the copies typed on the order form: ``{edition id: copies}``; new ids go at the end."""
        entries = [(edition_id, quantities.get(edition_id, copies)) for edition_id, copies in self._entries()]
        listed = {edition_id for edition_id, _copies in entries}
        entries += [(edition_id, copies) for edition_id, copies in quantities.items() if edition_id not in listed]
        self._store(entries)

    def clear(self) -> None:
        self._store([])


def addable_editions() -> EditionQuerySet:
    """Editions a visitor may add to the list: orderable in print and in stock."""
    return Edition.objects.orderable().in_stock()


def listed_editions(edition_ids: Sequence[int]) -> list[Edition]:
    """The editions behind ``edition_ids`` (one query), in that order; ids no longer found are left out."""
    if not edition_ids:
        return []
    found = Edition.objects.select_related("material").in_bulk(edition_ids)
    return [found[edition_id] for edition_id in edition_ids if edition_id in found]


# Posted quantities for items not in the list (a form from another tab, a bookmarked POST):
# at most this many are looked at, so a hostile post cannot make the page build thousands of fields.
MAX_POSTED_EXTRAS = MAX_ITEMS


def form_candidates(list_ids: Sequence[int], posted: Mapping[int, bool]) -> list[int]:
    """The ids the order form may list: the list's items, then (a POST) quantity boxes posted for other items.

    ``list_ids`` are the ids in the visitor's list; ``posted`` is ``{edition
    id: True if a quantity other than 0 was typed}`` for the quantity boxes in
    a POST. At most ``MAX_POSTED_EXTRAS`` unlisted ids are looked at.
    """
    listed = set(list_ids)
    extras = [edition_id for edition_id in posted if edition_id not in listed][:MAX_POSTED_EXTRAS]
    return [*list_ids, *extras]


def arrange_form_editions(
    found: Mapping[int, Edition], list_ids: Sequence[int], posted: Mapping[int, bool]
) -> tuple[list[Edition], set[int]]:
    """``(editions, withdrawn ids)`` for the order form, from the editions ``found`` by id.

    ``found`` holds the ``form_candidates`` read with their materials. The
    form lists the list's items first, then orderable items that were posted
    but not listed. An item that stopped being orderable stays (as
    "withdrawn", so the form can say so) when it is in the list or a quantity
    was typed for it: nothing someone chose is ever silently dropped.
    """
    editions: list[Edition] = []
    withdrawn: set[int] = set()
    for edition_id in form_candidates(list_ids, posted):
        edition = found.get(edition_id)
        if edition is None:
            continue
        if not stock.is_orderable(edition):
            if edition_id not in list_ids and not posted.get(edition_id):
                continue
            withdrawn.add(edition_id)
        editions.append(edition)
    return editions, withdrawn


def form_editions(list_ids: Sequence[int]) -> tuple[list[Edition], set[int]]:
    """``(editions, withdrawn ids)`` for the order form shown with the visitor's list, in one query.

    A posted form reads its editions with the order instead, locked
    (``services.submit_order``), and arranges them the same way.
    """
    if not list_ids:
        return [], set()
    found = Edition.objects.select_related("material").in_bulk(list_ids)
    return arrange_form_editions(found, list_ids, {})


def describe(edition: Edition) -> str:
    return gettext("“%(title)s” (%(language)s)") % {
        "title": edition.material.title,
        "language": edition.get_language_display(),
    }


def add_item(order_list: OrderList, item_code: str) -> tuple[str, str]:
    """Add the edition with ``item_code``; returns ``(level, message)`` to tell the visitor."""
    edition = addable_editions().select_related("material").filter(item_code=item_code).first()
    if edition is None:
        return "error", gettext("This item cannot be ordered in print right now. You can still download it.")
    if edition.pk in order_list:
        return "info", gettext("%(item)s is already in your order.") % {"item": describe(edition)}
    if order_list.is_full():
        return "error", gettext(
            "Your order already has %(count)s items, the most one order can hold. "
            "Place this order first, then start another."
        ) % {"count": MAX_ITEMS}
    order_list.add(edition.pk)
    return "success", gettext("%(item)s was added to your order. Choose how many copies on the order page.") % {
        "item": describe(edition)
    }


def remove_item(order_list: OrderList, item_code: str) -> tuple[str, str]:
    edition = Edition.objects.select_related("material").filter(item_code=item_code).first()
    if edition is None or edition.pk not in order_list:
        return "info", gettext("That item was not in your order.")
    order_list.remove(edition.pk)
    return "success", gettext("%(item)s was removed from your order.") % {"item": describe(edition)}
