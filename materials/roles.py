"""What each staff role may do with materials, editions and orders."""

from rescue_restore.roles import CONTENT_EDITORS, FULFILMENT

ROLE_PERMISSIONS = {
    FULFILMENT: [
        "materials.view_order",
        "materials.change_order",
        "materials.view_orderitem",
        "materials.view_orderstatuschange",
        "materials.view_edition",
        "materials.change_edition",
        "materials.view_material",
        "materials.view_orderingpolicy",
        "materials.change_orderingpolicy",
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
    ],
}
