"""The materials admin, split by feature; importing this package registers every ModelAdmin.

- ``catalog``: materials, audiences, the ordering policy (content editors).
- ``drafts``: material drafts (new text and files of a live material) and their clearance.
- ``editions``: editions with stock on hand and reserved, stock movements, the restock page.
- ``orders``: the order list, per-order workflow pages, bulk actions, packing slips.
- ``reports``: the shipped-items report (by month and state) with its server-drawn chart.
"""

from materials.admin import catalog, drafts, editions, orders, reports  # noqa: F401
