"""What each staff role may do with materials, editions, stock and orders.

Fulfilment: orders (see and move them through the workflow), stock (stock
movements only: they see editions but change none of their other fields; the
ordering policy) and the shipped-items report; nothing else. Content
editors: the catalog (materials, editions, audiences) and no order at all,
so they never see requesters' names, addresses or emails; a live material's
text and files change through a draft. Content approvers: read materials and
their drafts, and approve drafts written by someone else.
"""

from rescue_restore.accounts.roles import CONTENT_APPROVERS, CONTENT_EDITORS, FULFILMENT

ROLE_PERMISSIONS = {
    FULFILMENT: [
        # Orders
        "materials.view_order",
        "materials.change_order",  # the workflow pages and bulk actions; no field is edited by hand
        "materials.view_orderitem",
        "materials.view_orderstatuschange",
        # Stock: seen, and changed only through the edition's "Record a stock movement" page
        "materials.view_edition",
        "materials.record_stock_movement",
        "materials.view_stockmovement",
        "materials.view_orderingpolicy",
        "materials.change_orderingpolicy",
        # Reports
        "materials.view_distribution_report",
    ],
    CONTENT_EDITORS: [
        "materials.view_material",
        "materials.add_material",
        "materials.change_material",
        "materials.view_edition",
        "materials.add_edition",
        "materials.change_edition",
        "materials.view_audience",
        "materials.add_audience",
        "materials.change_audience",
        # A live material's text, covers and PDFs change through a draft a content approver clears.
        "materials.view_materialdraft",
        "materials.add_materialdraft",
        "materials.change_materialdraft",
        "materials.delete_materialdraft",
        "materials.view_materialdraftfile",
        "materials.add_materialdraftfile",
        "materials.change_materialdraftfile",
        "materials.delete_materialdraftfile",
    ],
    CONTENT_APPROVERS: [
        "materials.view_material",
        "materials.view_edition",
        "materials.view_materialdraft",
        "materials.view_materialdraftfile",
        "materials.approve_materialdraft",
    ],
}
